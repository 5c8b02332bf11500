/**
 * GET /api/v1/access on the demo data, on every backend: the windows are those of the library
 * called directly with the stored element sets and sensors; an independent geometric check
 * (SGP4 position, target on the ellipsoid, the off-nadir angle by vector algebra) confirms the
 * windows of a point; bad input answers located 400s; stored areas follow nation visibility.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccessWindows } from '../../src/access/access-windows.js';
import { findAreaWindows, sampleArea } from '../../src/access/aoi-access.js';
import { prepareTarget } from '../../src/access/geometry.js';
import type { Sensor } from '../../src/access/sensor.js';
import { sampleTrack } from '../../src/access/track.js';
import { gmst1982 } from '../../src/core/earth-rotation.js';
import { temeToItrfPositionAt } from '../../src/core/frames.js';
import { geodeticToItrf } from '../../src/core/geodetic.js';
import { sunElevationDeg } from '../../src/core/sun.js';
import { resolveBundledAoi } from '../../src/io/bundled-aoi.js';
import { sensorSchema } from '../../src/io/sensors.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { testBackends } from '../support/backends.js';
import {
  type TestServer,
  bearer,
  createUsers,
  requestBody,
  startServer,
} from '../support/server.js';

const backends = await testBackends();
const T0 = Date.UTC(2026, 2, 19, 0, 0, 0);
const START = '2026-03-19T00:00:00Z';

interface WindowOut {
  satelliteId: string;
  catalogNumber: number;
  sensorId: string;
  sensorKind: string;
  start: string;
  end: string;
  best: string;
  minOffNadirDeg: number;
  incidenceDeg: number | null;
  sunElevationDeg: number;
  direction: string;
  fieldOfRegardFraction: number;
  swathFraction: number | null;
}

/** An instant as the API writes it (ISO 8601, whole milliseconds). */
const ms = (t: number) => Date.parse(new Date(Math.round(t)).toISOString());
interface V3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}
/** Off-nadir angle (deg) at the satellite between the Earth's centre and the target. */
function offNadir(sat: V3, target: V3): number {
  const los = { x: target.x - sat.x, y: target.y - sat.y, z: target.z - sat.z };
  const cos =
    -(sat.x * los.x + sat.y * los.y + sat.z * los.z) /
    (Math.hypot(sat.x, sat.y, sat.z) * Math.hypot(los.x, los.y, los.z));
  return (Math.acos(Math.min(1, cos)) * 180) / Math.PI;
}

describe.each(backends)('access windows API on $name', (backend) => {
  let s: TestServer;
  let users: Awaited<ReturnType<typeof createUsers>>;
  const tok = (name: string) => bearer(users.get(name)!.token);
  const get = (url: string, who = 'viewer-bf', headers: Record<string, string> = {}) =>
    s.app.inject({ url, headers: { ...tok(who), ...headers } });
  /** The stored element sets and sensor models, read back through the API. */
  let stored: Array<{
    satelliteId: string;
    sensorId: string;
    sensor: Sensor;
    tle: [string, string];
  }>;

  beforeAll(async () => {
    s = await startServer(backend, { clock: () => T0 });
    users = await createUsers(s);
    const sensors = (await get('/api/v1/sensors')).json() as Array<{
      id: string;
      satelliteId: string;
      data: Record<string, unknown>;
    }>;
    stored = [];
    for (const x of sensors) {
      const { design: _d, source: _s, ...spec } = x.data;
      const sensor = sensorSchema.parse(spec) as Sensor;
      const e = (await get(`/api/v1/satellites/${x.satelliteId}`)).json().elementSet;
      stored.push({ satelliteId: x.satelliteId, sensorId: x.id, sensor, tle: [e.line1, e.line2] });
    }
  });
  afterAll(() => s?.close());

  const propagatorOf = (tle: [string, string]) =>
    createPropagator(
      parseTle(`${tle[0]}\n${tle[1]}\n`, { ignoreChecksum: true }).entries[0]!.elements,
    );

  it('gives, for a bundled region, the windows of the library called directly', async () => {
    const r = await get(`/api/v1/access?area=Gao&hours=24&start=${START}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as {
      area: { id: string };
      start: string;
      end: string;
      windows: WindowOut[];
    };
    expect(body.start).toBe('2026-03-19T00:00:00.000Z');
    expect(body.end).toBe('2026-03-20T00:00:00.000Z');
    const aoi = resolveBundledAoi('Gao');
    expect(body.area.id).toBe(aoi.id);
    const sampling = sampleArea(aoi, 400);
    const opts = { startMs: T0, endMs: T0 + 24 * 3600_000 };
    const expected = stored
      .flatMap((x) =>
        findAreaWindows(
          aoi,
          sampling,
          sampleTrack(propagatorOf(x.tle), opts.startMs, opts.endMs),
          x.sensor,
          opts,
        ).map((w) => ({ ...w, sensorId: x.sensorId })),
      )
      .sort((a, b) => a.startMs - b.startMs || a.sensorId.localeCompare(b.sensorId));
    // Three demo imagers (two optical, one SAR) over a region the size of Gao: several a day.
    expect(stored.length).toBe(3);
    expect(expected.length).toBeGreaterThan(2);
    expect(
      body.windows.map((w) => [
        w.sensorId,
        Date.parse(w.start),
        Date.parse(w.end),
        Date.parse(w.best),
      ]),
    ).toEqual(expected.map((w) => [w.sensorId, ms(w.startMs), ms(w.endMs), ms(w.bestMs)]));
    body.windows.forEach((w, i) => {
      const e = expected[i]!;
      expect(w.minOffNadirDeg).toBeCloseTo(e.minOffNadirDeg, 9);
      expect(w.sunElevationDeg).toBeCloseTo(e.sunElevationDeg, 9);
      expect(w.direction).toBe(e.direction);
      expect(w.fieldOfRegardFraction).toBeCloseTo(e.fieldOfRegardFraction, 9);
      expect(w.incidenceDeg).toBeNull();
    });
    // Sorted by start; filters keep only what they say.
    const starts = body.windows.map((w) => Date.parse(w.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const sar = (
      await get(`/api/v1/access?area=Gao&hours=24&start=${START}&sensorType=sar`)
    ).json();
    expect(sar.windows.length).toBe(body.windows.filter((w) => w.sensorKind === 'sar').length);
    expect(sar.windows.every((w: WindowOut) => w.sensorKind === 'sar')).toBe(true);
    const one = stored[0]!.satelliteId;
    const only = (
      await get(`/api/v1/access?area=Gao&hours=24&start=${START}&satellite=${one}`)
    ).json();
    expect(only.windows.length).toBe(body.windows.filter((w) => w.satelliteId === one).length);
  });

  it('gives point windows that an independent off-nadir computation confirms, edges included', async () => {
    const lat = 16.27;
    const lon = -0.04;
    const maxOff = 30;
    const r = await get(
      `/api/v1/access?point=${lat},${lon}&hours=72&start=${START}&sensorType=optical&maxOffNadirDeg=${maxOff}`,
      'operator-ne',
    );
    expect(r.statusCode, r.body).toBe(200);
    const windows = r.json().windows as WindowOut[];
    const optical = stored.filter((x) => x.sensor.kind === 'optical');
    // The same search, by the library, with the field of regard narrowed to 30°.
    const target = prepareTarget('p', { latitudeDeg: lat, longitudeDeg: lon, altitudeKm: 0 });
    const opts = { startMs: T0, endMs: T0 + 72 * 3600_000 };
    const direct = optical
      .flatMap(
        (x) =>
          findAccessWindows(
            sampleTrack(propagatorOf(x.tle), opts.startMs, opts.endMs),
            { ...x.sensor, maxOffNadirDeg: maxOff } as Sensor,
            [target],
            opts,
          )[0]!,
      )
      .sort((a, b) => a.startMs - b.startMs);
    expect(windows.map((w) => Date.parse(w.start))).toEqual(direct.map((w) => ms(w.startMs)));
    expect(windows.length).toBeGreaterThan(1);
    const site = geodeticToItrf({ latitudeDeg: lat, longitudeDeg: lon, altitudeKm: 0 });
    const geo = { latitudeDeg: lat, longitudeDeg: lon, altitudeKm: 0 };
    for (const w of windows) {
      const x = stored.find((y) => y.satelliteId === w.satelliteId)!;
      const minSun = (x.sensor as { minSunElevationDeg?: number }).minSunElevationDeg ?? -90;
      const p = propagatorOf(x.tle);
      const angleAt = (t: number) => {
        const st = p.at(t);
        if (!st.ok) throw new Error('propagation failed');
        return offNadir(temeToItrfPositionAt(st.positionKm, gmst1982(t)), site);
      };
      const best = Date.parse(w.best);
      expect(angleAt(best)).toBeLessThanOrEqual(maxOff + 1e-6);
      expect(angleAt(best)).toBeCloseTo(w.minOffNadirDeg, 2);
      expect(w.incidenceDeg).not.toBeNull();
      expect(sunElevationDeg(geo, best)).toBeGreaterThanOrEqual(minSun - 1e-6);
      // Just outside the window (unless it is cut by the search): the angle or the sun fails.
      for (const t of [Date.parse(w.start) - 2000, Date.parse(w.end) + 2000]) {
        if (t < opts.startMs || t > opts.endMs) continue;
        expect(angleAt(t) > maxOff || sunElevationDeg(geo, t) < minSun).toBe(true);
      }
      // Inside, both hold.
      const mid = (Date.parse(w.start) + Date.parse(w.end)) / 2;
      expect(angleAt(mid)).toBeLessThanOrEqual(maxOff + 1e-6);
    }
    // The limit matters: without it the optical windows are longer or more numerous.
    const wide = (
      await get(`/api/v1/access?point=${lat},${lon}&hours=72&start=${START}&sensorType=optical`)
    ).json().windows as WindowOut[];
    const span = (ws: WindowOut[]) =>
      ws.reduce((a, w) => a + Date.parse(w.end) - Date.parse(w.start), 0);
    expect(span(wide)).toBeGreaterThan(span(windows));
    expect(wide.length).toBeGreaterThanOrEqual(windows.length);
  });

  it('answers bad input with a 400 naming the query field (EN and FR)', async () => {
    const field = async (qs: string, lang = 'en') => {
      const r = await get(`/api/v1/access?${qs}`, 'viewer-ml', { 'accept-language': lang });
      expect(r.statusCode, `${qs}: ${r.body}`).toBe(400);
      return r.json().error as { message: string; issues: Array<{ path: string }> };
    };
    expect((await field('hours=24')).issues[0]!.path).toBe('query.aoi');
    expect((await field('area=Gao&point=12,-8')).issues[0]!.path).toBe('query.point');
    expect((await field('bbox=1,2,3')).issues[0]!.path).toBe('query.bbox');
    expect((await field('bbox=3,12,1,14')).issues[0]!.path).toBe('query.bbox');
    expect((await field('point=95,0')).issues[0]!.path).toBe('query.point');
    expect((await field('point=abc,0')).issues[0]!.path).toBe('query.point');
    expect((await field('area=Atlantis')).issues[0]!.path).toBe('query.area');
    expect((await field('area=Gao&hours=200')).issues[0]!.path).toBe('query.hours');
    expect((await field('area=Gao&start=yesterday')).issues[0]!.path).toBe('query.start');
    expect((await field('area=Gao&sensorType=radar')).issues[0]!.path).toBe('query.sensorType');
    expect((await field('area=Gao&maxOffNadirDeg=95')).issues[0]!.path).toBe(
      'query.maxOffNadirDeg',
    );
    expect((await field('area=Gao&minSunElevationDeg=x')).issues[0]!.path).toBe(
      'query.minSunElevationDeg',
    );
    expect((await field('area=Gao&station=bamako')).issues[0]!.path).toBe('query.station');
    const en = await field('area=Gao&hours=200');
    const fr = await field('area=Gao&hours=200', 'fr');
    expect(fr.message).not.toBe(en.message);
    expect((await field('bbox=3,12,1,14', 'fr')).message).not.toBe(
      (await field('bbox=3,12,1,14')).message,
    );
    expect((await get('/api/v1/access?area=Gao&satellite=nope')).statusCode).toBe(404);
    expect((await s.app.inject({ url: '/api/v1/access?area=Gao' })).statusCode).toBe(401);
  });

  it('keeps stored areas to the nations that may see them', async () => {
    const mine = await s.app.inject({
      method: 'POST',
      url: '/api/v1/aois',
      headers: tok('analyst-ml'),
      payload: { name: 'Mopti', geometry: requestBody().aoi, releasability: 'nation' },
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const id = mine.json().id as string;
    const url = `/api/v1/access?aoi=${id}&hours=24&start=${START}`;
    const ml = await get(url, 'viewer-ml');
    expect(ml.statusCode, ml.body).toBe(200);
    expect(ml.json().area).toMatchObject({ kind: 'aoi', id, name: 'Mopti' });
    expect(ml.json().windows.length).toBeGreaterThan(0);
    for (const who of ['viewer-bf', 'admin-ne', 'operator-bf']) {
      const r = await get(url, who);
      expect(r.statusCode, who).toBe(404);
      // The same answer as for an id that does not exist: nothing tells it apart.
      expect(r.json()).toEqual((await get('/api/v1/access?aoi=no-such-area', who)).json());
    }
    // An area released to the alliance (seeded, Malian) is readable by every nation.
    expect(
      (await get(`/api/v1/access?aoi=inner-niger-delta&hours=6&start=${START}`, 'viewer-ne'))
        .statusCode,
    ).toBe(200);
  });

  it('treats a box like the stored area of the same polygon, and applies the sun limit', async () => {
    const q = `hours=48&start=${START}`;
    const stored = (await get(`/api/v1/access?aoi=inner-niger-delta&${q}`)).json();
    const box = (await get(`/api/v1/access?bbox=-5.5,13.8,-3.5,15.8&${q}`)).json();
    expect(box.area.kind).toBe('bbox');
    expect(box.windows.length).toBeGreaterThan(0);
    expect(box.windows).toEqual(stored.windows);
    const all = (await get(`/api/v1/access?area=Gao&hours=72&start=${START}`)).json()
      .windows as WindowOut[];
    const lit = (
      await get(`/api/v1/access?area=Gao&hours=72&start=${START}&minSunElevationDeg=30`)
    ).json().windows as WindowOut[];
    expect(lit.every((w) => w.sunElevationDeg >= 30 - 1e-9)).toBe(true);
    // The demo SAR sees Gao at night too: those windows go.
    expect(all.some((w) => w.sensorKind === 'sar' && w.sunElevationDeg < 30)).toBe(true);
    expect(lit.length).toBeLessThan(all.length);
  });

  it('is in the OpenAPI document with its query parameters', async () => {
    const doc = (await s.app.inject({ url: '/api/openapi.json' })).json();
    const op = doc.paths['/api/v1/access'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'aoi',
        'area',
        'bbox',
        'point',
        'hours',
        'start',
        'satellite',
        'sensorType',
        'maxOffNadirDeg',
        'minSunElevationDeg',
      ]),
    );
  });
});
