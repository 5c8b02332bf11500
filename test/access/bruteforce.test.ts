/**
 * Access windows against the brute-force reference (scripts/access/bruteforce.mjs, sampled every
 * 0.5 s with an independent kernel): 5 real satellites × 5 sensors × 6 towns × 3 days. Every
 * reference window is found; no extra window longer than one sample; window edges lie between
 * the reference's last outside and first inside samples (to 10 ms: same SGP4, same frames, the
 * track's interpolation is sub-metre); edges set by the Sun within 3 s (the two Sun series
 * differ by up to 0.01°, i.e. 2.5 s of Earth rotation). Strip sensors: the acquisition within one
 * sample of the reference's sampled minimum of the off-nadir angle.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type AccessWindow,
  type Sensor,
  findAccessWindows,
  prepareTarget,
  sampleTrack,
  sunElevationAtDeg,
} from '../../src/access/index.js';
import { parseIsoUtc } from '../../src/core/time.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { REPO_DIR, SECOND, readReference } from '../support/reference.js';

interface RefWindow {
  start: string;
  end: string;
  before?: string;
  after?: string | null;
  best: string;
  minOffNadirDeg: number;
}
const fixture = JSON.parse(
  readFileSync(`${REPO_DIR}/test/fixtures/access/bruteforce-sahel-3d.json`, 'utf8'),
) as {
  tleFile: string;
  start: string;
  days: number;
  stepMs: number;
  satellites: number[];
  targets: { id: string; latitudeDeg: number; longitudeDeg: number; altitudeKm: number }[];
  sensors: (Sensor & { id: string })[];
  windows: Record<string, Record<string, Record<string, RefWindow[]>>>;
};

const GEOMETRIC_EDGE_MS = 0.01 * SECOND;
const SUN_EDGE_MS = 3 * SECOND;
/** A window edge is set by the Sun when the sun elevation there is this close to the limit. */
const SUN_EDGE_DEG = 0.05;

const startMs = parseIsoUtc(fixture.start);
const endMs = startMs + fixture.days * 86_400_000;
const entries = parseTle(readReference(fixture.tleFile), { fileName: fixture.tleFile }).entries;
const targets = fixture.targets.map((t) => prepareTarget(t.id, t));

describe('access windows vs brute force (0.5 s)', () => {
  for (const norad of fixture.satellites) {
    it(`satellite ${norad}`, () => {
      const el = entries.find((e) => e.elements.catalogNumber === norad)!.elements;
      const track = sampleTrack(createPropagator(el), startMs, endMs);
      let compared = 0;
      for (const sensor of fixture.sensors) {
        const ours = findAccessWindows(track, sensor, targets, { startMs, endMs });
        targets.forEach((target, k) => {
          const ref = fixture.windows[norad]![sensor.id]![target.id]!;
          const mine = ours[k]!;
          const where = `${norad} ${sensor.id} ${target.id}`;
          if (sensor.kind === 'optical') compareAgile(where, ref, mine, track, sensor, target);
          else compareStrip(where, ref, mine);
          compared += ref.length;
        });
      }
      expect(compared).toBeGreaterThan(10);
    });
  }
});

function compareAgile(
  where: string,
  ref: RefWindow[],
  mine: AccessWindow[],
  track: ReturnType<typeof sampleTrack>,
  sensor: Sensor,
  target: ReturnType<typeof prepareTarget>,
): void {
  const minSun = 'minSunElevationDeg' in sensor ? sensor.minSunElevationDeg : undefined;
  const sunEdge = (t: number): boolean =>
    minSun !== undefined && Math.abs(sunElevationAtDeg(track, target, t) - minSun) < SUN_EDGE_DEG;
  const used = new Set<number>();
  for (const r of ref) {
    const s = parseIsoUtc(r.start);
    const e = parseIsoUtc(r.end);
    const i = mine.findIndex((w) => w.startMs <= e + SUN_EDGE_MS && w.endMs >= s - SUN_EDGE_MS);
    expect(i, `${where}: reference window ${r.start} not found`).toBeGreaterThanOrEqual(0);
    used.add(i);
    const w = mine[i]!;
    const tolS = sunEdge(w.startMs) ? SUN_EDGE_MS : GEOMETRIC_EDGE_MS;
    if (r.before) {
      expect(w.startMs, `${where} start ${r.start}`).toBeGreaterThanOrEqual(
        parseIsoUtc(r.before) - tolS,
      );
    }
    expect(w.startMs, `${where} start ${r.start}`).toBeLessThanOrEqual(s + tolS);
    const tolE = sunEdge(w.endMs) ? SUN_EDGE_MS : GEOMETRIC_EDGE_MS;
    expect(w.endMs, `${where} end ${r.end}`).toBeGreaterThanOrEqual(e - tolE);
    if (r.after) {
      expect(w.endMs, `${where} end ${r.end}`).toBeLessThanOrEqual(parseIsoUtc(r.after) + tolE);
    } else {
      expect(w.endCut).toBe(true);
    }
    expectSampledMinimum(w.minOffNadirDeg, r.minOffNadirDeg);
  }
  mine.forEach((w, i) => {
    if (used.has(i)) return;
    // A window the sampling could miss is shorter than one sample.
    expect(w.endMs - w.startMs, `${where}: extra window at ${w.startMs}`).toBeLessThan(
      fixture.stepMs,
    );
  });
}

/** Fixture angles are rounded to 1e-4°. */
const ROUNDING_DEG = 1e-4;
/**
 * The line of sight turns by at most ~0.8°/s (7 km/s at 500 km): a sample 0.25 s from the true
 * minimum is within 0.2° of it.
 */
const HALF_STEP_MOTION_DEG = 0.2;

/** The sampled minimum is never below the true one, and within half a step of motion of it. */
function expectSampledMinimum(oursDeg: number, sampledDeg: number): void {
  expect(oursDeg).toBeLessThanOrEqual(sampledDeg + ROUNDING_DEG);
  expect(sampledDeg - oursDeg).toBeLessThan(HALF_STEP_MOTION_DEG);
}

function compareStrip(where: string, ref: RefWindow[], mine: AccessWindow[]): void {
  for (const r of ref) {
    const t = parseIsoUtc(r.best);
    const w = mine.find((x) => Math.abs(x.bestMs - t) <= fixture.stepMs);
    expect(w, `${where}: reference acquisition ${r.best} not found`).toBeDefined();
    expect(w!.startMs).toBe(w!.endMs);
    expectSampledMinimum(w!.minOffNadirDeg, r.minOffNadirDeg);
  }
  for (const w of mine) {
    const r = ref.find((x) => Math.abs(parseIsoUtc(x.best) - w.bestMs) <= fixture.stepMs);
    expect(r, `${where}: extra acquisition at ${new Date(w.bestMs).toISOString()}`).toBeDefined();
  }
}
