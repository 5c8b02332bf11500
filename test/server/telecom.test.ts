/**
 * Telecom endpoints: the link calculator answers exactly what `sahelsat link budget --format
 * json` prints for the same configuration (the documented example, with the Sahel crops of the
 * ITU-R maps), GEO pointing agrees with the spherical closed form, and bad input is located.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { testBackends } from '../support/backends.js';
import { type TestServer, bearer, startServer } from '../support/server.js';
import { SAHEL_MAPS_DIR } from '../telecom/support/maps.js';

const backends = await testBackends();
const example = JSON.parse(readFileSync('docs/examples/link-budget.json', 'utf8')) as {
  links: Array<Record<string, unknown>>;
};
const GEO_RADIUS_KM = 42_164.17;
const RE = 6378.137;
const D = Math.PI / 180;

async function cliBudget(): Promise<unknown> {
  let out = '';
  const code = await main(
    [
      'link',
      'budget',
      '--config',
      'docs/examples/link-budget.json',
      '--format',
      'json',
      '--maps',
      SAHEL_MAPS_DIR,
    ],
    {
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => undefined },
      env: {},
      cwd: process.cwd(),
      signal: new AbortController().signal,
    },
  );
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe.each(backends)('telecom endpoints on $name', (backend) => {
  let s: TestServer;
  let bare: TestServer;
  beforeAll(async () => {
    s = await startServer(backend, { iturMapsDir: SAHEL_MAPS_DIR });
    bare = await startServer(backend);
  });
  afterAll(async () => {
    await s?.close();
    await bare?.close();
  });
  const post = (srv: TestServer, url: string, payload: unknown, lang?: string) =>
    srv.app.inject({
      method: 'POST',
      url,
      headers: { ...bearer(srv.adminToken), ...(lang ? { 'accept-language': lang } : {}) },
      payload: payload as object,
    });

  it('POST /telecom/link answers what the CLI prints for the documented example', async () => {
    const r = await post(s, '/api/v1/telecom/link', example);
    expect(r.statusCode).toBe(200);
    const body = r.json() as Array<{
      budget: { marginDb: number; modcod: { name: string }; limitingHop: string };
      acm: { availabilityPercent: number };
    }>;
    expect(body).toEqual(await cliBudget());
    expect(body[0]!.budget.marginDb).toBeGreaterThanOrEqual(0);
    expect(body[0]!.acm.availabilityPercent).toBeGreaterThan(99.7);
  });

  it('bad links are refused with the field located under body', async () => {
    const missing = await post(s, '/api/v1/telecom/link', { links: [{ name: 'x' }] });
    expect(missing.statusCode).toBe(400);
    const paths = (missing.json().error.issues as Array<{ path: string }>).map((i) => i.path);
    expect(paths).toContain('body.links.0.satelliteLongitudeDeg');
    // A client may not name a directory of the server.
    const maps = await post(s, '/api/v1/telecom/link', { ...example, maps: '/etc' });
    expect(maps.statusCode).toBe(400);
    expect(maps.json().error.issues[0].path).toBe('body.maps');
    // A frequency outside P.618-14's range: the model and its range are named, at the link.
    const hf = structuredClone(example);
    hf.links[0]!.downlinkFrequencyGhz = 80;
    const r = await post(s, '/api/v1/telecom/link', hf, 'fr');
    expect(r.statusCode).toBe(400);
    const e = r.json().error;
    expect(e.message).toMatch(/la requête n’est pas valide/);
    expect(e.issues[0].path).toBe('body.links.0');
    expect(e.issues[0].message).toMatch(/P\.618-14.*55 GHz/);
  });

  it('without maps on the server, a station must give its climate: a located 400, not a 500', async () => {
    const r = await post(bare, '/api/v1/telecom/link', example);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.issues[0].path).toBe('body.links.0');
    expect(r.json().error.issues[0].message).toMatch(/map/i);
  });

  it('POST /telecom/geo-look agrees with the spherical formulas (Pratt & Bostian §2.2)', async () => {
    for (const [lat, lon, sat] of [
      [12.65, -8, -8],
      [13.51, 2.11, -5],
      [20.5, 4, 25],
    ] as const) {
      const r = await post(s, '/api/v1/telecom/geo-look', {
        satelliteLongitudeDeg: sat,
        latitudeDeg: lat,
        longitudeDeg: lon,
        altitudeM: 0,
      });
      expect(r.statusCode).toBe(200);
      const g = r.json() as {
        azimuthDeg: number;
        elevationDeg: number;
        rangeKm: number;
        visible: boolean;
      };
      const dl = (sat - lon) * D;
      const cosG = Math.cos(lat * D) * Math.cos(dl);
      const el = Math.atan((cosG - RE / GEO_RADIUS_KM) / Math.sqrt(1 - cosG ** 2)) / D;
      let az = Math.atan2(Math.sin(dl), -Math.sin(lat * D) * Math.cos(dl)) / D;
      if (az < 0) az += 360;
      const range = Math.sqrt(RE ** 2 + GEO_RADIUS_KM ** 2 - 2 * RE * GEO_RADIUS_KM * cosG);
      expect(Math.abs(g.elevationDeg - el)).toBeLessThan(0.2);
      expect(Math.abs(((g.azimuthDeg - az + 540) % 360) - 180)).toBeLessThan(0.5);
      expect(Math.abs(g.rangeKm - range)).toBeLessThan(25);
      expect(g.visible).toBe(true);
    }
    const bad = await post(s, '/api/v1/telecom/geo-look', {
      satelliteLongitudeDeg: -8,
      latitudeDeg: 95,
      longitudeDeg: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('body.latitudeDeg');
  });
});
