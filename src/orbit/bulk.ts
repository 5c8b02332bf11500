/**
 * Bulk propagation on satellite.js's WebAssembly engine (Vallado's C++ compiled to WASM): many
 * satellites × many instants in one call, Earth-fixed positions out. The pass search uses it for
 * its coarse grid, which is most of the propagation work on a catalogue (bench/passes-catalogue.mjs
 * measures both engines).
 */
import {
  BulkPropagator,
  EciBaseCalculator,
  EcfPositionCalculator,
  GmstCalculator,
  type SatRec,
  createSingleThreadRuntime,
} from 'satellite.js';
import type { Instant } from '../core/time.js';

/** Earth-fixed positions of a batch: `positionsKm[3·(s·nTimes + k)]` for satellite s, time k. */
export interface BulkPositions {
  readonly timesMs: Float64Array;
  readonly positionsKm: Float64Array;
  /** 1 where SGP4 succeeded. */
  readonly ok: Uint8Array;
}

export interface BulkSampler {
  /** Earth-fixed (GMST 1982, UT1 = UTC) positions of every satellite at every instant (whole ms). */
  sample(satrecs: readonly SatRec[], timesMs: Float64Array): BulkPositions;
  dispose(): void;
}

/** Loads the WebAssembly engine (once per thread) and returns a sampler. */
export async function createBulkSampler(): Promise<BulkSampler> {
  const runtime = await createSingleThreadRuntime();
  let cached: {
    nSat: number;
    nTime: number;
    bp: BulkPropagator<
      readonly [EciBaseCalculator, GmstCalculator, EcfPositionCalculator],
      typeof runtime
    >;
  } | null = null;
  return {
    sample(satrecs, timesMs) {
      const nSat = satrecs.length;
      const nTime = timesMs.length;
      if (!cached || cached.nSat !== nSat || cached.nTime !== nTime) {
        cached?.bp.dispose();
        const bp = new BulkPropagator({
          runtime,
          calculators: [
            new EciBaseCalculator(),
            new GmstCalculator(),
            new EcfPositionCalculator(),
          ] as const,
          satRecsCount: nSat,
          datesCount: nTime,
        });
        cached = { nSat, nTime, bp };
      }
      const bp = cached.bp;
      bp.setSatRecs([...satrecs]);
      bp.setDates(Array.from(timesMs, (t: Instant) => new Date(t)));
      bp.run();
      const raw = bp.getRawOutput();
      const errors = raw.eci.error;
      const ok = new Uint8Array(nSat * nTime);
      for (let i = 0; i < ok.length; i++) ok[i] = errors[i] === 0 ? 1 : 0;
      return { timesMs, positionsKm: Float64Array.from(raw.ecfPosition), ok };
    },
    dispose() {
      // Frees the native buffers. The runtime itself is left to the garbage collector: its
      // dispose() calls the module's exit(), which throws an ExitStatus in satellite.js 7.1.
      cached?.bp.dispose();
      cached = null;
    },
  };
}
