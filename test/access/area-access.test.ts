/**
 * Area windows: sampling, one window per pass, fractions consistent with the point windows of
 * the sample points and with the sensor's kind.
 */
import { describe, expect, it } from 'vitest';
import {
  type Aoi,
  type Sensor,
  findAccessWindows,
  findAreaWindows,
  prepareTarget,
  sampleArea,
  sampleTrack,
} from '../../src/access/index.js';
import { parseIsoUtc } from '../../src/core/time.js';
import { resolveBundledAoi } from '../../src/io/bundled-aoi.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { readReference } from '../support/reference.js';

const entries = parseTle(readReference('tle', 'sahel-eo-leo-50.tle'), { fileName: 'eo' }).entries;
const start = parseIsoUtc('2026-03-19T00:00:00Z');
const end = start + 5 * 86_400_000;
const el = entries.find((e) => e.elements.name.trim() === 'SENTINEL-2A')!.elements;
const track = sampleTrack(createPropagator(el), start, end);

const square: Aoi = {
  id: 'sq',
  name: 'around Niamey',
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [1.6, 13.0],
        [2.6, 13.0],
        [2.6, 14.0],
        [1.6, 14.0],
        [1.6, 13.0],
      ],
    ],
  },
  properties: {},
};

describe('area windows', () => {
  it('samples areas of every size to a bounded number of weighted points', () => {
    for (const name of ['AES', 'ML-BKO', 'border:MLI-NER']) {
      const s = sampleArea(resolveBundledAoi(name));
      expect(s.points.length, name).toBeGreaterThan(100);
      expect(s.points.length, name).toBeLessThanOrEqual(2000);
    }
  });

  it('agile: every sample point’s window falls in an area window; fractions in (0, 1]', () => {
    const sensor: Sensor = { kind: 'optical', id: 'o', name: 'o', maxOffNadirDeg: 30, swathKm: 60 };
    const sampling = sampleArea(square);
    const opts = { startMs: start, endMs: end };
    const area = findAreaWindows(square, sampling, track, sensor, opts);
    expect(area.length).toBeGreaterThan(0);
    const targets = sampling.points.map((p, i) =>
      prepareTarget(String(i), { latitudeDeg: p.latDeg, longitudeDeg: p.lonDeg, altitudeKm: 0 }),
    );
    const points = findAccessWindows(track, sensor, targets, opts).flat();
    for (const w of points) {
      expect(area.some((a) => a.startMs <= w.startMs && w.endMs <= a.endMs)).toBe(true);
    }
    for (const a of area) {
      expect(a.fieldOfRegardFraction).toBeGreaterThan(0);
      expect(a.fieldOfRegardFraction).toBeLessThanOrEqual(1 + 1e-12);
      expect(a.swathFraction!).toBeLessThanOrEqual(a.fieldOfRegardFraction + 1e-12);
      // a 60-km strip over a ~110-km square covers at most a bit more than half of it
      expect(a.swathFraction!).toBeLessThan(0.7);
      expect(a.bestMs).toBeGreaterThanOrEqual(a.startMs);
      expect(a.bestMs).toBeLessThanOrEqual(a.endMs);
    }
    // each pass is one window: consecutive windows are at least a quarter orbit apart
    for (let i = 1; i < area.length; i++) {
      expect(area[i]!.startMs - area[i - 1]!.endMs).toBeGreaterThan((track.periodS / 4) * 1000);
    }
  });

  it('nadir: the swath is the field of regard', () => {
    const sensor: Sensor = { kind: 'nadir', id: 'n', name: 'n', swathKm: 290 };
    const area = findAreaWindows(square, sampleArea(square), track, sensor, {
      startMs: start,
      endMs: end,
    });
    expect(area.length).toBeGreaterThan(0);
    for (const a of area) expect(a.swathFraction).toBe(a.fieldOfRegardFraction);
  });
});
