/**
 * The generic event search: roots, maxima, and positive intervals, including humps narrower than
 * the sampling step (the grazing-pass case) and window-cut intervals.
 */
import { describe, expect, it } from 'vitest';
import {
  findCrossings,
  findMaxima,
  findMaximum,
  findPositiveIntervals,
  findRoot,
  findRootWithDerivative,
} from '../../src/core/events.js';

const S = 1000; // ms per second

describe('event search', () => {
  it('finds a root to the tolerance with Brent and with safeguarded Newton', () => {
    const f = (t: number) => Math.sin(t / (100 * S)) - 0.3;
    const exact = Math.asin(0.3) * 100 * S;
    expect(Math.abs(findRoot(f, 0, 100 * S, 1e-3) - exact)).toBeLessThan(1);
    let calls = 0;
    const fd = (t: number) => {
      calls++;
      return [Math.sin(t / (100 * S)) - 0.3, Math.cos(t / (100 * S)) / 100] as const;
    };
    expect(Math.abs(findRootWithDerivative(fd, 0, 100 * S, 1e-3) - exact)).toBeLessThan(1);
    expect(calls).toBeLessThan(8);
  });

  it('refuses an interval without a sign change', () => {
    expect(() => findRoot((t) => t + 1, 0, 10, 1e-3)).toThrow(RangeError);
  });

  it('finds a maximum and every local maximum', () => {
    const f = (t: number) => -((t / S - 42.5) ** 2);
    expect(findMaximum(f, 0, 100 * S, 1e-4).t / S).toBeCloseTo(42.5, 3);
    const g = (t: number) => Math.sin((2 * Math.PI * t) / (60 * S));
    const maxima = findMaxima(g, 0, 600 * S, { stepS: 7, toleranceS: 1e-3 });
    expect(maxima.map((m) => Math.round(m.t / S))).toEqual([
      15, 75, 135, 195, 255, 315, 375, 435, 495, 555,
    ]);
  });

  it('finds a positive hump much narrower than the sampling step', () => {
    // Max 0.01 at t = 1234.5 s, positive for ~0.6 s only; sampled every 60 s.
    const f = (t: number) => 0.01 - 0.1 * ((t / S - 1234.5) / 10) ** 2;
    const iv = findPositiveIntervals(f, 0, 3600 * S, { stepS: 60, toleranceS: 1e-4 });
    expect(iv).toHaveLength(1);
    const half = 10 * Math.sqrt(0.1);
    expect(iv[0]!.start / S).toBeCloseTo(1234.5 - half, 3);
    expect(iv[0]!.end / S).toBeCloseTo(1234.5 + half, 3);
    expect(iv[0]!.peak.t / S).toBeCloseTo(1234.5, 2);
  });

  it('marks intervals cut by the window and reports crossings with their direction', () => {
    const f = (t: number) => Math.cos((2 * Math.PI * t) / (100 * S));
    const iv = findPositiveIntervals(f, 0, 200 * S, { stepS: 5, toleranceS: 1e-4 });
    expect(
      iv.map((i) => [Math.round(i.start / S), Math.round(i.end / S), i.startCut, i.endCut]),
    ).toEqual([
      [0, 25, true, false],
      [75, 125, false, false],
      [175, 200, false, true],
    ]);
    const c = findCrossings(f, 0, 200 * S, { stepS: 5, toleranceS: 1e-4 });
    expect(c.map((x) => x.direction)).toEqual([-1, 1, -1, 1]);
  });

  it('rejects a non-positive step', () => {
    expect(() => findPositiveIntervals(() => 1, 0, 10, { stepS: 0, toleranceS: 1 })).toThrow(
      RangeError,
    );
  });
});
