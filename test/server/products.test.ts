/**
 * Products end to end on both backends: a flood product made by the `flood` job from the real
 * Sen1Floods11 chip (Sentinel-1 + Sentinel-2), products published by POST with statistics over
 * the bundled regions and the previous comparison, CSV and geometry, audit, live events, bad
 * input (files, paths, geometry), and nation releasability on every product route.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pixelAreaModel } from '../../src/imaging/area.js';
import { openRaster } from '../../src/io/raster/reader.js';
import type { LiveEvent } from '../../src/server/events.js';
import { testBackends } from '../support/backends.js';
import { referencePath } from '../support/reference.js';
import { squareFeature } from '../support/products.js';
import { type TestServer, bearer, createUsers, startServer } from '../support/server.js';

const backends = await testBackends();
const CHIP = 'Spain_7370579';

describe.each(backends)('products on $name', (backend) => {
  let s: TestServer;
  let users: Awaited<ReturnType<typeof createUsers>>;
  let imagery: string;
  const events: LiveEvent[] = [];
  const tok = (name: string) => bearer(users.get(name)!.token);
  const call = (name: string, method: string, url: string, payload?: unknown) =>
    s.app.inject({
      method: method as 'GET',
      url,
      headers: tok(name),
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const waitJob = async (id: string, name = 'analyst-ml') => {
    for (let i = 0; i < 600; i++) {
      const j = (await call(name, 'GET', `/api/v1/jobs/${id}`)).json();
      if (!['queued', 'running'].includes(j.status)) return j;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`job ${id} did not finish`);
  };

  beforeAll(async () => {
    // The scenes, copied to a scratch imagery directory (never into the project), and a
    // truncated copy of the radar scene.
    imagery = mkdtempSync(join(tmpdir(), 'sahelsat-imagery-'));
    for (const f of ['S1Hand', 'S2Hand'])
      copyFileSync(
        referencePath('imagery', 'sen1floods11', `${CHIP}_${f}.tif`),
        join(imagery, `${CHIP}_${f}.tif`),
      );
    const s1 = readFileSync(join(imagery, `${CHIP}_S1Hand.tif`));
    writeFileSync(join(imagery, 'truncated_S1.tif'), s1.subarray(0, Math.floor(s1.length * 0.6)));
    writeFileSync(join(imagery, 'notes.txt'), 'not an image\n');
    s = await startServer(backend, { jobs: { threads: 1, pollMs: 100 }, imageryDir: imagery });
    users = await createUsers(s);
    s.app.sahelsat.services.deps.events.subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    await s?.close();
    rmSync(imagery, { recursive: true, force: true });
  });

  describe('flood job on the Sen1Floods11 chip', () => {
    let job: { id: string; result: Record<string, unknown> };
    let product: Record<string, unknown> & { id: string; stats: { totalAreaKm2: number } };

    beforeAll(async () => {
      const r = await call('analyst-ml', 'POST', '/api/v1/jobs', {
        type: 'flood',
        releasability: 'nation',
        params: {
          s1: `${CHIP}_S1Hand.tif`,
          s2: `${CHIP}_S2Hand.tif`,
          title: 'Segura flood, September 2019',
          releasability: 'nation',
          acquiredAt: '2019-09-17T18:00:00Z',
        },
      });
      expect(r.statusCode, r.body).toBe(202);
      job = await waitJob(r.json().id);
      expect(job, JSON.stringify(job)).toMatchObject({ status: 'succeeded' });
      const p = await call('analyst-ml', 'GET', `/api/v1/products/${job.result.productId}`);
      expect(p.statusCode).toBe(200);
      product = p.json();
    }, 180_000);

    it('makes a product whose polygon area matches the pixel area of the water mask', () => {
      expect(product).toMatchObject({
        type: 'flood',
        title: 'Segura flood, September 2019',
        acquiredAt: '2019-09-17T18:00:00.000Z',
        ownerNation: 'ML',
        releasability: 'nation',
        jobId: job.id,
        sourceScenes: [`${CHIP}_S1Hand`, `${CHIP}_S2Hand`],
      });
      // Two independent computations: the zonal statistics integrate the polygons on the
      // ellipsoid, the flood product sums its pixels' areas.
      const pixelKm2 = job.result.waterPixelAreaKm2 as number;
      expect(product.areaKm2).toBeGreaterThan(1);
      expect(Math.abs((product.areaKm2 as number) - pixelKm2) / pixelKm2).toBeLessThan(1e-4);
      // Outside the Sahel: no region, no town of ours.
      expect(product.stats).toMatchObject({ regions: [], towns: [] });
    });

    it('maps about as much water as the hand label holds (fused IoU ≈ 0.73 on this chip)', async () => {
      const label = await openRaster(
        referencePath('imagery', 'sen1floods11', `${CHIP}_LabelHand.tif`),
      );
      const [v] = await label.readWindow({ x0: 0, y0: 0, width: 512, height: 512 }, [0]);
      await label.close();
      const model = pixelAreaModel(label.grid, true, (x, y) => [x, y]);
      let m2 = 0;
      v!.forEach((x, i) => {
        if (x === 1) {
          const row = Math.floor(i / 512);
          m2 += model.rowPrefix[row + 1]! - model.rowPrefix[row]!; // one pixel of that row
        }
      });
      const ratio = (product.areaKm2 as number) / (m2 / 1e6);
      // (1 − omission) / (1 − commission) of the fused map is 0.91 (docs/imaging.md).
      expect(ratio).toBeGreaterThan(0.75);
      expect(ratio).toBeLessThan(1.1);
    });

    it('catalogues the product and its two scenes with the scene footprint', async () => {
      const item = (
        await call(
          'analyst-ml',
          'GET',
          `/stac/collections/sahelsat-flood/items/${product.stacItemId}`,
        )
      ).json();
      expect(item.properties).toMatchObject({
        datetime: '2019-09-17T18:00:00.000Z',
        'sahelsat:nation': 'ML',
        'sahelsat:releasability': 'nation',
        'sahelsat:product_type': 'flood',
      });
      // The chip's grid: origin (-0.781893623297631, 38.128812571396267), 512 px of 0.000089831528412°.
      const w = -0.781893623297631;
      const n = 38.128812571396267;
      const d = 512 * 0.000089831528412;
      expect(item.bbox[0]).toBeCloseTo(w, 6);
      expect(item.bbox[1]).toBeCloseTo(n - d, 6);
      expect(item.bbox[2]).toBeCloseTo(w + d, 6);
      expect(item.bbox[3]).toBeCloseTo(n, 6);
      const derived = item.links.filter((l: { rel: string }) => l.rel === 'derived_from');
      expect(derived).toHaveLength(2);
      for (const l of derived) {
        const scene = await s.app.inject({
          url: new URL(l.href).pathname,
          headers: tok('analyst-ml'),
        });
        expect(scene.statusCode).toBe(200);
        expect(scene.json().collection).toBe('sahelsat-scenes');
      }
      const geometry = await call('analyst-ml', 'GET', `/api/v1/products/${product.id}/geometry`);
      expect(geometry.headers['content-type']).toMatch(/application\/geo\+json/);
      expect(geometry.json().features.length).toBe(job.result.polygons);
    });

    it('announces product.created once the job is committed, to ML only', () => {
      const e = events.find((x) => x.type === 'product.created' && x.data.id === product.id);
      expect(e).toBeDefined();
      expect(e!.audience).toEqual({ kind: 'item', ownerNation: 'ML', releasability: 'nation' });
      expect(e!.data).toMatchObject({ stacItemId: product.stacItemId, areaKm2: product.areaKm2 });
    });

    it('hides the nation product, its geometry, statistics and STAC items from other nations', async () => {
      for (const name of ['analyst-bf', 'admin-aes', 'viewer-ne']) {
        for (const url of [
          `/api/v1/products/${product.id}`,
          `/api/v1/products/${product.id}/geometry`,
          `/api/v1/products/${product.id}/stats.csv`,
          `/stac/collections/sahelsat-flood/items/${product.stacItemId}`,
          `/stac/collections/sahelsat-scenes/items/${CHIP}_S1Hand`,
        ])
          expect((await call(name, 'GET', url)).statusCode, `${name} ${url}`).toBe(404);
        const list = (await call(name, 'GET', '/api/v1/products?limit=500')).json();
        expect(list.items.map((p: { id: string }) => p.id)).not.toContain(product.id);
        const search = (
          await call(name, 'POST', '/stac/search', { ids: [product.stacItemId, `${CHIP}_S1Hand`] })
        ).json();
        expect(search.features).toEqual([]);
      }
      expect((await call('viewer-ml', 'GET', `/api/v1/products/${product.id}`)).statusCode).toBe(
        200,
      );
    });
  });

  describe('flood job input errors', () => {
    const flood = (params: Record<string, unknown>) =>
      call('analyst-ml', 'POST', '/api/v1/jobs', {
        type: 'flood',
        releasability: 'nation',
        params: { title: 't', releasability: 'nation', ...params },
      });

    it('refuses at creation a path outside the imagery directory, a missing file or a non-image, naming the parameter', async () => {
      const cases: Array<[Record<string, unknown>, string, RegExp]> = [
        [{ s1: '../etc/passwd' }, 'body.params.s1', /no such file|leaves/],
        [{ s1: '/etc/passwd' }, 'body.params.s1', /relative to the imagery directory/],
        [{ s1: 'missing.tif' }, 'body.params.s1', /no such file/],
        [{ s1: 'notes.txt' }, 'body.params.s1', /not a readable GeoTIFF/],
        [
          { s1: `${CHIP}_S1Hand.tif`, pre: 'notes.txt' },
          'body.params.pre',
          /not a readable GeoTIFF/,
        ],
      ];
      for (const [params, path, message] of cases) {
        const r = await flood(params);
        expect(r.statusCode, JSON.stringify(params)).toBe(400);
        const issue = r.json().error.issues[0];
        expect(issue.path).toBe(path);
        expect(issue.message).toMatch(message);
        expect(issue.message).not.toContain(imagery); // no server path in messages
      }
      expect(
        (
          await call('viewer-ml', 'POST', '/api/v1/jobs', {
            type: 'flood',
            releasability: 'nation',
            params: { s1: `${CHIP}_S1Hand.tif`, title: 't', releasability: 'nation' },
          })
        ).statusCode,
      ).toBe(403);
    });

    it('fails a job whose scene turns out corrupt at once, with the file and the problem', async () => {
      const r = await flood({ s1: 'truncated_S1.tif' });
      if (r.statusCode === 400) {
        // The header already shows the damage: refused at creation, which is as clear.
        expect(r.json().error.issues[0].message).toMatch(/truncated_S1\.tif/);
        return;
      }
      expect(r.statusCode).toBe(202);
      const j = await waitJob(r.json().id);
      expect(j.status).toBe('failed');
      expect(j.attempts).toBe(1); // bad input is not retried
      expect(j.error.message).toMatch(/truncated_S1\.tif/);
      expect(j.error.code).toMatch(/raster/);
    }, 60_000);

    it('cancels a running flood job', async () => {
      const r = await flood({ s1: `${CHIP}_S1Hand.tif`, s2: `${CHIP}_S2Hand.tif` });
      expect(r.statusCode).toBe(202);
      const id = r.json().id;
      const c = await call('analyst-ml', 'POST', `/api/v1/jobs/${id}/cancel`);
      expect(c.statusCode).toBe(200);
      const j = await waitJob(id);
      expect(j.status).toBe('cancelled');
      expect(j.result).toBeNull();
    }, 60_000);
  });

  describe('POST /products', () => {
    const body = (over: Record<string, unknown> = {}) => ({
      type: 'flood',
      title: 'Niger at Mopti',
      acquiredAt: '2026-08-01T10:00:00Z',
      releasability: 'alliance',
      geometry: { type: 'FeatureCollection', features: [squareFeature(-4.3, 14.4, 0.2)] },
      ...over,
    });

    it('computes statistics per region and town, compares with the previous product, audits', async () => {
      const first = await call(
        'analyst-ml',
        'POST',
        '/api/v1/products',
        body({ sourceScenes: ['S1A_20260801'] }),
      );
      expect(first.statusCode, first.body).toBe(201);
      const a = first.json();
      expect(a.stats.regions).toHaveLength(1);
      expect(a.stats.regions[0]).toMatchObject({
        name: 'Mopti',
        nation: 'ML',
        previousAreaKm2: null,
      });
      expect(a.stats.towns.map((t: { name: string }) => t.name)).toContain('Mopti');
      expect(a.previousId).toBeNull();
      // A larger flood a week later over the same place, compared with the first.
      const second = await call(
        'analyst-bf',
        'POST',
        '/api/v1/products',
        body({
          acquiredAt: '2026-08-08T10:00:00Z',
          geometry: { type: 'FeatureCollection', features: [squareFeature(-4.3, 14.4, 0.3)] },
        }),
      );
      expect(second.statusCode).toBe(201);
      const b = second.json();
      expect(b.previousId).toBe(a.id);
      const mopti = b.stats.regions.find((r: { name: string }) => r.name === 'Mopti');
      expect(mopti.previousAreaKm2).toBeCloseTo(a.stats.regions[0].areaKm2, 6);
      expect(b.areaKm2).toBeCloseTo(a.areaKm2 * 2.25, -1); // (0.3/0.2)² on a near-flat patch
      // CSV: header, total, region rows.
      const csv = await call('viewer-ne', 'GET', `/api/v1/products/${b.id}/stats.csv`);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe(
        'kind,id,name,nation,area_km2,zone_area_km2,share,previous_area_km2,population,latitude_deg,longitude_deg,distance_km,inside',
      );
      expect(lines[1]).toMatch(/^total,,,,/);
      expect(lines.some((l) => l.startsWith('region,') && l.includes('Mopti'))).toBe(true);
      // Audit, in the same transaction as the product.
      const audit = (
        await call('admin-aes', 'GET', `/api/v1/audit?entityType=product&entityId=${b.id}`)
      ).json();
      expect(audit.map((x: { action: string }) => x.action)).toEqual(['product.create']);
      expect(events.some((e) => e.type === 'product.created' && e.data.id === b.id)).toBe(true);
    });

    it('feeds the alert rules: a published product over a threshold raises an alert with its id', async () => {
      const rule = await call('operator-ml', 'POST', '/api/v1/alert-rules', {
        kind: 'flood-area',
        name: 'Mopti region above 500 km²',
        regionId: 'ML-5',
        thresholdKm2: 500,
      });
      expect(rule.statusCode, rule.body).toBe(201);
      const p = (
        await call(
          'analyst-bf',
          'POST',
          '/api/v1/products',
          body({
            acquiredAt: '2026-08-20T10:00:00Z',
            geometry: { type: 'FeatureCollection', features: [squareFeature(-4.3, 14.4, 0.3)] },
          }),
        )
      ).json();
      let alerts: Array<{ productId: string | null }> = [];
      for (let i = 0; i < 50 && !alerts.some((a) => a.productId === p.id); i++) {
        await new Promise((r) => setTimeout(r, 100));
        alerts = (await call('viewer-ml', 'GET', '/api/v1/alerts?limit=500')).json().items;
      }
      expect(alerts.filter((a) => a.productId === p.id)).toHaveLength(1);
    });

    it('does not compare an alliance product with a nation-only one', async () => {
      const hidden = await call(
        'analyst-ne',
        'POST',
        '/api/v1/products',
        body({
          releasability: 'nation',
          acquiredAt: '2026-07-01T00:00:00Z',
          geometry: { type: 'FeatureCollection', features: [squareFeature(2.0, 13.4, 0.1)] },
        }),
      );
      expect(hidden.statusCode).toBe(201);
      const open = await call(
        'analyst-bf',
        'POST',
        '/api/v1/products',
        body({
          acquiredAt: '2026-07-02T00:00:00Z',
          geometry: { type: 'FeatureCollection', features: [squareFeature(2.0, 13.4, 0.1)] },
        }),
      );
      expect(open.json().previousId).toBeNull();
      const mine = await call(
        'analyst-ne',
        'POST',
        '/api/v1/products',
        body({
          releasability: 'nation',
          acquiredAt: '2026-07-03T00:00:00Z',
          geometry: { type: 'FeatureCollection', features: [squareFeature(2.0, 13.4, 0.1)] },
        }),
      );
      expect(mine.json().previousId).toBe(open.json().id); // the newest it may see
    });

    it('lists with type, since and bbox filters', async () => {
      const all = (await call('viewer-ml', 'GET', '/api/v1/products?limit=500')).json();
      expect(all.total).toBe(all.items.length);
      const bbox = (
        await call('viewer-ml', 'GET', '/api/v1/products?bbox=-4.5,14.3,-4.1,14.5')
      ).json();
      expect(bbox.items.length).toBeGreaterThanOrEqual(2);
      expect(
        bbox.items.every((p: { bbox: number[] }) => p.bbox[0]! <= -4.1 && p.bbox[2]! >= -4.5),
      ).toBe(true);
      const change = (await call('viewer-ml', 'GET', '/api/v1/products?type=change')).json();
      expect(change.total).toBe(0);
      const future = (
        await call('viewer-ml', 'GET', '/api/v1/products?since=2100-01-01T00:00:00Z')
      ).json();
      expect(future.total).toBe(0);
    });

    it('refuses bad bodies with located errors and checks permissions', async () => {
      const open = (
        await call(
          'analyst-ml',
          'POST',
          '/api/v1/products',
          body({
            geometry: {
              type: 'FeatureCollection',
              features: [
                {
                  ...squareFeature(0, 0, 1),
                  geometry: {
                    type: 'Polygon',
                    coordinates: [
                      [
                        [0, 0],
                        [1, 0],
                        [1, 1],
                        [0, 1],
                      ],
                    ],
                  },
                },
              ],
            },
          }),
        )
      ).json();
      expect(open.error.issues[0].path).toMatch(/^body\.geometry\.features\.0\.geometry/);
      const lat = await call(
        'analyst-ml',
        'POST',
        '/api/v1/products',
        body({ geometry: { type: 'FeatureCollection', features: [squareFeature(0, 95, 1)] } }),
      );
      expect(lat.statusCode).toBe(400);
      const aoi = await call('analyst-ml', 'POST', '/api/v1/products', body({ aoiId: 'nope' }));
      expect(aoi.json().error.issues[0].path).toBe('body.aoiId');
      expect((await call('viewer-ml', 'POST', '/api/v1/products', body())).statusCode).toBe(403);
      expect(
        (await s.app.inject({ method: 'POST', url: '/api/v1/products', payload: body() }))
          .statusCode,
      ).toBe(401);
      const fr = await s.app.inject({
        method: 'GET',
        url: '/api/v1/products/nope',
        headers: { ...tok('viewer-ml'), 'accept-language': 'fr' },
      });
      expect(fr.json().error.message).toMatch(/introuvable/);
    });
  });
});
