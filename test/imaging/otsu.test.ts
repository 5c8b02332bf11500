import { describe, expect, it } from 'vitest';
import { ashmanD, bimodalityCoefficient, isBimodal } from '../../src/imaging/bimodality.js';
import { accumulate, binEdge, createHistogram } from '../../src/imaging/histogram.js';
import { otsu } from '../../src/imaging/otsu.js';
import { rng } from '../support/imagery.js';

function gaussians(parts: { n: number; mean: number; std: number }[], seed = 1): Float32Array {
  const r = rng(seed);
  const out: number[] = [];
  for (const p of parts)
    for (let i = 0; i < p.n; i++) {
      const u = Math.max(r(), 1e-12);
      out.push(p.mean + p.std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r()));
    }
  return Float32Array.from(out);
}

/** Brute force: the between-class variance of every cut, straight from the definition. */
function bruteForceCut(values: Float32Array, edges: number[]): number {
  let best = -1;
  let at = NaN;
  for (const t of edges) {
    const lo = values.filter((v) => v < t);
    const hi = values.filter((v) => v >= t);
    if (!lo.length || !hi.length) continue;
    const m = (a: Float32Array): number => a.reduce((s, v) => s + v, 0) / a.length;
    const w0 = lo.length / values.length;
    const b = w0 * (1 - w0) * (m(lo) - m(hi)) ** 2;
    if (b > best) {
      best = b;
      at = t;
    }
  }
  return at;
}

describe('Otsu', () => {
  it('finds the cut between two populations, equal to a brute-force search on the same bins', () => {
    const v = gaussians([
      { n: 3000, mean: -22, std: 2 },
      { n: 7000, mean: -12, std: 2.5 },
    ]);
    const h = createHistogram(-50, 20, 280);
    accumulate(h, v);
    const r = otsu(h)!;
    expect(r.threshold).toBeGreaterThan(-20);
    expect(r.threshold).toBeLessThan(-14);
    // Brute force on data snapped to bin centres, over the same candidate cuts.
    const snapped = v.map((x) => binEdge(h, Math.floor(((x + 50) / 70) * 280)) + 0.125);
    const edges = Array.from({ length: 279 }, (_, b) => binEdge(h, b + 1));
    expect(r.threshold).toBe(bruteForceCut(snapped, edges));
    expect(r.low.fraction + r.high.fraction).toBeCloseTo(1, 12);
    expect(r.low.mean).toBeCloseTo(-22, 0);
  });

  it('returns undefined when there is nothing to split', () => {
    const h = createHistogram(0, 1, 10);
    expect(otsu(h)).toBeUndefined();
    accumulate(h, [0.55, 0.56, 0.57]);
    expect(otsu(h)).toBeUndefined();
  });
});

describe('bimodality test', () => {
  it('accepts a tile with water and land, rejects a tile of land only', () => {
    const h = createHistogram(-50, 20, 1400);
    accumulate(
      h,
      gaussians([
        { n: 2000, mean: -23, std: 1.5 },
        { n: 2000, mean: -13, std: 1.5 },
      ]),
    );
    expect(isBimodal(h, otsu(h))).toBe(true);
    const land = createHistogram(-50, 20, 1400);
    accumulate(land, gaussians([{ n: 4000, mean: -13, std: 1.5 }]));
    const split = otsu(land)!;
    // The truncated halves of one Gaussian already look "separated" to Ashman's D (≈ 2.65)…
    expect(ashmanD(split.low, split.high)).toBeGreaterThan(2.4);
    // …which is why the bimodality coefficient is required too (1/3 for a Gaussian).
    expect(bimodalityCoefficient(land)).toBeCloseTo(1 / 3, 1);
    expect(isBimodal(land, split)).toBe(false);
  });
});

describe('evidence of one feature', () => {
  it('is monotonic: very bright backscatter is land even when the water class is wider', async () => {
    const { decisionBoundary, waterEvidence } = await import('../../src/imaging/fusion.js');
    const { backscatterFeature } = await import('../../src/imaging/features.js');
    const m = {
      feature: backscatterFeature('VH'),
      threshold: -21,
      water: { mean: -26.8, std: 4.2 },
      land: { mean: -16.3, std: 2.8 },
    };
    expect(waterEvidence(-30, m)).toBeGreaterThan(0);
    expect(waterEvidence(+10, m)).toBeLessThan(0);
    const b = decisionBoundary(m);
    expect(b).toBeGreaterThan(-26.8);
    expect(b).toBeLessThan(-16.3);
    expect(Math.abs(waterEvidence(b, m))).toBeLessThan(1e-9);
    let prev = Infinity;
    for (let v = -40; v <= 10; v += 0.5) {
      const e = waterEvidence(v, m);
      expect(e).toBeLessThanOrEqual(prev);
      prev = e;
    }
  });
});
