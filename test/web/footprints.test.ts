/**
 * Sensor footprints for the map (web/src/map/footprints.ts) on a designed sun-synchronous orbit
 * at 510 km (the demo's optical satellites) and 693 km (its SAR): the swath's width and side, the
 * field of regard's radius from the sensor data of data/sensors.json.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatTle } from '../../src/orbit/tle-lines.js';
import { parseConstellation } from '../../src/io/bundled-data.js';
import { type Sensor, regardRadiusKm, swathOf } from '../../web/src/map/footprints.js';
import { EARTH_RADIUS_KM, bearing, subPoint, toSatellites } from '../../web/src/map/orbits.js';

const DATA = new URL('../../data/', import.meta.url);
const sensors = JSON.parse(readFileSync(new URL('sensors.json', DATA), 'utf8')).sensors as Array<
  Record<string, unknown> & { id: string; kind: string }
>;
const designed = parseConstellation(
  readFileSync(new URL('constellation.json', DATA), 'utf8'),
  'constellation.json',
);

function satellite(id: string) {
  const d = designed.find((x) => x.id === id)!;
  const [line1, line2] = formatTle(d.elements);
  return toSatellites([{ satelliteId: id, name: id, epoch: '', line1, line2 }])[0]!;
}
function sensor(id: string): Sensor {
  const s = sensors.find((x) => x.id === id)!;
  return { id, satelliteId: null, name: id, type: s.kind, data: s };
}
const T = Date.parse('2026-01-01T06:00:00Z');

/** Great-circle distance, km. */
function distanceKm(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const h =
    Math.sin(((b[1] - a[1]) * r) / 2) ** 2 +
    Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(h));
}

describe('swath', () => {
  it('is a strip of the optical swath width centred on the track', () => {
    const sat = satellite('sahel-opt-1');
    const pss = sensor('kanopus-v-pss');
    const ring = (swathOf(sat, pss, T).features[0]!.geometry as GeoJSON.Polygon).coordinates[0]!;
    const n = (ring.length - 1) / 2;
    const mid = Math.floor(n / 2);
    const left = ring[mid] as [number, number];
    const right = ring[ring.length - 2 - mid] as [number, number];
    expect(distanceKm(left, right)).toBeCloseTo(pss.data.swathKm as number, 0);
  });

  it('lies on the looking side of a SAR, between near and far incidence', () => {
    const sat = satellite('sahel-sar-1');
    const sar = sensor('sentinel-1-iw');
    const ring = (swathOf(sat, sar, T).features[0]!.geometry as GeoJSON.Polygon).coordinates[0]!;
    const n = (ring.length - 1) / 2;
    const mid = Math.floor(n / 2);
    const here = subPoint(sat, T)!;
    const ahead = subPoint(sat, T + 20_000)!;
    const heading = bearing(
      [here.longitudeDeg, here.latitudeDeg],
      [ahead.longitudeDeg, ahead.latitudeDeg],
    );
    const inner = ring[mid] as [number, number];
    const outer = ring[ring.length - 2 - mid] as [number, number];
    const nadir: [number, number] = [here.longitudeDeg, here.latitudeDeg];
    // Right-looking: the band is 90° clockwise of the heading.
    const side = ((bearing(nadir, outer) - heading + 540) % 360) - 180;
    expect(side).toBeGreaterThan(60);
    expect(side).toBeLessThan(120);
    // IW: 250 km wide, starting a few hundred km from nadir.
    expect(distanceKm(inner, outer)).toBeGreaterThan(200);
    expect(distanceKm(inner, outer)).toBeLessThan(300);
    expect(distanceKm(nadir, inner)).toBeGreaterThan(250);
  });

  it('is empty without a sensor or without geometry', () => {
    const sat = satellite('sahel-opt-1');
    expect(swathOf(sat, undefined, T).features).toHaveLength(0);
    expect(
      swathOf(sat, { id: 'x', satelliteId: null, name: 'x', type: 'optical', data: {} }, T)
        .features,
    ).toHaveLength(0);
  });
});

describe('field of regard', () => {
  it('reaches the ground seen at the maximum off-nadir angle', () => {
    // 40° off nadir from 510 km: ~440 km on the ground (flat Earth 428 km; curvature adds).
    const r = regardRadiusKm(sensor('kanopus-v-pss'), 510)!;
    expect(r).toBeGreaterThan(428);
    expect(r).toBeLessThan(460);
    expect(regardRadiusKm(undefined, 510)).toBeNull();
  });
});
