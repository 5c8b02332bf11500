/**
 * Imported layers in a real browser (Debian's Chromium): an analyst of Mali imports the Niger
 * (the reference file, read in place) through the file input; it is listed and drawn in its
 * colour along the river (canvas pixels near Niamey and Mopti, none in the desert), hidden and
 * shown again, still there after a reload (stored on the server); a bad file lists its problems
 * with their paths; a KML file dropped on the map is imported, then deleted; French strings.
 * Every request goes to our own server (the harness fails otherwise).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referencePath } from '../support/reference.js';
import {
  type E2E,
  SKIP_MESSAGE,
  hasChromium,
  screenshot,
  startServerAndBrowser,
} from './support.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

type Rgb = [number, number, number];
const MAGENTA: Rgb = [255, 0, 255];
const near = (a: Rgb, b: Rgb, tol: number) => a.every((v, i) => Math.abs(v - b[i]!) <= tol);
const PASSWORD = 'analyst password for e2e';
const NIGER_FILE = referencePath('geodata', 'river_niger_ne10m.geojson');
const NIGER = JSON.parse(
  readFileSync(NIGER_FILE, 'utf8'),
) as GeoJSON.FeatureCollection<GeoJSON.MultiLineString>;

/** The river's own vertices within `radiusDeg` of a place. */
function verticesNear(lon: number, lat: number, radiusDeg: number): [number, number][] {
  const out: [number, number][] = [];
  for (const f of NIGER.features)
    for (const line of f.geometry.coordinates)
      for (const [x, y] of line)
        if ((x! - lon) ** 2 + (y! - lat) ** 2 <= radiusDeg ** 2) out.push([x!, y!]);
  return out;
}
/** Along the river within 1° of Niamey and of Mopti (town and station markers cover a few). */
const NIAMEY = verticesNear(2.1125, 13.5116, 1);
const MOPTI = verticesNear(-4.1975, 14.4843, 1);
/** In the Sahara, far from the river. */
const DESERT: [number, number][] = [
  [-2, 20.5],
  [4, 19],
  [-6, 18.5],
];

describe.skipIf(!hasChromium)('imported layers in Chromium', () => {
  let e: E2E;
  let tmp: string;
  beforeAll(async () => {
    e = await startServerAndBrowser();
    tmp = mkdtempSync(join(tmpdir(), 'sahelsat-layers-e2e-'));
    const login = await e.server.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: e.adminPassword },
    });
    for (const [username, role, nation] of [
      ['analyst-ml', 'analyst', 'ML'],
      ['viewer-ml', 'viewer', 'ML'],
      ['analyst-bf', 'analyst', 'BF'],
    ]) {
      const r = await e.server.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { authorization: `Bearer ${login.json().token}` },
        payload: { username, password: PASSWORD, role, nation },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await e?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Share of the places with a pixel of the magenta colour within `radius` CSS px. */
  async function magentaShare(places: [number, number][], radius = 3): Promise<number> {
    const map = e.page.getByTestId('map');
    const png = PNG.sync.read(await map.screenshot());
    const scale = png.width / (await map.boundingBox())!.width;
    const points = await e.page.evaluate(
      (lls) => lls.map((ll) => window.__sahelsat!.map.project(ll)),
      places,
    );
    const r = Math.ceil(radius * scale);
    const hit = (p: { x: number; y: number }) => {
      for (let dy = -r; dy <= r; dy++)
        for (let dx = -r; dx <= r; dx++) {
          const x = Math.round(p.x * scale) + dx;
          const y = Math.round(p.y * scale) + dy;
          if (x < 0 || y < 0 || x >= png.width || y >= png.height) continue;
          const i = (y * png.width + x) * 4;
          if (near([png.data[i]!, png.data[i + 1]!, png.data[i + 2]!], MAGENTA, 60)) return true;
        }
      return false;
    };
    return points.filter(hit).length / points.length;
  }
  /** The river is drawn near Niamey and Mopti, and nothing magenta is in the desert. */
  async function expectRiverDrawn(): Promise<void> {
    expect(NIAMEY.length).toBeGreaterThan(10);
    expect(MOPTI.length).toBeGreaterThan(10);
    expect(await magentaShare(NIAMEY), 'near Niamey').toBeGreaterThan(0.7);
    expect(await magentaShare(MOPTI), 'near Mopti').toBeGreaterThan(0.7);
    expect(await magentaShare(DESERT, 10), 'in the desert').toBe(0);
  }
  const item = (name: string) =>
    e.page.getByTestId('imported-item').filter({
      has: e.page.getByTestId('imported-name-text').getByText(name, { exact: true }),
    });

  it('imports the Niger from the file input, lists it and draws it in its colour', async () => {
    await e.login('analyst-ml', PASSWORD);
    await e.page.getByTestId('tab-layers').click();
    await e.page.getByTestId('imported-file').setInputFiles(NIGER_FILE);
    // The name is proposed from the file name.
    expect(await e.page.getByTestId('imported-name').inputValue()).toBe('river niger ne10m');
    await e.page.getByTestId('imported-name').fill('Niger');
    await e.page.getByTestId('imported-colour').fill('#ff00ff');
    await e.page.getByTestId('imported-submit').click();
    await item('Niger').waitFor();
    expect(await item('Niger').textContent()).toContain('2 feature(s) · MultiLineString · GeoJSON');
    // Zoomed to the river; the river's own vertices at Niamey and Mopti are drawn in magenta.
    await e.page.waitForTimeout(1500);
    await screenshot(e.page, 'panel-layers');
    await expectRiverDrawn();
  });

  it('hides and shows the layer from its checkbox (keyboard)', async () => {
    const box = item('Niger').getByTestId('imported-visible');
    await box.focus();
    await e.page.keyboard.press('Space');
    expect(await box.isChecked()).toBe(false);
    await e.page.waitForTimeout(800);
    expect(await magentaShare(NIAMEY)).toBe(0);
    expect(await magentaShare(MOPTI)).toBe(0);
    await e.page.keyboard.press('Space');
    await e.page.waitForTimeout(1000);
    await expectRiverDrawn();
  });

  it('still has the layer after a reload (stored on the server)', async () => {
    await e.page.reload();
    await e.page.locator('[data-testid="map"][data-ready="true"]').waitFor({ timeout: 30_000 });
    await e.page.getByTestId('tab-layers').click();
    await item('Niger').waitFor();
    await item('Niger').getByTestId('imported-zoom').click();
    await e.page.waitForTimeout(1500);
    await expectRiverDrawn();
  });

  it('lists the problems of a bad file with their paths', async () => {
    e.allowConsoleError(/status of 400/);
    const bad = JSON.parse(JSON.stringify(NIGER)) as typeof NIGER;
    bad.features[1]!.geometry.coordinates[0]![3] = [2.1, 95];
    const file = join(tmp, 'bad_niger.geojson');
    writeFileSync(file, JSON.stringify(bad, null, 1));
    await e.page.getByTestId('imported-file').setInputFiles(file);
    await e.page.getByTestId('imported-name').fill('Bad');
    await e.page.getByTestId('imported-submit').click();
    const issues = e.page.getByTestId('imported-issues');
    await issues.waitFor();
    const text = await issues.textContent();
    expect(text).toContain('features[1].geometry.coordinates[0][3]');
    expect(text).toContain('latitude 95 outside −90…90');
    expect(text).toMatch(/line \d+/);
    expect(await item('Bad').count()).toBe(0);
  });

  it('imports a KML file dropped on the map, then deletes it', async () => {
    const kml = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Sites</name>
<Placemark><name>Gao</name><Point><coordinates>-0.0444,16.2666</coordinates></Point></Placemark>
<Placemark><name>Ansongo reach</name><LineString><coordinates>-0.0444,16.2666 0.5,15.66</coordinates></LineString></Placemark>
</Document></kml>`;
    await e.page.evaluate((text) => {
      const target = document.querySelector('[data-testid="map"]')!;
      const dt = new DataTransfer();
      dt.items.add(
        new File([text], 'gao_sites.kml', { type: 'application/vnd.google-earth.kml+xml' }),
      );
      target.dispatchEvent(
        new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
      target.dispatchEvent(
        new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }),
      );
    }, kml);
    await item('gao sites').waitFor();
    expect(await item('gao sites').textContent()).toContain('KML');
    e.page.once('dialog', (d) => void d.accept());
    await item('gao sites').getByTestId('imported-delete').click();
    await expect.poll(() => item('gao sites').count()).toBe(0);
    expect(await item('Niger').count()).toBe(1);
  });

  it('speaks French', async () => {
    await e.page.getByTestId('lang-fr').click();
    expect(await e.page.getByTestId('tab-layers').textContent()).toBe('Couches importées');
    expect(await item('Niger').textContent()).toContain('2 entité(s)');
    await e.page.getByTestId('lang-en').click();
  });

  it('shows the layer to a viewer of its nation without changes offered, and not to another nation', async () => {
    await e.page.getByTestId('logout').click();
    await e.page.getByTestId('login-page').waitFor();
    await e.login('viewer-ml', PASSWORD);
    await e.page.getByTestId('tab-layers').click();
    await item('Niger').waitFor();
    expect(await e.page.getByTestId('imported-import').count()).toBe(0);
    expect(await e.page.getByTestId('panel-layers').textContent()).toContain(
      'Your role may view imported layers, not import them.',
    );
    expect(await item('Niger').getByTestId('imported-delete').count()).toBe(0);
    expect(await item('Niger').getByTestId('imported-rename').count()).toBe(0);
    await item('Niger').getByTestId('imported-zoom').click();
    await e.page.waitForTimeout(1500);
    await expectRiverDrawn();

    await e.page.getByTestId('logout').click();
    await e.page.getByTestId('login-page').waitFor();
    await e.login('analyst-bf', PASSWORD);
    await e.page.getByTestId('tab-layers').click();
    await e.page.getByText('No imported layer yet.').waitFor();
    expect(await item('Niger').count()).toBe(0);
  });
});
