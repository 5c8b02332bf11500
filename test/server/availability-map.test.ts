/**
 * Availability maps through the API (a job): the cells at Bamako, Niamey and Ouagadougou are
 * recomputed independently with the point link budget of src/telecom (acmStatistics and
 * prepareGeoLink, the receiver placed at the cell centre, climate from the same ITU-R crops);
 * the PNG's pixels carry the legend's colour of their cell; bad input is a located 400 in
 * English and French; progress, cancellation, and who may see a map.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type GeoLinkInput,
  acmStatistics,
  linkThresholdDb,
  prepareGeoLink,
} from '../../src/telecom/index.js';
import { testBackends } from '../support/backends.js';
import { REPO_DIR } from '../support/reference.js';
import { type TestServer, bearer, createUsers, startServer } from '../support/server.js';
import { SAHEL_MAPS_DIR, h0Table, sahelMaps } from '../telecom/support/maps.js';

const backends = await testBackends();
const link = JSON.parse(readFileSync(`${REPO_DIR}/docs/examples/link-budget.json`, 'utf8'))
  .links[0] as GeoLinkInput;
const URL_MAPS = '/api/v1/telecom/availability-maps';
const STEP = 0.5;
const CITIES = {
  Bamako: { lat: 12.65, lon: -8.0 },
  Niamey: { lat: 13.51, lon: 2.11 },
  Ouagadougou: { lat: 12.37, lon: -1.52 },
};

interface MapView {
  id: string;
  status: string;
  progress: number;
  error: { message: string } | null;
  result: null | {
    sites: number;
    notVisible: number;
    requiredAvailabilityPercent: number;
    legend: Array<{ fromPercent: number; toPercent: number; colour: string }>;
    grid: { rows: number; cols: number; latMaxDeg: number; lonMinDeg: number; stepDeg: number };
    bounds: { west: number; east: number; north: number; south: number };
    summary: { medianAvailabilityPercent: number; shareMeetingRequirement: number };
    png: { url: string; webMercatorUrl: string; coordinates: number[][] };
    geojson: { url: string };
    climate: string;
    threshold: string;
    acm: boolean;
    modcod: string;
  };
}

interface Cell {
  geometry: { coordinates: number[][][] };
  properties: {
    lat_deg: number;
    lon_deg: number;
    availability_percent: number | null;
    margin_db: number | null;
    elevation_deg: number;
    visible: boolean;
  };
}

describe.each(backends)('availability maps on $name', (backend) => {
  let s: TestServer;
  let bare: TestServer;
  let users: Awaited<ReturnType<typeof createUsers>>;
  const tok = (name: string) => users.get(name)!.token;
  beforeAll(async () => {
    s = await startServer(backend, { iturMapsDir: SAHEL_MAPS_DIR, jobs: { threads: 1 } });
    bare = await startServer(backend);
    users = await createUsers(s);
  });
  afterAll(async () => {
    await s?.close();
    await bare?.close();
  });
  const post = (srv: TestServer, payload: unknown, token = srv.adminToken, lang?: string) =>
    srv.app.inject({
      method: 'POST',
      url: URL_MAPS,
      headers: { ...bearer(token), ...(lang ? { 'accept-language': lang } : {}) },
      payload: payload as object,
    });
  const get = (url: string, token: string) => s.app.inject({ url, headers: bearer(token) });
  const until = async (id: string, token: string, ok: (v: MapView) => boolean) => {
    const t0 = Date.now();
    for (;;) {
      const v = (await get(`${URL_MAPS}/${id}`, token)).json<MapView>();
      if (ok(v)) return v;
      if (Date.now() - t0 > 120_000) throw new Error(`map ${id} still ${v.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const done = (v: MapView) => ['succeeded', 'failed', 'cancelled'].includes(v.status);

  it('maps the three countries: cells agree with point link budgets at Bamako, Niamey and Ouagadougou', async () => {
    const r = await post(s, { link, resolutionDeg: STEP }, tok('viewer-ml'));
    expect(r.statusCode, r.body).toBe(202);
    const started = r.json<MapView>();
    expect(started.status).toBe('queued');
    const v = await until(started.id, tok('viewer-ml'), done);
    expect(v.status, JSON.stringify(v.error)).toBe('succeeded');
    const res = v.result!;
    expect(res.grid).toEqual({ rows: 32, cols: 57, latMaxDeg: 25, lonMinDeg: -12.3, stepDeg: 0.5 });
    expect(res.bounds.west).toBeCloseTo(-12.55, 9);
    expect(res.bounds.north).toBeCloseTo(25.25, 9);
    expect(res.climate).toMatch(/ITU-R maps/);
    expect(res).toMatchObject({ acm: true, modcod: 'QPSK 2/9' });
    expect(res.threshold).toBe('ACM: the most robust MODCOD, QPSK 2/9');
    const fr = await s.app.inject({
      url: `${URL_MAPS}/${v.id}`,
      headers: { ...bearer(tok('viewer-ml')), 'accept-language': 'fr' },
    });
    expect(fr.json().result.threshold).toBe('ACM : le MODCOD le plus robuste, QPSK 2/9');
    expect(fr.json().result.climate).toMatch(/^chaque site : les cartes UIT-R du serveur/);

    const gj = await get(res.geojson.url, tok('viewer-ml'));
    expect(gj.statusCode).toBe(200);
    expect(gj.headers['content-type']).toMatch(/geo\+json/);
    const cells = JSON.parse(gj.body).features as Cell[];
    expect(cells.length).toBe(res.sites);
    // only the three countries: far fewer sites than grid nodes, and none in the Atlantic
    expect(cells.length).toBeLessThan(0.6 * res.grid.rows * res.grid.cols);
    expect(cells.some((c) => c.properties.lon_deg < -12.2 && c.properties.lat_deg > 20)).toBe(
      false,
    );

    const png = PNG.sync.read(
      (await s.app.inject({ url: res.png.url, headers: bearer(tok('viewer-ml')) })).rawPayload,
    );
    expect([png.width, png.height]).toEqual([res.grid.cols, res.grid.rows]);
    const sources = { maps: sahelMaps, oxygenHeight: h0Table };
    for (const [name, c] of Object.entries(CITIES)) {
      const i = Math.round((res.grid.latMaxDeg - c.lat) / STEP);
      const j = Math.round((c.lon - res.grid.lonMinDeg) / STEP);
      const lat = res.grid.latMaxDeg - i * STEP;
      const lon = res.grid.lonMinDeg + j * STEP;
      const cell = cells.find(
        (x) =>
          Math.abs(x.properties.lat_deg - lat) < 1e-6 &&
          Math.abs(x.properties.lon_deg - lon) < 1e-6,
      );
      expect(cell, name).toBeDefined();
      const ring = cell!.geometry.coordinates[0]!;
      expect(ring[0]).toEqual([Number((lon - 0.25).toFixed(6)), Number((lat - 0.25).toFixed(6))]);
      // the point budget with the receiver at the cell centre, everything from the maps
      const { climate: _c, altitudeM: _a, ...rx } = link.receiver;
      const here: GeoLinkInput = {
        ...link,
        receiver: { ...rx, latitudeDeg: lat, longitudeDeg: lon },
      };
      const acm = acmStatistics(here, sources);
      expect(
        Math.abs(cell!.properties.availability_percent! - acm.availabilityPercent),
        name,
      ).toBeLessThan(2e-3);
      const b = prepareGeoLink(here, sources)(100 - link.availabilityPercent);
      expect(cell!.properties.margin_db!, name).toBeCloseTo(b.esN0Db - linkThresholdDb(link), 1);
      expect(cell!.properties.elevation_deg).toBeCloseTo(b.downlink.elevationDeg, 1);
      // the PNG pixel has the legend colour of that availability
      const cls = res.legend.find((x) => acm.availabilityPercent < x.toPercent)!;
      const o = (i * png.width + j) * 4;
      const hex = `#${[0, 1, 2].map((k) => png.data[o + k]!.toString(16).padStart(2, '0')).join('')}`;
      expect(hex, name).toBe(cls.colour);
      expect(png.data[o + 3]).toBe(255);
    }
    // outside the countries the PNG is transparent (north-west corner: the Atlantic side)
    expect(png.data[3]).toBe(0);

    // the Web Mercator rendition: same columns, rows in equal Mercator steps
    const merc = PNG.sync.read(
      (await s.app.inject({ url: res.png.webMercatorUrl, headers: bearer(tok('viewer-ml')) }))
        .rawPayload,
    );
    expect(merc.width).toBe(res.grid.cols);
    expect(merc.height).toBeGreaterThanOrEqual(res.grid.rows);
    expect(res.png.coordinates).toEqual([
      [res.bounds.west, res.bounds.north],
      [res.bounds.east, res.bounds.north],
      [res.bounds.east, res.bounds.south],
      [res.bounds.west, res.bounds.south],
    ]);

    // released to its nation: the other nations do not see it
    expect((await get(`${URL_MAPS}/${v.id}`, tok('admin-bf'))).statusCode).toBe(404);
    expect((await get(res.png.url, tok('viewer-ne'))).statusCode).toBe(404);
    expect((await get(res.geojson.url, tok('analyst-ml'))).statusCode).toBe(200);
    expect((await s.app.inject({ url: res.png.url })).statusCode).toBe(401);
  }, 180_000);

  it('refuses bad input with located errors in English and French', async () => {
    const issues = async (payload: unknown, lang: string, srv = s) => {
      const r = await post(srv, payload, srv.adminToken, lang);
      expect(r.statusCode, r.body).toBe(400);
      return r.json<{ error: { issues: Array<{ path: string; message: string }> } }>().error.issues;
    };
    expect(await issues({ link, resolutionDeg: 0.001 }, 'en')).toEqual([
      expect.objectContaining({ path: 'body.resolutionDeg' }),
    ]);
    const fine = await issues({ link, resolutionDeg: 0.01 }, 'fr');
    expect(fine).toEqual([
      { path: 'body.resolutionDeg', message: expect.stringMatching(/1 562 \d+|nœuds/) },
    ]);
    expect(fine[0]!.message).toMatch(/au plus 100000/);
    expect((await issues({ link, resolutionDeg: 0.01 }, 'en'))[0]!.message).toMatch(
      /grid nodes \(1561 rows × 2831 columns\); at most 100000/,
    );
    expect(await issues({ link, bbox: [2, 13, 1, 14] }, 'fr')).toEqual([
      { path: 'body.bbox', message: expect.stringMatching(/lonMin, latMin, lonMax, latMax/) },
    ]);
    expect(await issues({ link, bbox: [2, 13, 1, 14] }, 'en')).toEqual([
      { path: 'body.bbox', message: expect.stringMatching(/minLon, minLat, maxLon, maxLat/) },
    ]);
    expect((await issues({ link, bbox: [2, 13, 1] }, 'en'))[0]!.path).toMatch(/^body\.bbox/);
    // the models refuse: a downlink at 80 GHz; a box the maps do not cover
    const f80 = await issues({ link: { ...link, downlinkFrequencyGhz: 80 } }, 'en');
    expect(f80).toEqual([{ path: 'body.link', message: expect.stringMatching(/frequency.*80/) }]);
    expect(
      (await issues({ link: { ...link, downlinkFrequencyGhz: 80 } }, 'fr'))[0]!.message,
    ).toMatch(/^les modèles refusent cette liaison/);
    const far = await issues({ link, bbox: [30, 30, 31, 31], resolutionDeg: 0.5 }, 'en');
    expect(far).toEqual([
      {
        path: 'body.link',
        message: expect.stringMatching(/30\.500° N, 30\.000° E: ITU-R map .* covers/),
      },
    ]);
    expect(await issues({ link: { ...link, colour: 'red' } }, 'en')).toEqual([
      expect.objectContaining({ path: 'body.link.colour' }),
    ]);
    // a server without ITU-R maps refuses, saying why, in both languages
    expect(await issues({ link }, 'en', bare)).toEqual([
      { path: 'body.link', message: expect.stringMatching(/no ITU-R maps/) },
    ]);
    expect(await issues({ link }, 'fr', bare)).toEqual([
      { path: 'body.link', message: expect.stringMatching(/n’a pas les cartes UIT-R/) },
    ]);
    // a box whose west the maps cover (the check passes) and whose east they do not: the job
    // fails once, naming the first site outside, and is not retried
    const half = await post(s, { link, bbox: [15, 20, 25, 21], resolutionDeg: 0.5 });
    expect(half.statusCode, half.body).toBe(202);
    const failed = await until(half.json<MapView>().id, s.adminToken, done);
    expect(failed.status).toBe('failed');
    expect(failed.error!.message).toMatch(
      /availability map at 21\.000° N, 2\d\.\d+° E: ITU-R map .* is outside it/,
    );
    const job = await s.app.inject({
      url: `/api/v1/jobs/${failed.id}`,
      headers: bearer(s.adminToken),
    });
    expect(job.json().attempts).toBe(1);
    // the same checks through the generic job endpoint
    const viaJobs = await s.app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      headers: bearer(s.adminToken),
      payload: { type: 'availability-map', params: { link, bbox: [2, 13, 1, 14] } },
    });
    expect(viaJobs.statusCode).toBe(400);
    expect(viaJobs.json().error.issues[0].path).toBe('body.params.bbox');
  });

  it('reports progress, can be cancelled, and serves no file for an unfinished map', async () => {
    // a fine grid (0.07°: ≈ 47 000 sites, twice the default), so that it is still running when
    // the test looks, however busy the machine; it is cancelled long before it ends
    const r = await post(s, { link, resolutionDeg: 0.07 }, tok('analyst-bf'));
    expect(r.statusCode, r.body).toBe(202);
    const id = r.json<MapView>().id;
    const running = await until(id, tok('analyst-bf'), (v) => v.status !== 'queued');
    expect(running.status).toBe('running');
    const png = await get(`${URL_MAPS}/${id}/map.png`, tok('analyst-bf'));
    expect(png.statusCode).toBe(409);
    const fr = await s.app.inject({
      url: `${URL_MAPS}/${id}/map.geojson`,
      headers: { ...bearer(tok('analyst-bf')), 'accept-language': 'fr' },
    });
    expect(fr.json().error.message).toMatch(/pas prête/);
    // another nation may not cancel it (it does not exist for them)
    const other = await s.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${id}/cancel`,
      headers: bearer(tok('admin-ne')),
    });
    expect(other.statusCode).toBe(404);
    const c = await s.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${id}/cancel`,
      headers: bearer(tok('analyst-bf')),
    });
    expect(c.statusCode).toBe(200);
    const end = await until(id, tok('analyst-bf'), done);
    expect(end.status).toBe('cancelled');
    expect(end.result).toBeNull();
    expect((await get(`${URL_MAPS}/${id}/map.png`, tok('analyst-bf'))).statusCode).toBe(409);
    // a job of another type is not an availability map
    const job = await s.app.inject({
      method: 'POST',
      url: '/api/v1/jobs',
      headers: bearer(tok('analyst-bf')),
      payload: {
        type: 'passes',
        params: { start: '2026-03-20T00:00:00Z', hours: 0.1, satellites: ['none'] },
      },
    });
    expect(job.statusCode).toBe(400);
  }, 180_000);
});
