#!/usr/bin/env node
// Benchmark of the dashboard in headless Chromium (Debian's /usr/bin/chromium, software WebGL):
//  1. first load to an interactive map: from navigation start to the map drawn with its layers
//     and satellites (the `sahelsat:map-ready` performance mark), signed in, fresh browser
//     context each run (empty cache); median of --runs;
//  2. the live view with 500 satellites: 496 LEO element sets from the reference catalogue
//     (imported through the API at run time, never committed) + the 4 demo satellites, shown at
//     the catalogue's snapshot time and playing at 1×; frames per second counted with
//     requestAnimationFrame over --seconds, satellite-position updates per second, JS heap;
//     then the frame rate while panning without stop for 3 s (MapLibre redraws every frame).
// The server runs in its own process (`sahelsat serve`, as deployed). Needs `npm run build`.
//
//   node bench/dashboard.mjs [--runs 5] [--seconds 10]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REFERENCE = process.env.SAHELSAT_REFERENCE_DIR ?? resolve(REPO, '../shared/reference');
const CATALOGUE = join(REFERENCE, 'tle', 'active-2026-03-19.txt');
const SNAPSHOT = Date.parse('2026-03-19T00:00:00Z');
const PASSWORD = 'benchmark admin password';
const CHROMIUM = '/usr/bin/chromium';
const EXTRA_SATELLITES = 496;

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt('runs', '5'));
const SECONDS = Number(opt('seconds', '10'));

for (const [what, path] of [
  ['the built server (npm run build)', join(REPO, 'dist', 'index.js')],
  ['the built dashboard (npm run build)', join(REPO, 'dist', 'web', 'index.html')],
  ['Chromium (apt-get install chromium)', CHROMIUM],
  ['the reference catalogue (../shared/reference or SAHELSAT_REFERENCE_DIR)', CATALOGUE],
]) {
  if (!existsSync(path)) {
    console.error(`missing ${what}: ${path}`);
    process.exit(2);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** 496 LEO element sets spread evenly over the catalogue (by catalogue number): fixed input. */
function pickElementSets() {
  const lines = readFileSync(CATALOGUE, 'utf8').split('\n');
  const leo = [];
  for (let i = 0; i + 2 < lines.length; i += 3) {
    const [name, l1, l2] = [lines[i].trimEnd(), lines[i + 1], lines[i + 2]];
    if (!l1?.startsWith('1 ') || !l2?.startsWith('2 ')) continue;
    const meanMotion = Number(l2.slice(52, 63));
    if (meanMotion > 11.25) leo.push({ name, l1, l2, n: Number(l1.slice(2, 7)) });
  }
  leo.sort((a, b) => a.n - b.n);
  const step = leo.length / EXTRA_SATELLITES;
  const picked = Array.from({ length: EXTRA_SATELLITES }, (_, k) => leo[Math.floor(k * step)]);
  return picked.map((e) => `${e.name}\n${e.l1}\n${e.l2}`).join('\n') + '\n';
}

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sahelsat-bench-dash-'));
  const port = await freePort();
  const env = { ...process.env, SAHELSAT_ADMIN_PASSWORD: PASSWORD };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [
      join(REPO, 'bin', 'sahelsat.js'),
      'serve',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--job-threads',
      '0',
    ],
    { env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) break;
    } catch {
      /* not yet */
    }
    if (i > 300) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--enable-precise-memory-info',
    ],
  });
  try {
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const { token } = await login.json();
    const auth = { authorization: `Bearer ${token}` };
    const imported = await (
      await fetch(`${server.base}/api/v1/satellites/import?source=benchmark`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/plain' },
        body: pickElementSets(),
      })
    ).json();
    const total = (
      await (await fetch(`${server.base}/api/v1/element-sets/latest`, { headers: auth })).json()
    ).length;
    console.log(
      `satellites in the catalogue: ${total} (imported ${imported.satellitesCreated}, errors ${imported.errors?.length ?? '?'})`,
    );

    const url = new URL(server.base);
    const newPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      await context.addCookies([
        { name: 'sahelsat_session', value: token, domain: url.hostname, path: '/', httpOnly: true },
      ]);
      await context.addInitScript(() => localStorage.setItem('sahelsat.signed-in', '1'));
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error('page error:', e.message));
      await context.route('**/*', (route) => {
        const u = new URL(route.request().url());
        if (u.host !== url.host && u.protocol.startsWith('http')) {
          console.error(`request to another host: ${u.href}`);
          return route.abort();
        }
        return route.continue();
      });
      return { context, page };
    };

    // 1. First load to an interactive map.
    const loads = [];
    for (let r = 0; r < RUNS; r++) {
      const { context, page } = await newPage();
      await page.goto(`${server.base}/`);
      await page.locator('body[data-map-ready="true"]').waitFor({ timeout: 60_000 });
      const ms = await page.evaluate(
        () => performance.getEntriesByName('sahelsat:map-ready')[0].startTime,
      );
      loads.push(ms);
      await context.close();
    }
    console.log(
      `first load to interactive map, ms: ${loads.map((x) => x.toFixed(0)).join(', ')}; median ${median(loads).toFixed(0)}`,
    );

    // 2. 500 satellites moving: frame rate and heap.
    const { context, page } = await newPage();
    await page.goto(`${server.base}/`);
    await page.locator('body[data-map-ready="true"]').waitFor({ timeout: 60_000 });
    const live = await page.evaluate(
      async ([snapshot, seconds]) => {
        const w = window.__sahelsat;
        w.time.set(snapshot);
        w.time.setSpeed(1);
        w.map.jumpTo({ center: [0, 15], zoom: 1.6 });
        await new Promise((r) => setTimeout(r, 1500));
        const drawn = w.satellites
          .satellites()
          .filter((s) => w.satellites.position(s.id, w.time.displayNow()) !== null).length;
        const updates0 = w.satellites.updates();
        const perSecond = [];
        let last = performance.now();
        let inSecond = 0;
        await new Promise((done) => {
          const end = last + seconds * 1000;
          const tick = (now) => {
            inSecond++;
            if (now - last >= 1000) {
              perSecond.push((inSecond * 1000) / (now - last));
              inSecond = 0;
              last = now;
            }
            if (now < end) requestAnimationFrame(tick);
            else done();
          };
          requestAnimationFrame(tick);
        });
        const updates = w.satellites.updates() - updates0;
        // The same while the user pans the usual view (the three countries) without stop:
        // MapLibre redraws the whole map each frame.
        w.map.jumpTo({ center: [2, 16], zoom: 4.6 });
        await new Promise((r) => setTimeout(r, 500));
        let panFrames = 0;
        const panStart = performance.now();
        await new Promise((done) => {
          const pan = (now) => {
            panFrames++;
            w.map.panBy([panFrames % 200 < 100 ? 4 : -4, 0], { animate: false });
            if (now - panStart < 3000) requestAnimationFrame(pan);
            else done();
          };
          requestAnimationFrame(pan);
        });
        const panFps = (panFrames * 1000) / (performance.now() - panStart);
        return {
          drawn,
          panFps,
          fps: perSecond,
          updatesPerS: updates / seconds,
          heapMb: performance.memory.usedJSHeapSize / 1048576,
        };
      },
      [SNAPSHOT, SECONDS],
    );
    await context.close();
    console.log(
      `500-satellite view: ${live.drawn} satellites drawn; FPS per second ${live.fps.map((x) => x.toFixed(1)).join(', ')}; median FPS ${median(live.fps).toFixed(1)}; position updates ${live.updatesPerS.toFixed(1)}/s; JS heap ${live.heapMb.toFixed(1)} MB; while panning without stop ${live.panFps.toFixed(1)} FPS`,
    );
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; node ${process.version}; ${await browser.version()}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
