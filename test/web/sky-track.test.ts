/**
 * The browser's sky track (satellite.js) against the project's own pass search (its SGP4 and
 * frames): elevation at culmination, azimuths and the threshold at AOS/LOS must agree.
 */
import { describe, expect, it } from 'vitest';
import { loadBundledStations } from '../../src/io/bundled-data.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { findPasses } from '../../src/passes/index.js';
import * as satellite from 'satellite.js';
import { polarXY, skyTrackWith } from '../../web/src/panels/passes/sky.js';

const skyTrack = (
  ...a: [readonly [string, string], Parameters<typeof skyTrackWith>[2], number, number, number?]
) => skyTrackWith(satellite, ...a);
import { DEGREE, readReference } from '../support/reference.js';

const START = Date.UTC(2026, 2, 19);
const DAY = 86_400_000;
/** satellite.js uses GMST only (no polar motion, no UT1); a few hundredths of a degree. */
const ANGLE_TOLERANCE = 0.05 * DEGREE;

const text = readReference('tle', 'sahel-eo-leo-50.tle');
const lines = text.split('\n').filter((l) => l.trim() !== '');
const tles = new Map<number, [string, string]>();
for (let i = 0; i + 2 < lines.length + 1; i += 3) {
  const l1 = lines[i + 1]!;
  tles.set(Number(l1.slice(2, 7)), [l1, lines[i + 2]!]);
}

const angleDiff = (a: number, b: number): number => Math.abs(((a - b + 540) % 360) - 180);

describe('sky track computed in the browser', () => {
  const stations = loadBundledStations();
  const bamako = stations.find((s) => s.id === 'bamako')!;
  const entries = parseTle(text).entries.slice(0, 12);

  it('agrees with the pass search at AOS, culmination and LOS', () => {
    let checked = 0;
    for (const e of entries) {
      const tle = tles.get(e.elements.catalogNumber)!;
      const { passes } = findPasses(createPropagator(e.elements), [bamako], {
        startMs: START,
        endMs: START + DAY,
      });
      for (const p of passes.filter((x) => x.flags.length === 0)) {
        const [aos, tca, los] = [p.aosMs, p.tcaMs, p.losMs].map(
          (t) => skyTrack(tle, bamako, t, t)[0]!,
        );
        expect(Math.abs(tca!.elevationDeg - p.maxElevationDeg)).toBeLessThan(ANGLE_TOLERANCE);
        expect(Math.abs(aos!.elevationDeg - bamako.minElevationDeg)).toBeLessThan(ANGLE_TOLERANCE);
        expect(Math.abs(los!.elevationDeg - bamako.minElevationDeg)).toBeLessThan(ANGLE_TOLERANCE);
        expect(angleDiff(aos!.azimuthDeg, p.aosAzimuthDeg)).toBeLessThan(0.2 * DEGREE);
        expect(angleDiff(los!.azimuthDeg, p.losAzimuthDeg)).toBeLessThan(0.2 * DEGREE);
        // the sampled track stays above the threshold and never exceeds the culmination
        const track = skyTrack(tle, bamako, p.aosMs, p.losMs, 5);
        expect(track[track.length - 1]!.t).toBe(p.losMs);
        for (const s of track) {
          expect(s.elevationDeg).toBeGreaterThan(bamako.minElevationDeg - ANGLE_TOLERANCE);
          expect(s.elevationDeg).toBeLessThan(p.maxElevationDeg + ANGLE_TOLERANCE);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('refuses an element set it cannot read', () => {
    expect(() => skyTrack(['1 bad', '2 bad'], bamako, START, START + 60_000)).toThrow();
  });
});

describe('polar projection', () => {
  it('puts the zenith at the centre, north up and east right on the horizon', () => {
    const near = (a: [number, number], b: [number, number]) => {
      expect(a[0]).toBeCloseTo(b[0], 9);
      expect(a[1]).toBeCloseTo(b[1], 9);
    };
    near(polarXY(123, 90, 100), [0, 0]);
    near(polarXY(0, 0, 100), [0, -100]);
    near(polarXY(90, 0, 100), [100, 0]);
    near(polarXY(180, 45, 100), [0, 50]);
  });
});
