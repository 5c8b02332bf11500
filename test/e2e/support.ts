/**
 * End-to-end harness: a real server on a fresh SQLite data directory (demo data, known admin
 * password) serving the built dashboard, and Debian's Chromium driven by playwright-core.
 *
 * The page may talk to the server only: any request to another host is aborted and fails the
 * test, and so does any console error or uncaught exception in the page (checked by `close()`
 * and `assertClean()`). The dashboard is rebuilt first when a file under web/ is newer than
 * dist/web (so a test never runs against a stale build).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type Browser, type Page, chromium } from 'playwright-core';
import { type ServerOptions, buildServer } from '../../src/server/index.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ADMIN_PASSWORD = 'admin password for e2e tests';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_SRC = join(ROOT, 'web');
const WEB_OUT = join(ROOT, 'dist', 'web');
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');

/** True when the browser is there; e2e files skip with a clear message otherwise. */
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_MESSAGE = `${CHROMIUM} is missing: end-to-end tests skipped (apt-get install chromium)`;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds dist/web when missing or older than web/ (one build at a time across test files). */
export function ensureWebBuilt(): string {
  const index = join(WEB_OUT, 'index.html');
  const fresh = () => existsSync(index) && statSync(index).mtimeMs >= newestMtime(WEB_SRC);
  if (fresh()) return WEB_OUT;
  const lock = join(ROOT, 'dist', '.web-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 600) throw new Error(`dashboard build lock ${lock} held for 2 min: remove it`);
      execFileSync('sleep', ['0.2']);
    }
  }
  try {
    if (!fresh())
      execFileSync(
        process.execPath,
        [
          join(ROOT, 'node_modules/vite/bin/vite.js'),
          'build',
          '--config',
          join(WEB_SRC, 'vite.config.ts'),
          '--logLevel',
          'error',
        ],
        {
          cwd: ROOT,
          stdio: ['ignore', 'ignore', 'inherit'],
        },
      );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return WEB_OUT;
}

export interface E2E {
  readonly baseUrl: string;
  readonly page: Page;
  readonly browser: Browser;
  readonly server: FastifyInstance;
  readonly adminPassword: string;
  /** Opens the login page, signs in and waits for the map to be ready. */
  login(username: string, password: string): Promise<void>;
  /** Lets console errors matching `pattern` pass (a test that provokes one on purpose). */
  allowConsoleError(pattern: RegExp): void;
  /** Requests to other hosts, console errors and page errors seen so far. */
  readonly problems: readonly string[];
  /** Throws when there is any problem. */
  assertClean(): void;
  /** Closes browser and server, removes the data directory; throws on any problem. */
  close(): Promise<void>;
}

export interface E2EOptions {
  server?: Partial<ServerOptions>;
  viewport?: { width: number; height: number };
}

export async function startServerAndBrowser(o: E2EOptions = {}): Promise<E2E> {
  const webRoot = ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'sahelsat-e2e-'));
  const server = await buildServer({
    dataDir,
    adminPassword: ADMIN_PASSWORD,
    seedDemoData: true,
    jobs: { threads: 0 },
    webRoot,
    ...o.server,
  });
  let browser: Browser | null = null;
  try {
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    if (!address || typeof address === 'string') throw new Error('server has no port');
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const host = `127.0.0.1:${address.port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    const context = await browser.newContext({
      viewport: o.viewport ?? { width: 1400, height: 860 },
      locale: 'en-GB',
      timezoneId: 'Africa/Bamako',
    });
    const page = await context.newPage();
    const problems: string[] = [];
    const allowed: RegExp[] = [];
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== host) {
        problems.push(`request to another host: ${route.request().method()} ${url.href}`);
        return route.abort('blockedbyclient');
      }
      return route.continue();
    });
    page.on('websocket', (ws) => {
      const url = new URL(ws.url());
      if (url.host !== host) problems.push(`websocket to another host: ${url.href}`);
    });
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      const text = `${m.text()} (${m.location().url})`;
      if (!allowed.some((re) => re.test(text))) problems.push(`console error: ${text}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    const assertClean = () => {
      if (problems.length > 0) throw new Error(`the page misbehaved:\n- ${problems.join('\n- ')}`);
    };
    const b = browser;
    return {
      baseUrl,
      page,
      browser: b,
      server,
      adminPassword: ADMIN_PASSWORD,
      problems,
      allowConsoleError: (re) => void allowed.push(re),
      assertClean,
      async login(username, password) {
        await page.goto(baseUrl + '/');
        await page.getByTestId('login-username').fill(username);
        await page.getByTestId('login-password').fill(password);
        await page.getByTestId('login-submit').click();
        await page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 30_000 });
      },
      async close() {
        await b.close().catch(() => undefined);
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
        assertClean();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Saves a screenshot as test-artifacts/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** What the dashboard exposes to tests (web/src/shell/Dashboard.tsx), as far as tests use it. */
export interface DashboardHandle {
  map: {
    project(lngLat: [number, number]): { x: number; y: number };
    jumpTo(o: { center: [number, number]; zoom: number }): void;
    getZoom(): number;
  };
  ctx: {
    selection: { satelliteId: { value: string | null } };
    t(key: string): string;
    live: {
      onEvent(
        fn: (e: { type: string; at: string; data: Record<string, unknown> }) => void,
      ): () => void;
      onPositions(
        fn: (p: {
          at: string;
          satellites: Array<{ id: string; latitudeDeg: number; longitudeDeg: number }>;
        }) => void,
      ): () => void;
    };
  };
  satellites: {
    satellites(): Array<{ id: string; name: string; periodMin: number }>;
    sensors(): Array<{ id: string; satelliteId: string | null }>;
    position(
      id: string,
      tMs: number,
    ): { latitudeDeg: number; longitudeDeg: number; altitudeKm: number } | null;
    updates(): number;
  };
  time: { set(ms: number): void; goLive(): void; setSpeed(s: number): void; displayNow(): number };
}

declare global {
  interface Window {
    __sahelsat?: DashboardHandle;
  }
}
