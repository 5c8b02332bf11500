/**
 * The dashboard in a real browser (Debian's Chromium): sign in, the map is drawn (pixels read
 * from a screenshot of the canvas, not only a DOM node), a satellite moves between two
 * screenshots, clicking it shows its details and next passes, the time slider previews and
 * comes back to live, French switches strings and <html lang>. Every request goes to our
 * server (the harness fails otherwise). Screenshots: test-artifacts/screenshots/.
 */
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type E2E,
  SKIP_MESSAGE,
  hasChromium,
  screenshot,
  startServerAndBrowser,
} from './support.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

type Rgb = [number, number, number];
const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
/** Colours of web/src/map/style.ts. */
const SEA = hex('#0d1b26');
const NATION = hex('#22433a');
const SELECTED = hex('#ff6f61');

const near = (a: Rgb, b: Rgb, tol = 18) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);

async function mapShot(e: E2E): Promise<PNG> {
  const buf = await e.page.getByTestId('map').screenshot();
  return PNG.sync.read(buf);
}
function pixel(png: PNG, x: number, y: number): Rgb {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
}
/** Centroid of the pixels of a colour (the selected satellite's dot), or null. */
function centroidOf(png: PNG, colour: Rgb): { x: number; y: number; n: number } | null {
  let sx = 0;
  let sy = 0;
  let n = 0;
  for (let y = 0; y < png.height; y++)
    for (let x = 0; x < png.width; x++)
      if (near(pixel(png, x, y), colour, 12)) {
        sx += x;
        sy += y;
        n++;
      }
  return n === 0 ? null : { x: sx / n, y: sy / n, n };
}

/** Screen position (CSS px, relative to the map) of a longitude/latitude. */
async function project(e: E2E, lon: number, lat: number): Promise<{ x: number; y: number }> {
  return e.page.evaluate(([lo, la]) => window.__sahelsat!.map.project([lo!, la!]), [lon, lat]);
}

/** First instant (ms) within two days when the satellite is over the Sahel. */
async function overSahel(e: E2E, id: string): Promise<number> {
  return e.page.evaluate((sid) => {
    const s = window.__sahelsat!.satellites;
    const start = Date.now();
    for (let t = start; t < start + 2 * 86_400_000; t += 20_000) {
      const p = s.position(sid, t);
      const inside =
        p && p.latitudeDeg > 11 && p.latitudeDeg < 19 && p.longitudeDeg > -9 && p.longitudeDeg < 10;
      if (inside) return t;
    }
    throw new Error(`${sid} never over the Sahel within two days`);
  }, id);
}

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let e: E2E;
  /** An instant when a satellite with a sensor is over the Sahel (for the screenshots). */
  let previewAt = 0;
  beforeAll(async () => {
    e = await startServerAndBrowser();
  }, 120_000);
  afterAll(async () => {
    await e?.close();
  });

  it('refuses a wrong password with a message, then signs in', async () => {
    e.allowConsoleError(/status of 401/);
    await e.page.goto(e.baseUrl + '/');
    await screenshot(e.page, 'login-en');
    await e.page.getByTestId('login-username').fill('admin');
    await e.page.getByTestId('login-password').fill('wrong password');
    await e.page.getByTestId('login-submit').click();
    await expect
      .poll(() => e.page.getByTestId('login-error').textContent())
      .toContain('wrong password');
    await e.login('admin', e.adminPassword);
    expect(await e.page.getByTestId('user').textContent()).toContain('admin');
  });

  it('draws the map: the nations over the sea, in the canvas pixels', async () => {
    await e.page.locator('body[data-map-ready="true"]').waitFor();
    await e.page.waitForTimeout(500);
    const png = await mapShot(e);
    const scale = png.width / (await e.page.getByTestId('map').boundingBox())!.width;
    // Inside Mali (near Tombouctou region, away from borders and labels) and in the Atlantic.
    const mali = await project(e, -3.5, 19.5);
    const atlantic = await project(e, -12.5, 24.5);
    const inMali = pixel(png, mali.x * scale, mali.y * scale);
    expect(near(inMali, NATION), `Mali pixel ${inMali}`).toBe(true);
    const inSea = pixel(png, atlantic.x * scale, atlantic.y * scale);
    expect(near(inSea, SEA) || !near(inSea, NATION), `Atlantic pixel ${inSea}`).toBe(true);
    // Not a blank canvas: many distinct colours.
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4 * 97)
      colours.add((png.data[i]! << 16) | (png.data[i + 1]! << 8) | png.data[i + 2]!);
    expect(colours.size).toBeGreaterThan(20);
  });

  it('draws and clears a panel overlay; fits bounds', async () => {
    const MAGENTA = hex('#ff00ff');
    await e.page.evaluate(() => {
      const ctx = window.__sahelsat!.ctx as unknown as {
        setOverlay(id: string, fc: unknown, style: { fill?: string; line?: string }): void;
        fitBounds(b: [number, number, number, number]): void;
      };
      ctx.fitBounds([-6, 13, 4, 19]);
      ctx.setOverlay(
        'e2e',
        {
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {},
              geometry: {
                type: 'Polygon',
                coordinates: [
                  [
                    [-2, 15],
                    [0, 15],
                    [0, 17],
                    [-2, 17],
                    [-2, 15],
                  ],
                ],
              },
            },
          ],
        },
        { fill: '#ff00ff', line: '#ff00ff' },
      );
    });
    await e.page.waitForTimeout(1500);
    const centre = await project(e, -1, 16);
    let png = await mapShot(e);
    const scale = png.width / (await e.page.getByTestId('map').boundingBox())!.width;
    // The fill is 35 % opaque over the nation's green: redder and bluer than the nation alone.
    const inside = pixel(png, centre.x * scale, centre.y * scale);
    expect(inside[0] - NATION[0], `overlay pixel ${inside}`).toBeGreaterThan(40);
    expect(inside[2] - NATION[2], `overlay pixel ${inside}`).toBeGreaterThan(40);
    expect(near(inside, MAGENTA, 60)).toBe(false);
    await e.page.evaluate(() =>
      (window.__sahelsat!.ctx as unknown as { clearOverlay(id: string): void }).clearOverlay('e2e'),
    );
    await e.page.waitForTimeout(800);
    png = await mapShot(e);
    const after = pixel(png, centre.x * scale, centre.y * scale);
    expect(near(after, NATION), `pixel after clearing ${after}`).toBe(true);
  });

  it('hides and shows a group of layers from the layer control (keyboard)', async () => {
    const visibility = () =>
      e.page.evaluate(() =>
        (
          window.__sahelsat!.map as unknown as { getLayoutProperty(l: string, p: string): unknown }
        ).getLayoutProperty('towns-label', 'visibility'),
      );
    await e.page.getByTestId('layer-control').locator('summary').focus();
    await e.page.keyboard.press('Enter');
    await e.page.getByTestId('layer-towns').focus();
    await e.page.keyboard.press('Space');
    expect(await visibility()).toBe('none');
    await e.page.keyboard.press('Space');
    expect(await visibility()).toBe('visible');
    await e.page.getByTestId('layer-control').locator('summary').click();
  });

  it('moves a satellite between two screenshots (live)', async () => {
    const sats = await e.page.evaluate(() =>
      window.__sahelsat!.satellites.satellites().map((s) => ({ id: s.id, name: s.name })),
    );
    expect(sats.length).toBeGreaterThan(0);
    // A low-orbit satellite away from the poles (Mercator stretches motion there off the screen).
    const id = await e.page.evaluate(() => {
      const w = window.__sahelsat!;
      const leo = w.satellites.satellites().filter((s) => s.periodMin < 200);
      const lat = (sid: string) => w.satellites.position(sid, Date.now() + 5000)?.latitudeDeg ?? 90;
      const low = leo.find((s) => Math.abs(lat(s.id)) < 55);
      const sid = (low ?? leo[0]!).id;
      w.ctx.selection.satelliteId.value = sid;
      const p = w.satellites.position(sid, Date.now() + 2000)!;
      w.map.jumpTo({ center: [p.longitudeDeg, p.latitudeDeg], zoom: 6 });
      return sid;
    });
    await e.page.waitForTimeout(600);
    // Where propagation puts the satellite around each screenshot (screen px).
    const expected = () =>
      e.page.evaluate((sid) => {
        const w = window.__sahelsat!;
        const p = w.satellites.position(sid, Date.now())!;
        return w.map.project([p.longitudeDeg, p.latitudeDeg]);
      }, id);
    const pA = await expected();
    const shotA = await mapShot(e);
    await e.page.waitForTimeout(3000);
    const pB = await expected();
    const shotB = await mapShot(e);
    const a = centroidOf(shotA, SELECTED);
    const b = centroidOf(shotB, SELECTED);
    if (!a || !b) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync('test-artifacts/screenshots/moving-a.png', PNG.sync.write(shotA));
      writeFileSync('test-artifacts/screenshots/moving-b.png', PNG.sync.write(shotB));
    }
    expect(a, 'selected satellite visible in the first screenshot').not.toBeNull();
    expect(b, 'selected satellite visible in the second screenshot').not.toBeNull();
    // ~7 km/s for 3 s or more at zoom 6 (~2.4 km per pixel near the equator): ≥ 9 px.
    const scale = shotA.width / (await e.page.getByTestId('map').boundingBox())!.width;
    expect(Math.hypot(b!.x - a!.x, b!.y - a!.y) / scale).toBeGreaterThan(4);
    // …in the direction its orbit says.
    const dot = (b!.x - a!.x) * (pB.x - pA.x) + (b!.y - a!.y) * (pB.y - pA.y);
    expect(dot, `satellite ${id} moved against its orbit`).toBeGreaterThan(0);
  });

  it('shows a clicked satellite with its track, details and next passes; previews and goes back to live', async () => {
    const id = await e.page.evaluate(() => {
      const w = window.__sahelsat!;
      w.ctx.selection.satelliteId.value = null;
      const withSensor = w.satellites.sensors().find((s) => s.satelliteId)?.satelliteId;
      return withSensor ?? w.satellites.satellites()[0]!.id;
    });
    const t = await overSahel(e, id);
    previewAt = t;
    await e.page.evaluate((ms) => {
      const w = window.__sahelsat!;
      w.time.set(ms);
      w.map.jumpTo({ center: [1.5, 15], zoom: 4.6 });
    }, t);
    expect(await e.page.getByTestId('time-mode').textContent()).toBe('Preview');
    await e.page.waitForTimeout(500);
    const p = await e.page.evaluate(
      ([sid, ms]) => window.__sahelsat!.satellites.position(sid as string, ms as number)!,
      [id, t],
    );
    const at = await project(e, p.longitudeDeg, p.latitudeDeg);
    await e.page.getByTestId('map').click({ position: at });
    await e.page.getByTestId('satellite-details').waitFor();
    expect(await e.page.evaluate(() => window.__sahelsat!.ctx.selection.satelliteId.value)).toBe(
      id,
    );
    await e.page.getByTestId('satellite-passes').waitFor({ timeout: 30_000 });
    expect(
      await e.page.getByTestId('satellite-passes').locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    // Previewing: the passes are those of the 24 h from the shown time, not from now.
    expect(await e.page.getByTestId('satellite-details').textContent()).toContain(
      'Passes over the stations in the 24 h from',
    );
    const firstAos = Date.parse(
      (await e.page.getByTestId('satellite-passes').locator('tbody tr td').nth(1).textContent())!
        .replace(' UTC', 'Z')
        .replace(' ', 'T'),
    );
    expect(firstAos).toBeGreaterThan(t - 3_600_000);
    // A pass chosen in the list becomes the shared selection (the passes panel's sky plot).
    await e.page.getByTestId('satellite-passes').locator('tbody button').first().click();
    const pass = await e.page.evaluate(
      () =>
        (window.__sahelsat!.ctx.selection as unknown as { pass: { value: unknown } }).pass.value,
    );
    expect(pass).toMatchObject({ satelliteId: id });
    await e.page.waitForTimeout(500);
    await screenshot(e.page, 'dashboard-satellite-en');
    await e.page.getByTestId('time-live').click();
    expect(await e.page.getByTestId('time-mode').textContent()).toBe('Live');
    const shown = Date.parse(
      (await e.page.getByTestId('time-shown').textContent())!
        .replace(' UTC', 'Z')
        .replace(' ', 'T'),
    );
    expect(Math.abs(shown - Date.now())).toBeLessThan(5000);
  });

  it('switches to French: strings, <html lang>, remembered; ?lang=en overrides', async () => {
    await e.page.getByTestId('lang-fr').click();
    expect(await e.page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await e.page.getByTestId('logout').textContent()).toBe('Se déconnecter');
    expect(await e.page.getByTestId('time-mode').textContent()).toBe('Temps réel');
    await e.page.evaluate((ms) => window.__sahelsat!.time.set(ms), previewAt);
    expect(await e.page.getByTestId('time-mode').textContent()).toBe('Prévision');
    await e.page.waitForTimeout(800);
    await screenshot(e.page, 'dashboard-satellite-fr');
    await e.page.getByTestId('time-live').click();
    await e.page.reload();
    await e.page.locator('[data-testid="map"][data-ready="true"]').waitFor();
    expect(await e.page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await e.page.getByTestId('tab-satellites').textContent()).toBe('Satellites');
    expect(await e.page.getByTestId('logout').textContent()).toBe('Se déconnecter');
    await e.page.goto(e.baseUrl + '/?lang=en');
    await e.page.locator('[data-testid="map"][data-ready="true"]').waitFor();
    expect(await e.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await e.page.getByTestId('logout').textContent()).toBe('Sign out');
  });

  it('receives events and positions on the live socket', async () => {
    await e.page.evaluate(() => {
      const w = window as unknown as { __events: string[]; __positions: number[] };
      w.__events = [];
      w.__positions = [];
      window.__sahelsat!.ctx.live.onEvent((ev) =>
        w.__events.push(`${ev.type} ${String(ev.data.title)}`),
      );
      window.__sahelsat!.ctx.live.onPositions((p) => w.__positions.push(p.satellites.length));
    });
    await e.page.locator('[data-testid="live-state"][data-connected="true"]').waitFor();
    const login = await e.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: e.adminPassword },
    });
    const token = login.json<{ token: string }>().token;
    const now = Date.now();
    const created = await e.server.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        title: 'e2e live event',
        aoi: { type: 'Point', coordinates: [-8, 12.65] },
        priority: 2,
        window: {
          start: new Date(now + 3_600_000).toISOString(),
          end: new Date(now + 86_400_000).toISOString(),
        },
        sensorType: 'any',
        releasability: 'alliance',
      },
    });
    expect(created.statusCode).toBe(201);
    await expect
      .poll(() => e.page.evaluate(() => (window as unknown as { __events: string[] }).__events))
      .toContain('request.created e2e live event');
    await expect
      .poll(
        () =>
          e.page.evaluate(
            () => (window as unknown as { __positions: number[] }).__positions.length,
          ),
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThan(1);
    const counts = await e.page.evaluate(
      () => (window as unknown as { __positions: number[] }).__positions,
    );
    expect(counts[0]).toBe(4);
  });

  it('signs out back to the login page', async () => {
    await e.page.getByTestId('logout').click();
    await e.page.getByTestId('login-page').waitFor();
    e.assertClean();
  });

  it('signs in a viewer of Mali: header and permissions follow role and nation', async () => {
    const admin = await e.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: e.adminPassword },
    });
    const token = admin.json<{ token: string }>().token;
    const created = await e.server.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${token}` },
      payload: { username: 'awa', password: 'viewer password 123', role: 'viewer', nation: 'ML' },
    });
    expect(created.statusCode).toBe(201);
    await e.login('awa', 'viewer password 123');
    expect(await e.page.getByTestId('user').textContent()).toBe('awa (viewer, ML)');
    const may = await e.page.evaluate(() => {
      const ctx = window.__sahelsat!.ctx as unknown as { may(a: string): boolean };
      return ['create requests', 'plan', 'manage users', 'run jobs'].map((a) => ctx.may(a));
    });
    expect(may).toEqual([false, false, false, false]);
    expect(await e.page.getByTestId('tab-satellites').isVisible()).toBe(true);
  });
});
