/**
 * The computations job workers can run, by job type. Each is a pure function over values; the
 * main thread prepares the inputs from the store and stores the outputs.
 */
import { gmst1982 } from '../../core/earth-rotation.js';
import { temeToItrfPositionAt } from '../../core/frames.js';
import { itrfToGeodetic } from '../../core/geodetic.js';
import { parseTle } from '../../io/tle.js';
import { createPropagator } from '../../orbit/propagator.js';
import { type GroundStation, type Pass, findPasses } from '../../passes/index.js';
import { type Computation, type ComputeContext, STOPPED } from './computation.js';
import { floodComputation } from './flood-computation.js';
import {
  feasibilityComputation,
  planningComputation,
  repairComputation,
} from '../planning/computations.js';
import { linkComputation } from '../telecom/link-computation.js';
import { availabilityMapComputation } from '../telecom/availability-map-computation.js';

/** A stored element set as a job input. */
export interface ElementSetInput {
  readonly satelliteId: string;
  readonly name: string;
  readonly line1: string;
  readonly line2: string;
}

function propagator(e: ElementSetInput) {
  const entry = parseTle(`${e.line1}\n${e.line2}\n`, { ignoreChecksum: true }).entries[0];
  if (!entry) throw new Error(`stored element set of ${e.satelliteId} cannot be read`);
  return createPropagator({ ...entry.elements, name: e.name || entry.elements.name });
}

/** Saves a checkpoint at most every `intervalMs` of work (not at every unit). */
function every(intervalMs: number): () => boolean {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < intervalMs) return false;
    last = now;
    return true;
  };
}

export interface PassesInput {
  readonly stations: readonly GroundStation[];
  readonly elementSets: readonly ElementSetInput[];
  readonly startMs: number;
  readonly endMs: number;
  readonly minElevationDeg?: number;
}

export interface PassesOutput {
  readonly passes: Array<Pass & { satelliteId: string }>;
  readonly issues: Array<{ satelliteId: string; message: string }>;
}

/** Passes of many satellites over several stations; resumes satellite by satellite. */
export const passesComputation: Computation<PassesInput, PassesOutput> = (
  input,
  ctx: ComputeContext,
) => {
  const cp = (ctx.checkpoint as { next: number; out: PassesOutput } | null) ?? null;
  const out: PassesOutput = cp?.out ?? { passes: [], issues: [] };
  const due = every(2000);
  const n = input.elementSets.length;
  for (let i = cp?.next ?? 0; i < n; i++) {
    if (ctx.shouldStop()) {
      ctx.saveCheckpoint({ next: i, out });
      return STOPPED;
    }
    const e = input.elementSets[i]!;
    const r = findPasses(propagator(e), input.stations, {
      startMs: input.startMs,
      endMs: input.endMs,
      ...(input.minElevationDeg !== undefined ? { minElevationDeg: input.minElevationDeg } : {}),
    });
    for (const p of r.passes) out.passes.push({ ...p, satelliteId: e.satelliteId });
    for (const x of r.issues) out.issues.push({ satelliteId: e.satelliteId, message: x.message });
    ctx.progress((i + 1) / n, `${i + 1}/${n} satellites`);
    if (due()) ctx.saveCheckpoint({ next: i + 1, out });
  }
  out.passes.sort((a, b) => a.aosMs - b.aosMs || a.stationId.localeCompare(b.stationId));
  return out;
};

export interface EphemerisInput {
  readonly elementSet: ElementSetInput;
  readonly startMs: number;
  readonly stepS: number;
  readonly count: number;
}

/** Sub-satellite track, as parallel arrays (lat/lon in deg, altitude in km; NaN where SGP4 fails). */
export interface EphemerisOutput {
  readonly startMs: number;
  readonly stepS: number;
  readonly latitudeDeg: number[];
  readonly longitudeDeg: number[];
  readonly altitudeKm: number[];
}

export const ephemerisComputation: Computation<EphemerisInput, EphemerisOutput> = (input, ctx) => {
  const prop = propagator(input.elementSet);
  const cp = ctx.checkpoint as EphemerisOutput | null;
  const out: EphemerisOutput = cp ?? {
    startMs: input.startMs,
    stepS: input.stepS,
    latitudeDeg: [],
    longitudeDeg: [],
    altitudeKm: [],
  };
  const due = every(2000);
  for (let i = out.latitudeDeg.length; i < input.count; i++) {
    if (i % 1000 === 0) {
      if (ctx.shouldStop()) {
        ctx.saveCheckpoint(out);
        return STOPPED;
      }
      ctx.progress(i / input.count);
      if (due()) ctx.saveCheckpoint(out);
    }
    const t = input.startMs + i * input.stepS * 1000;
    const s = prop.at(t);
    if (!s.ok) {
      out.latitudeDeg.push(NaN);
      out.longitudeDeg.push(NaN);
      out.altitudeKm.push(NaN);
      continue;
    }
    const g = itrfToGeodetic(temeToItrfPositionAt(s.positionKm, gmst1982(t)));
    out.latitudeDeg.push(g.latitudeDeg);
    out.longitudeDeg.push(g.longitudeDeg);
    out.altitudeKm.push(g.altitudeKm);
  }
  return out;
};

/** Computations by job type (what `worker-entry` can run). */
export const COMPUTATIONS: Readonly<Record<string, Computation<never, unknown>>> = {
  passes: passesComputation as Computation<never, unknown>,
  ephemeris: ephemerisComputation as Computation<never, unknown>,
  flood: floodComputation as Computation<never, unknown>,
  planning: planningComputation as Computation<never, unknown>,
  // run by the planning service in a thread of their own, not queued
  'planning.feasibility': feasibilityComputation as Computation<never, unknown>,
  'planning.repair': repairComputation as Computation<never, unknown>,
  'telecom.link': linkComputation as Computation<never, unknown>,
  'availability-map': availabilityMapComputation as Computation<never, unknown>,
};
