/**
 * The STAC API at /stac, on both backends, checked the way stac-api-validator checks a server:
 * landing page links that resolve, conformance classes, collection and item fields (stac_version
 * 1.0.0, type, links, assets, bbox consistent with geometry), item search GET and POST walking
 * every item exactly once through next links, bbox / datetime / intersects / ids / collections /
 * sortby / CQL2-JSON filters, 400 with a description for bad parameters, and nation
 * releasability in every route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { geometryBounds } from '../../src/server/stac/geometry.js';
import { testBackends } from '../support/backends.js';
import { type TestServer, bearer, createUsers, startServer } from '../support/server.js';
import { squareFeature } from '../support/products.js';

const backends = await testBackends();
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

interface Item {
  type: string;
  stac_version: string;
  id: string;
  collection: string;
  geometry: { type: string; coordinates: unknown };
  bbox: number[];
  properties: Record<string, unknown>;
  assets: Record<string, { href: string; type?: string }>;
  links: Array<{ rel: string; href: string; type?: string; method?: string; body?: unknown }>;
}

describe.each(backends)('STAC API on $name', (backend) => {
  let s: TestServer;
  let users: Awaited<ReturnType<typeof createUsers>>;
  const products: Array<{
    id: string;
    owner: string;
    releasability: string;
    lon: number;
    day: number;
  }> = [];
  const tok = (name: string) => bearer(users.get(name)!.token);
  /** GET or POST an absolute or root-relative href as a user. */
  const fetchAs = async (name: string, href: string, method = 'GET', body?: unknown) => {
    const u = new URL(href, 'http://localhost');
    const r = await s.app.inject({
      method: method as 'GET',
      url: `${u.pathname}${u.search}`,
      headers: tok(name),
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    return r;
  };
  const json = async (name: string, href: string, method = 'GET', body?: unknown) => {
    const r = await fetchAs(name, href, method, body);
    expect(r.statusCode, `${method} ${href}: ${r.body.slice(0, 300)}`).toBe(200);
    return r.json();
  };
  /** Every item of a search, following next links (GET or POST as the link says). */
  const walk = async (name: string, href: string, method = 'GET', body?: unknown) => {
    const ids: string[] = [];
    let page = await json(name, href, method, body);
    const matched = page.numberMatched as number;
    for (let n = 0; n < 100; n++) {
      ids.push(...page.features.map((f: Item) => `${f.collection}/${f.id}`));
      const next = page.links.find((l: { rel: string }) => l.rel === 'next');
      if (!next) break;
      page = await json(name, next.href, next.method ?? 'GET', next.body);
    }
    return { ids, matched };
  };

  beforeAll(async () => {
    s = await startServer(backend);
    users = await createUsers(s);
    // 14 products along the Niger, one a day, from three nations; ML's first two are nation-only.
    const owners = ['analyst-ml', 'analyst-bf', 'analyst-ne'];
    for (let i = 0; i < 14; i++) {
      const owner = owners[i % 3]!;
      const releasability = owner === 'analyst-ml' && i < 6 ? 'nation' : 'alliance';
      const lon = -4.5 + i * 0.5;
      const r = await s.app.inject({
        method: 'POST',
        url: '/api/v1/products',
        headers: tok(owner),
        payload: {
          type: i % 4 === 3 ? 'change' : 'flood',
          title: `Product ${i}`,
          acquiredAt: new Date(Date.UTC(2026, 7, 1 + i, 10)).toISOString(),
          releasability,
          geometry: {
            type: 'FeatureCollection',
            features: [squareFeature(lon, 14.0, 0.1 + 0.01 * i)],
          },
          sourceScenes: [`S1_${i}`],
        },
      });
      expect(r.statusCode, r.body).toBe(201);
      products.push({ id: r.json().id, owner, releasability, lon, day: 1 + i });
    }
  });
  afterAll(() => s?.close());

  const visibleTo = (nation: string) =>
    products.filter(
      (p) => p.releasability === 'alliance' || p.owner.endsWith(nation.toLowerCase()),
    );
  /** Products and their scenes visible to a nation, as collection/id. */
  const expectedIds = (nation: string) =>
    visibleTo(nation).flatMap((p) => {
      const i = products.indexOf(p);
      return [
        `${i % 4 === 3 ? 'sahelsat-change' : 'sahelsat-flood'}/${p.id}`,
        `sahelsat-scenes/S1_${i}`,
      ];
    });

  it('landing page: a Catalog whose links resolve, with conformance and search links', async () => {
    const landing = await json('viewer-bf', '/stac');
    expect(landing).toMatchObject({ type: 'Catalog', stac_version: '1.0.0', id: 'sahelsat' });
    expect(typeof landing.description).toBe('string');
    const rels = landing.links.map((l: { rel: string }) => l.rel);
    for (const rel of ['self', 'root', 'conformance', 'data', 'search', 'service-desc', 'child'])
      expect(rels, rel).toContain(rel);
    const search = landing.links.filter((l: { rel: string }) => l.rel === 'search');
    expect(search.map((l: { method: string }) => l.method).sort()).toEqual(['GET', 'POST']);
    for (const l of landing.links) {
      expect(l.href).toMatch(/^http:\/\//);
      if (l.rel === 'search' && l.method === 'POST') continue;
      const r = await fetchAs('viewer-bf', l.href);
      expect(r.statusCode, `${l.rel} ${l.href}`).toBe(200);
    }
    expect(landing.links.filter((l: { rel: string }) => l.rel === 'child')).toHaveLength(3);
    const conf = await json('viewer-bf', '/stac/conformance');
    expect(conf.conformsTo).toEqual(landing.conformsTo);
    for (const c of [
      'https://api.stacspec.org/v1.0.0/core',
      'https://api.stacspec.org/v1.0.0/collections',
      'https://api.stacspec.org/v1.0.0/ogcapi-features',
      'https://api.stacspec.org/v1.0.0/item-search',
      'https://api.stacspec.org/v1.0.0/item-search#sort',
      'https://api.stacspec.org/v1.0.0/item-search#filter',
      'http://www.opengis.net/spec/cql2/1.0/conf/cql2-json',
      'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
    ])
      expect(conf.conformsTo).toContain(c);
    const q = await fetchAs('viewer-bf', '/stac/queryables');
    expect(q.headers['content-type']).toMatch(/application\/schema\+json/);
    expect(q.json().properties).toHaveProperty('sahelsat:area_km2');
  });

  it('requires authentication on every STAC route, like the API (401 in the STAC error shape)', async () => {
    const routes = s.app.sahelsat.routes.filter(
      (r) => r.url.startsWith('/stac') && r.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThanOrEqual(10);
    for (const r of routes) {
      const url = r.url
        .replace(':collectionId', 'sahelsat-flood')
        .replace(':itemId', products[1]!.id);
      const res = await s.app.inject({
        method: r.method as 'GET',
        url,
        ...(r.method === 'POST' ? { payload: {} } : {}),
      });
      expect(res.statusCode, `${r.method} ${url}`).toBe(401);
      expect(res.json()).toMatchObject({
        code: 'unauthenticated',
        description: expect.any(String),
      });
    }
  });

  it('collections: required fields, links, and an extent of the caller’s visible items only', async () => {
    const all = await json('viewer-ml', '/stac/collections');
    expect(all.collections.map((c: { id: string }) => c.id).sort()).toEqual([
      'sahelsat-change',
      'sahelsat-flood',
      'sahelsat-scenes',
    ]);
    for (const c of all.collections) {
      expect(c).toMatchObject({
        type: 'Collection',
        stac_version: '1.0.0',
        license: expect.any(String),
      });
      expect(c.description.length).toBeGreaterThan(10);
      expect(c.extent.spatial.bbox[0]).toHaveLength(4);
      expect(c.extent.temporal.interval[0]).toHaveLength(2);
      const rels = c.links.map((l: { rel: string }) => l.rel);
      for (const rel of ['self', 'root', 'parent', 'items']) expect(rels).toContain(rel);
      const self = await json(
        'viewer-ml',
        c.links.find((l: { rel: string }) => l.rel === 'self').href,
      );
      expect(self).toEqual(c);
    }
    // ML's first nation-only product is the westernmost: it widens ML's extent, not BF's.
    const ml = await json('viewer-ml', '/stac/collections/sahelsat-flood');
    const bf = await json('viewer-bf', '/stac/collections/sahelsat-flood');
    expect(ml.extent.spatial.bbox[0][0]).toBeCloseTo(-4.5, 9);
    expect(bf.extent.spatial.bbox[0][0]).toBeGreaterThan(-4.5);
    expect(ml.extent.temporal.interval[0][0]).toBe('2026-08-01T10:00:00.000Z');
    expect(bf.extent.temporal.interval[0][0]).not.toBe('2026-08-01T10:00:00.000Z');
    expect((await fetchAs('viewer-ml', '/stac/collections/nope')).statusCode).toBe(404);
  });

  it('items: STAC 1.0.0 fields, bbox consistent with geometry, assets and links that resolve', async () => {
    const page = await json('viewer-ml', '/stac/collections/sahelsat-flood/items?limit=100');
    expect(page.type).toBe('FeatureCollection');
    expect(page.features.length).toBeGreaterThan(0);
    for (const it of page.features as Item[]) {
      expect(it).toMatchObject({
        type: 'Feature',
        stac_version: '1.0.0',
        collection: 'sahelsat-flood',
      });
      expect(it.properties.datetime).toMatch(RFC3339);
      expect(it.bbox).toEqual([...geometryBounds(it.geometry)]);
      const rels = it.links.map((l) => l.rel);
      for (const rel of ['self', 'parent', 'collection', 'root']) expect(rels).toContain(rel);
      const self = await json('viewer-ml', it.links.find((l) => l.rel === 'self')!.href);
      expect(self).toEqual(it);
      for (const [key, a] of Object.entries(it.assets)) {
        const r = await fetchAs('viewer-ml', a.href);
        expect(r.statusCode, key).toBe(200);
        expect(r.headers['content-type']).toContain(a.type!.split(';')[0]);
      }
      const derived = it.links.filter((l) => l.rel === 'derived_from');
      expect(derived).toHaveLength(1);
      expect((await fetchAs('viewer-ml', derived[0]!.href)).statusCode).toBe(200);
    }
  });

  it('search: GET and POST paging visit every visible item exactly once', async () => {
    for (const nation of ['ML', 'BF']) {
      const name = `viewer-${nation.toLowerCase()}`;
      const want = expectedIds(nation).sort();
      const get = await walk(name, '/stac/search?limit=4');
      expect(get.matched).toBe(want.length);
      expect([...get.ids].sort()).toEqual(want);
      const post = await walk(name, '/stac/search', 'POST', { limit: 3 });
      expect([...post.ids].sort()).toEqual(want);
      // The database's paging (no filter) and the in-code one (a filter that is always true)
      // give the same order, ties on datetime (a product and its scene) included.
      const inCode = await walk(name, '/stac/search', 'POST', { limit: 5, filter: true });
      expect(inCode.ids).toEqual(get.ids);
      expect(post.ids).toEqual(get.ids);
      const items = await walk(name, '/stac/collections/sahelsat-scenes/items?limit=2');
      expect([...items.ids].sort()).toEqual(want.filter((x) => x.startsWith('sahelsat-scenes/')));
    }
  });

  it('search: collections, ids, bbox, datetime intervals with open ends, intersects', async () => {
    const ids = (r: { features: Item[] }) => r.features.map((f) => f.id).sort();
    const flood = await json('viewer-bf', '/stac/search?collections=sahelsat-change&limit=100');
    expect(flood.features.every((f: Item) => f.collection === 'sahelsat-change')).toBe(true);
    const two = await json('viewer-bf', '/stac/search', 'POST', {
      ids: [products[1]!.id, products[2]!.id, 'S1_1'],
    });
    expect(ids(two)).toEqual([products[1]!.id, products[2]!.id, 'S1_1'].sort());
    // bbox around products 4 and 5 (lon −2.5 … −1.85); scenes share their footprints.
    const box = await json(
      'viewer-bf',
      '/stac/search?bbox=-2.45,13.9,-1.95,14.2&collections=sahelsat-flood,sahelsat-change',
    );
    expect(ids(box)).toEqual([products[4]!.id, products[5]!.id].sort());
    const day = (d: number) => new Date(Date.UTC(2026, 7, d, 10)).toISOString();
    const closed = await json(
      'viewer-bf',
      `/stac/search?collections=sahelsat-scenes&datetime=${day(8)}/${day(10)}`,
    );
    expect(ids(closed)).toEqual(['S1_7', 'S1_8', 'S1_9']);
    const openEnd = await json(
      'viewer-bf',
      `/stac/search?collections=sahelsat-scenes&datetime=${day(13)}/..&limit=100`,
    );
    expect(ids(openEnd)).toEqual(['S1_12', 'S1_13']);
    const openStart = await json('viewer-bf', '/stac/search', 'POST', {
      collections: ['sahelsat-scenes'],
      datetime: `../${day(2)}`,
    });
    expect(ids(openStart)).toEqual(['S1_1']); // S1_0 is ML's nation-only scene
    const instant = await json(
      'viewer-ml',
      `/stac/search?collections=sahelsat-scenes&datetime=${day(1)}`,
    );
    expect(ids(instant)).toEqual(['S1_0']);
    // intersects: a line crossing products 6 and 7 only (a bbox prefilter alone would also
    // keep product 8's box, which the line's box overlaps but the line does not touch).
    const line = {
      type: 'LineString',
      coordinates: [
        [-1.45, 14.05],
        [-0.9, 14.05],
        [-0.9, 13.5],
      ],
    };
    const hit = await json('viewer-bf', '/stac/search', 'POST', {
      intersects: line,
      collections: ['sahelsat-flood', 'sahelsat-change'],
    });
    expect(ids(hit)).toEqual([products[6]!.id, products[7]!.id].sort());
    const viaGet = await json(
      'viewer-bf',
      `/stac/search?collections=sahelsat-flood,sahelsat-change&intersects=${encodeURIComponent(JSON.stringify(line))}`,
    );
    expect(ids(viaGet)).toEqual(ids(hit));
  });

  it('search: sortby fields ascending and descending, GET and POST', async () => {
    const order = (r: { features: Item[] }) =>
      r.features.map((f) => f.properties['sahelsat:area_km2'] as number);
    const asc = await json(
      'viewer-bf',
      '/stac/search?collections=sahelsat-flood&sortby=+properties.sahelsat:area_km2&limit=100',
    );
    expect(order(asc)).toEqual([...order(asc)].sort((a, b) => a - b));
    expect(order(asc).length).toBeGreaterThan(3);
    const desc = await json('viewer-bf', '/stac/search', 'POST', {
      collections: ['sahelsat-flood'],
      sortby: [{ field: 'properties.sahelsat:area_km2', direction: 'desc' }],
      limit: 100,
    });
    expect(order(desc)).toEqual([...order(asc)].reverse());
    const byId = await json(
      'viewer-bf',
      '/stac/search?collections=sahelsat-scenes&sortby=-id&limit=100',
    );
    const sceneIds = byId.features.map((f: Item) => f.id);
    expect(sceneIds).toEqual([...sceneIds].sort().reverse());
    const byDate = await json(
      'viewer-bf',
      '/stac/search?collections=sahelsat-scenes&sortby=datetime&limit=100',
    );
    const dates = byDate.features.map((f: Item) => f.properties.datetime as string);
    expect(dates).toEqual([...dates].sort());
  });

  it('search: CQL2-JSON filters (comparison, logical, isNull, s_intersects), GET and POST', async () => {
    const ids = (r: { features: Item[] }) => r.features.map((f) => f.id).sort();
    const big = { op: '>', args: [{ property: 'sahelsat:area_km2' }, 150] };
    const expectBig = (
      await json('viewer-bf', '/stac/search?collections=sahelsat-flood,sahelsat-change&limit=100')
    ).features
      .filter((f: Item) => (f.properties['sahelsat:area_km2'] as number) > 150)
      .map((f: Item) => f.id)
      .sort();
    expect(expectBig.length).toBeGreaterThan(0);
    const post = await json('viewer-bf', '/stac/search', 'POST', {
      filter: big,
      'filter-lang': 'cql2-json',
      limit: 100,
    });
    expect(ids(post)).toEqual(expectBig);
    const get = await json(
      'viewer-bf',
      `/stac/search?filter-lang=cql2-json&limit=100&filter=${encodeURIComponent(JSON.stringify(big))}`,
    );
    expect(ids(get)).toEqual(expectBig);
    const logical = {
      op: 'and',
      args: [
        { op: '=', args: [{ property: 'sahelsat:nation' }, 'NE'] },
        { op: 'not', args: [{ op: '=', args: [{ property: 'sahelsat:product_type' }, 'scene'] }] },
        {
          op: 'or',
          args: [
            { op: '<', args: [{ property: 'datetime' }, { timestamp: '2026-08-06T00:00:00Z' }] },
            { op: '>=', args: [{ property: 'datetime' }, { timestamp: '2026-08-12T00:00:00Z' }] },
          ],
        },
      ],
    };
    const ne = products.filter(
      (p, i) => p.owner === 'analyst-ne' && (p.day < 6 || p.day >= 12) && i >= 0,
    );
    expect(
      ids(await json('viewer-bf', '/stac/search', 'POST', { filter: logical, limit: 100 })),
    ).toEqual(ne.map((p) => p.id).sort());
    const noAoi = await json('viewer-bf', '/stac/search', 'POST', {
      collections: ['sahelsat-flood'],
      filter: { op: 'isNull', args: [{ property: 'sahelsat:aoi_id' }] },
      limit: 100,
    });
    expect(noAoi.numberMatched).toBe(
      (await json('viewer-bf', '/stac/collections/sahelsat-flood/items?limit=100')).numberMatched,
    );
    const spatial = await json('viewer-bf', '/stac/search', 'POST', {
      collections: ['sahelsat-scenes'],
      filter: {
        op: 's_intersects',
        args: [{ property: 'geometry' }, { type: 'Point', coordinates: [0.55, 14.05] }],
      },
    });
    expect(ids(spatial)).toEqual(['S1_10']);
    // The same filter on a collection's items (OGC API Features Part 3).
    const onItems = await json(
      'viewer-bf',
      `/stac/collections/sahelsat-scenes/items?filter-lang=cql2-json&filter=${encodeURIComponent(JSON.stringify({ op: '=', args: [{ property: 'id' }, 'S1_4'] }))}`,
    );
    expect(ids(onItems)).toEqual(['S1_4']);
  });

  it('answers 400 with a description naming the parameter for bad requests', async () => {
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['GET', '/stac/search?bbox=1,2,3', undefined, /^bbox/],
      ['GET', '/stac/search?datetime=yesterday', undefined, /^datetime/],
      ['GET', '/stac/search?datetime=../..', undefined, /^datetime/],
      ['GET', '/stac/search?limit=-1', undefined, /^limit/],
      ['GET', '/stac/search?token=xyz', undefined, /^token/],
      ['GET', '/stac/search?intersects=%7Bnot%20json', undefined, /^intersects/],
      ['GET', '/stac/search?filter=id%3D1', undefined, /cql2-text/],
      ['GET', '/stac/search?fields=id', undefined, /^fields: unknown/],
      ['GET', '/stac/collections/sahelsat-flood/items?bbox=0,91,1,92', undefined, /^bbox/],
      [
        'POST',
        '/stac/search',
        { bbox: [0, 0, 1, 1], intersects: { type: 'Point', coordinates: [0, 0] } },
        /^intersects/,
      ],
      [
        'POST',
        '/stac/search',
        {
          intersects: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
              ],
            ],
          },
        },
        /^intersects\.coordinates\[0\]/,
      ],
      ['POST', '/stac/search', { filter: { op: 'between', args: [] } }, /^filter\.op/],
      ['POST', '/stac/search', { sortby: 'id', limit: 'many' }, /^limit/],
      ['POST', '/stac/search', { collections: 'sahelsat-flood' }, /^collections/],
    ];
    for (const [method, url, body, description] of cases) {
      const r = await fetchAs('viewer-bf', url, method, body);
      expect(r.statusCode, `${method} ${url}`).toBe(400);
      expect(r.json().code).toEqual(expect.any(String));
      expect(r.json().description, url).toMatch(description);
    }
    const fr = await s.app.inject({
      url: '/stac/search?datetime=hier&limit=2',
      headers: { ...tok('viewer-bf'), 'accept-language': 'fr-FR,fr;q=0.9' },
    });
    expect(fr.json().description).toBe(
      'datetime : l’instant « hier » n’est pas une date-heure RFC 3339 (par ex. 2026-08-01T00:00:00Z)',
    );
    const en = await fetchAs('viewer-bf', '/stac/search', 'POST', {
      intersects: { type: 'LineString', coordinates: [[0, 0]] },
    });
    expect(en.json().description).toBe(
      'intersects.coordinates: expected an array of at least 2 positions',
    );
    const bad = await s.app.inject({
      method: 'POST',
      url: '/stac/search',
      headers: { ...tok('viewer-bf'), 'content-type': 'application/json' },
      payload: '{oops',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('BadRequest');
  });

  it('releasability: ML’s nation-only items are invisible to every other nation in every route', async () => {
    const hidden = products.filter((p) => p.releasability === 'nation');
    expect(hidden.length).toBe(2);
    for (const name of ['viewer-bf', 'analyst-ne', 'admin-aes']) {
      for (const p of hidden) {
        const i = products.indexOf(p);
        const col = i % 4 === 3 ? 'sahelsat-change' : 'sahelsat-flood';
        expect((await fetchAs(name, `/stac/collections/${col}/items/${p.id}`)).statusCode).toBe(
          404,
        );
        expect(
          (await fetchAs(name, `/stac/collections/sahelsat-scenes/items/S1_${i}`)).statusCode,
        ).toBe(404);
        const byId = await json(name, `/stac/search?ids=${p.id},S1_${i}`);
        expect(byId.features).toEqual([]);
        expect(byId.numberMatched).toBe(0);
        const post = await json(name, '/stac/search', 'POST', {
          filter: { op: '=', args: [{ property: 'sahelsat:nation' }, 'ML'] },
          limit: 100,
        });
        expect(post.features.map((f: Item) => f.id)).not.toContain(p.id);
        const spatial = await json(name, '/stac/search', 'POST', {
          bbox: [p.lon - 0.01, 13.9, p.lon + 0.05, 14.2],
        });
        expect(spatial.features.map((f: Item) => f.id)).not.toContain(p.id);
        const items = await json(name, `/stac/collections/${col}/items?limit=100`);
        expect(items.features.map((f: Item) => f.id)).not.toContain(p.id);
      }
    }
    for (const p of hidden) {
      const byId = await json('analyst-ml', `/stac/search?ids=${p.id}`);
      expect(byId.features).toHaveLength(1);
    }
  });
});
