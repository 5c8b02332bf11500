/**
 * The strips of one request: its AOI sampled once, its track families (families.ts), each
 * family's strips, and the sample cells ("atoms": samples lying in the same band of every
 * family) with the cells each strip holds. The value of a set of strips is the share of samples
 * in the cells they cover together (docs/planner.md, "Sample cells").
 */
import type { AoiGeometry } from '../../access/aoi/types.js';
import type { ElementSet } from '../../orbit/element-set.js';
import { type TrackFamily, trackFamilies } from './families.js';
import { type FamilyStrips, cutFamilyStrips, sampleAoi } from './strips.js';

export interface RequestStrips {
  readonly families: readonly TrackFamily[];
  /** Strips of each family (same order as `families`). */
  readonly cuts: readonly FamilyStrips[];
  /** Number of samples in each cell (they sum to the AOI's sample count). */
  readonly atomCount: readonly number[];
  /** Per family, the cells of each band (band index → cell indices). */
  readonly stripAtoms: readonly ReadonlyMap<number, readonly number[]>[];
}

/**
 * @param sats the satellites that may serve the request: scenario index, orbit, swath (km);
 *   the sampling step follows the narrowest swath (20 km when there is none).
 */
export function requestStrips(
  aoi: AoiGeometry,
  sats: readonly {
    readonly index: number;
    readonly el: Pick<ElementSet, 'inclinationDeg' | 'meanMotionRevPerDay'>;
    readonly swathKm: number;
  }[],
): RequestStrips {
  const sampling = sampleAoi(aoi, sats.length > 0 ? Math.min(...sats.map((x) => x.swathKm)) : 20);
  const families = trackFamilies(sats, sampling.lat0);
  const cuts = families.map((f) => cutFamilyStrips(sampling, f.headingDeg, f.widthKm));
  const n = sampling.x.length;
  const atomOfSample = new Int32Array(n);
  const atomCount: number[] = [];
  const sig = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const key = cuts.map((c) => c.bandOfSample[k]).join(',');
    let a = sig.get(key);
    if (a === undefined) {
      a = atomCount.length;
      sig.set(key, a);
      atomCount.push(0);
    }
    atomCount[a]!++;
    atomOfSample[k] = a;
  }
  const stripAtoms = cuts.map((c) => {
    const byBand = new Map<number, Set<number>>();
    for (let k = 0; k < n; k++) {
      const b = c.bandOfSample[k]!;
      let set = byBand.get(b);
      if (!set) byBand.set(b, (set = new Set()));
      set.add(atomOfSample[k]!);
    }
    return new Map([...byBand].map(([b, set]) => [b, [...set]] as const));
  });
  return { families, cuts, atomCount, stripAtoms };
}
