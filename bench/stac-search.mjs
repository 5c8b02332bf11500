#!/usr/bin/env node
// Benchmark of the STAC item search (`/stac/search`) at catalogue sizes of 1 000, 10 000 and
// 50 000 items on SQLite and PostgreSQL: the SQL prefilter (visibility, collections, bbox,
// datetime) then exact intersects, CQL2, sort and page in code. Items are synthetic flood
// products over the three countries (random boxes of 0.05–0.5°, one a day over ten years, a
// tenth released to one nation), inserted through the store. Each query is timed over 10 calls
// (median) through the HTTP stack in process (`inject`). Needs `npm run build` first.
//
//   node bench/stac-search.mjs [--sizes 1000,10000,50000] [--backends sqlite,postgres]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../dist/server/index.js';
import { dropPostgresSchema } from '../dist/store/index.js';
import { defaultCollections } from '../dist/server/stac/collections.js';

const PG_URL = process.env.SAHELSAT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const SIZES = opt('sizes', '1000,10000,50000').split(',').map(Number);
const BACKENDS = opt('backends', 'sqlite,postgres').split(',');
const PASSWORD = 'benchmark admin password';

let seed = 7;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

function item(i) {
  const w = -12 + rnd() * 27;
  const s = 9.5 + rnd() * 14;
  const d = 0.05 + rnd() * 0.45;
  const t = Date.UTC(2016, 0, 1) + i * 86_400_000 * (3650 / SIZE_NOW);
  const nation = ['ML', 'BF', 'NE'][i % 3];
  const rel = i % 10 === 0 ? 'nation' : 'alliance';
  return {
    collectionId: 'sahelsat-flood',
    id: `bench-${i}`,
    datetimeMs: Math.round(t),
    startMs: Math.round(t),
    endMs: Math.round(t),
    bbox: { minLon: w, minLat: s, maxLon: w + d, maxLat: s + d },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [w, s],
          [w + d, s],
          [w + d, s + d],
          [w, s + d],
          [w, s],
        ],
      ],
    },
    properties: {
      datetime: new Date(Math.round(t)).toISOString(),
      title: `Product ${i}`,
      'sahelsat:product_type': 'flood',
      'sahelsat:nation': nation,
      'sahelsat:releasability': rel,
      'sahelsat:area_km2': Math.round(d * d * 12_000 * 1000) / 1000,
    },
    assets: {},
    links: [],
    extensions: [],
    ownerNation: nation,
    releasability: rel,
    createdAtMs: 0,
    updatedAtMs: 0,
  };
}

let SIZE_NOW = 0;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const QUERIES = {
  'first page, no filter': { url: '/stac/search?limit=10' },
  'bbox Niger delta': { url: '/stac/search?bbox=-5,13.5,-3,15.5&limit=10' },
  'datetime one year': {
    url: '/stac/search?datetime=2020-01-01T00:00:00Z/2020-12-31T23:59:59Z&limit=10',
  },
  'intersects line (POST)': {
    method: 'POST',
    payload: {
      intersects: {
        type: 'LineString',
        coordinates: [
          [-8, 12.6],
          [2.1, 13.5],
        ],
      },
      limit: 10,
    },
  },
  'CQL2 area > 1000 and nation NE, sorted by area': {
    method: 'POST',
    payload: {
      filter: {
        op: 'and',
        args: [
          { op: '>', args: [{ property: 'sahelsat:area_km2' }, 1000] },
          { op: '=', args: [{ property: 'sahelsat:nation' }, 'NE'] },
        ],
      },
      sortby: [{ field: 'sahelsat:area_km2', direction: 'desc' }],
      limit: 10,
    },
  },
};

console.log(`node ${process.version}, ${new Date().toISOString()}`);
for (const backend of BACKENDS) {
  for (const size of SIZES) {
    SIZE_NOW = size;
    seed = 7;
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-bench-stac-'));
    const schema = `bench_stac_${process.pid}_${size}`;
    const storage =
      backend === 'sqlite'
        ? { kind: 'sqlite', file: join(dir, 'db.sqlite') }
        : { kind: 'postgres', url: PG_URL, schema };
    const app = await buildServer({
      storage,
      adminPassword: PASSWORD,
      seedDemoData: false,
      jobs: { threads: 0 },
    });
    await app.ready();
    const store = app.sahelsat.store;
    for (const c of defaultCollections(0)) await store.stac.ensureCollection(c);
    const t0 = performance.now();
    for (let i = 0; i < size; i += 500)
      await store.transaction(async (tx) => {
        for (let k = i; k < Math.min(size, i + 500); k++) await tx.stac.insertItem(item(k));
      });
    const insertS = (performance.now() - t0) / 1000;
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: PASSWORD },
    });
    const headers = { authorization: `Bearer ${login.json().token}` };
    const out = [];
    for (const [name, q] of Object.entries(QUERIES)) {
      const times = [];
      let matched = 0;
      for (let k = 0; k < 10; k++) {
        const t = performance.now();
        const r = await app.inject({
          method: q.method ?? 'GET',
          url: q.url ?? '/stac/search',
          headers,
          ...(q.payload ? { payload: q.payload } : {}),
        });
        times.push(performance.now() - t);
        if (r.statusCode !== 200) throw new Error(`${name}: ${r.statusCode} ${r.body}`);
        matched = r.json().numberMatched;
      }
      out.push(`${name}: ${median(times).toFixed(1)} ms (matched ${matched})`);
    }
    console.log(`${backend}, ${size} items (inserted in ${insertS.toFixed(1)} s):`);
    for (const l of out) console.log(`  ${l}`);
    await app.close();
    if (backend === 'postgres') await dropPostgresSchema(PG_URL, schema);
    rmSync(dir, { recursive: true, force: true });
  }
}
