#!/usr/bin/env node
// Benchmark of the operations server: latency (p50, p99) and throughput of GET /api/v1/passes
// and POST /api/v1/requests at 50 concurrent clients (autocannon), on SQLite and on PostgreSQL,
// next to GET /api/v1/health (no authentication, no database) measured in the same run as the
// floor of the HTTP stack. The server runs in its own process (`sahelsat serve`, as deployed);
// autocannon runs in this one. Needs `npm run build` first, and the reference TLEs
// (../shared/reference or SAHELSAT_REFERENCE_DIR).
//
//   node bench/server.mjs [--duration 10] [--connections 50] [--backends sqlite,postgres]
//                         [--cases health,passes,create] [--cpu-prof DIR]
//
// --cpu-prof DIR runs the server under `node --cpu-prof` and leaves its .cpuprofile in DIR
// (open it in Chrome DevTools or `npx speedscope`), to see where a case spends its time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REFERENCE = process.env.SAHELSAT_REFERENCE_DIR ?? resolve(REPO, '../shared/reference');
const PG_URL = process.env.SAHELSAT_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'benchmark admin password';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const DURATION_S = Number(opt('duration', '10'));
const CONNECTIONS = Number(opt('connections', '50'));
const BACKENDS = opt('backends', 'sqlite,postgres').split(',');
const CASES = opt('cases', 'health,passes,create').split(',');
const CPU_PROF_DIR = opt('cpu-prof', null);

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function startServer(backend) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sahelsat-bench-'));
  const env = { ...process.env, SAHELSAT_ADMIN_PASSWORD: PASSWORD };
  delete env.DATABASE_URL;
  let schema = null;
  if (backend === 'postgres') {
    schema = `bench_${process.pid}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade; create schema ${schema}`);
    await c.end();
    const u = new URL(PG_URL);
    u.searchParams.set('options', `-c search_path=${schema},public`);
    env.DATABASE_URL = u.toString();
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...(CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', resolve(CPU_PROF_DIR)] : []),
      join(REPO, 'bin/sahelsat.js'),
      'serve',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
    ],
    {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      /* starting */
    }
    if (i > 400) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  const { token } = await login.json();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const tle = readFileSync(join(REFERENCE, 'tle/sahel-eo-leo-50.tle'), 'utf8');
  const imp = await fetch(`${base}/api/v1/satellites/import?source=bench`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/plain' },
    body: tle,
  });
  if (!imp.ok) throw new Error(`import failed: ${imp.status}`);
  return {
    base,
    headers,
    pid: child.pid,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
      if (schema) {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema if exists ${schema} cascade`);
        await c.end();
      }
    },
  };
}

const REQUEST = JSON.stringify({
  title: 'Benchmark: flood extent near Mopti',
  aoi: {
    type: 'Polygon',
    coordinates: [
      [
        [-4.3, 14.4],
        [-4.0, 14.4],
        [-4.0, 14.6],
        [-4.3, 14.6],
        [-4.3, 14.4],
      ],
    ],
  },
  priority: 2,
  window: { start: '2026-03-20T06:00:00Z', end: '2026-03-22T18:00:00Z' },
  sensorType: 'sar',
  releasability: 'nation',
});

function run(opts) {
  return new Promise((res, rej) => {
    autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts }, (err, r) =>
      err ? rej(err) : res(r),
    );
  });
}

const rows = [];
for (const backend of BACKENDS) {
  const s = await startServer(backend);
  try {
    const passesUrl = `${s.base}/api/v1/passes?station=bamako&hours=24`;
    const cases = [
      [
        'health',
        'GET /api/v1/health (floor: no auth, no database)',
        { url: `${s.base}/api/v1/health` },
      ],
      [
        'passes',
        'GET /api/v1/passes?station=bamako&hours=24',
        { url: passesUrl, headers: s.headers },
      ],
      [
        'create',
        'POST /api/v1/requests',
        { url: `${s.base}/api/v1/requests`, method: 'POST', headers: s.headers, body: REQUEST },
      ],
    ].filter(([key]) => CASES.includes(key));
    // Warm-up: the first passes call computes the cache for the current window; JIT warm-up.
    await run({ url: passesUrl, headers: s.headers, duration: 2 });
    for (const [, name, o] of cases) {
      const r = await run(o);
      const ok = r['2xx'];
      rows.push({
        backend,
        name,
        p50: r.latency.p50,
        p99: r.latency.p99,
        max: r.latency.max,
        rps: r.requests.average,
        ok,
        other: r.non2xx + r.errors + r.timeouts,
        rssMb: rssMb(s.pid),
      });
      console.error(
        `${backend} ${name}: p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${r.requests.average} req/s, ${r.non2xx} non-2xx, ${r.errors} errors`,
      );
    }
  } finally {
    await s.stop();
  }
}

console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s per case, node ${process.version}\n`);
console.log(
  '| backend | endpoint | p50 ms | p99 ms | max ms | req/s | 2xx | other | server RSS MB |',
);
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.backend} | ${r.name} | ${r.p50} | ${r.p99} | ${r.max} | ${Math.round(r.rps)} | ${r.ok} | ${r.other} | ${r.rssMb.toFixed(0)} |`,
  );
}
