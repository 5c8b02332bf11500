/**
 * Coverage and revisit: gap statistics on hand-made opportunities; per-cell results of the grid
 * against the independent brute-force kernel on a sample of cells (counts equal, gaps within a
 * few seconds); area summaries (weights, percentiles, the 95 % statement).
 */
import { twoline2satrec } from 'satellite.js';
import { describe, expect, it } from 'vitest';
import {
  coverageChunk,
  gridCells,
  planCoverage,
  revisitStats,
  sampleTrack,
  summarizeAreas,
  summarizeCells,
  weightedPercentile,
  type Sensor,
} from '../../src/access/index.js';
import { parseIsoUtc } from '../../src/core/time.js';
import { resolveBundledAoi } from '../../src/io/bundled-aoi.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
// @ts-expect-error: plain JavaScript module shared with the generator script
import { bruteForceWindowsMulti } from '../../scripts/access/bruteforce-lib.mjs';
import { readReference } from '../support/reference.js';

const H = 3_600_000;

describe('revisit statistics', () => {
  it('merges overlapping opportunities and measures gaps between them', () => {
    const t0 = 0;
    const w = [
      { startMs: 10 * H, endMs: 10 * H + 60_000 },
      { startMs: 2 * H, endMs: 2 * H + 120_000 },
      { startMs: 2 * H + 60_000, endMs: 2 * H + 180_000 }, // overlaps the previous one
      { startMs: 30 * H, endMs: 30 * H },
    ];
    const s = revisitStats(w, t0);
    expect(s.accessCount).toBe(4);
    expect(s.timeToFirstAccessH).toBe(2);
    const gaps = [10 - 2 - 3 / 60, 30 - 10 - 1 / 60];
    expect(s.maxGapH).toBeCloseTo(gaps[1]!, 12);
    expect(s.meanGapH).toBeCloseTo((gaps[0]! + gaps[1]!) / 2, 12);
    expect(s.p50GapH).toBeCloseTo((gaps[0]! + gaps[1]!) / 2, 12);
  });
  it('no access, one access', () => {
    expect(revisitStats([], 0)).toMatchObject({ accessCount: 0, maxGapH: null });
    expect(revisitStats([{ startMs: H, endMs: H }], 0)).toMatchObject({
      accessCount: 1,
      timeToFirstAccessH: 1,
      maxGapH: null,
    });
  });
  it('area-weighted percentiles', () => {
    expect(weightedPercentile([5, 1, 3], [1, 1, 2], 0.5)).toBe(3);
    expect(weightedPercentile([5, 1, 3], [1, 1, 2], 0.95)).toBe(5);
    expect(weightedPercentile([Infinity, 1], [1, 9], 0.9)).toBe(1);
    expect(weightedPercentile([Infinity, 1], [1, 9], 0.95)).toBe(Infinity);
  });
});

describe('coverage grid', () => {
  const tleText = readReference('tle', 'sahel-eo-leo-50.tle');
  const entries = parseTle(tleText, { fileName: 'eo' }).entries;
  const lines = tleText.split(/\r?\n/);
  const start = parseIsoUtc('2026-03-19T00:00:00Z');
  const end = start + 4 * 86_400_000;
  const names = ['KANOPUS-V 3', 'KANOPUS-V 5', 'SENTINEL-2A'];
  const sats = names.map((n) => entries.find((e) => e.elements.name.trim() === n)!.elements);
  const sensor: Sensor = {
    kind: 'optical',
    id: 'k',
    name: 'k',
    maxOffNadirDeg: 30,
    minSunElevationDeg: 10,
  };
  const region = resolveBundledAoi('BF-12'); // Sahel region of Burkina Faso
  const cells = gridCells(region.geometry, 0.25);
  const plan = planCoverage(
    cells,
    sats.map((el) => ({ track: sampleTrack(createPropagator(el), start, end), sensor })),
    { startMs: start, endMs: end },
  );
  const stats = coverageChunk(plan, 0, cells.length);

  it('matches the brute-force kernel cell by cell (1 s sampling)', () => {
    expect(cells.length).toBeGreaterThan(20);
    const sample = cells.filter((_, i) => i % 5 === 0);
    const targets = sample.map((c, i) => ({
      id: String(i),
      latitudeDeg: c.latDeg,
      longitudeDeg: c.lonDeg,
      altitudeKm: 0,
    }));
    const bf: { startMs: number; endMs: number }[][] = sample.map(() => []);
    for (const el of sats) {
      const i = lines.findIndex((l) =>
        l.startsWith(`1 ${String(el.catalogNumber).padStart(5, '0')}`),
      );
      const satrec = twoline2satrec(lines[i]!, lines[i + 1]!);
      const res = bruteForceWindowsMulti(satrec, [sensor], targets, start, end, 1000)[0] as Record<
        string,
        { start: number; end: number }[]
      >;
      sample.forEach((_, k) =>
        bf[k]!.push(...res[String(k)]!.map((w) => ({ startMs: w.start, endMs: w.end }))),
      );
    }
    sample.forEach((c, k) => {
      const ours = stats[cells.indexOf(c)]!;
      const ref = revisitStats(bf[k]!, start);
      expect(ours.accessCount, `cell ${c.latDeg},${c.lonDeg}`).toBe(ref.accessCount);
      if (ref.maxGapH !== null) {
        // edges within a sample (1 s) plus the Sun models' 3 s
        expect(Math.abs(ours.maxGapH! - ref.maxGapH) * 3600).toBeLessThan(5);
        expect(Math.abs(ours.meanGapH! - ref.meanGapH!) * 3600).toBeLessThan(5);
      }
      expect(Math.abs(ours.timeToFirstAccessH! - ref.timeToFirstAccessH!) * 3600).toBeLessThan(5);
    });
  });

  it('summaries: area weights, the region and its bundled parts', () => {
    const all = summarizeCells({ id: 'r', name: 'r', kind: 'region' }, cells, stats);
    expect(all.cellCount).toBe(cells.length);
    expect(all.areaKm2).toBeCloseTo(
      cells.reduce((s, c) => s + c.areaKm2, 0),
      6,
    );
    expect(all.fractionSeen).toBeGreaterThan(0.5);
    expect(all.maxGapH.p50!).toBeLessThanOrEqual(all.maxGapH.p95 ?? Infinity);
    const parts = summarizeAreas(
      [
        { id: 'BF-12', name: 'Sahel', kind: 'region', geometry: region.geometry },
        { id: 'far', name: 'far', kind: 'x', geometry: resolveBundledAoi('ML-8').geometry },
      ],
      cells,
      stats,
    );
    expect(parts.map((p) => p.id)).toEqual(['BF-12']); // Kidal holds no cell of this grid
    expect(parts[0]!.cellCount).toBe(cells.length);
  });
});
