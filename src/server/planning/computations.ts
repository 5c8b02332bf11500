/**
 * Planner computations run in job worker threads (pure functions over values): the planning
 * job, one request's feasibility with its access opportunities, and the emergency repair.
 *
 * Stopping: the planner takes an AbortSignal, but a busy thread never runs the code that would
 * abort a controller; the signal given here reads the shared stop flag whenever the planner
 * looks at `aborted` (and its progress callback aborts it too), so a cancel or a shutdown is
 * seen between two of the planner's steps. The planner then returns its best plan so far,
 * which is saved as the checkpoint.
 */
import { findAreaWindows, sampleArea } from '../../access/aoi-access.js';
import { sampleTrack } from '../../access/track.js';
import { formatIsoUtc, parseIsoUtc } from '../../core/time.js';
import { parseTle } from '../../io/tle.js';
import { createPropagator } from '../../orbit/propagator.js';

import { type Computation, type ComputeContext, STOPPED } from '../jobs/computation.js';
import {
  type FeasibilityResult,
  type Plan,
  type Scenario,
  type ScenarioSatellite,
  planScenario,
  repairPlan,
  requestFeasibility,
} from './planner-api.js';

const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted')!.get!;

/** An AbortSignal that follows the job's stop flag. */
export function stopSignal(ctx: ComputeContext): { signal: AbortSignal; stopped(): boolean } {
  const ac = new AbortController();
  const signal = ac.signal;
  const isAborted = () => nativeAborted.call(signal) as boolean;
  const poll = (): boolean => {
    if (!isAborted() && ctx.shouldStop()) ac.abort();
    return isAborted();
  };
  // `aborted` is read by the planner between steps: answer from the flag itself.
  Object.defineProperty(signal, 'aborted', { get: poll });
  return { signal, stopped: poll };
}

export interface PlanningInput {
  readonly scenario: Scenario;
  readonly timeLimitMs: number;
  readonly seed?: number;
  /** Submitted requests: those left unplanned are checked (feasible or not, and why). */
  readonly assess: readonly string[];
}

export interface PlanningOutput {
  readonly plan: Plan;
  /** Requests that cannot be acquired at all in the horizon, with the limits found. */
  readonly infeasible: Record<string, string>;
}

export const planningComputation: Computation<PlanningInput, PlanningOutput> = (input, ctx) => {
  const stop = stopSignal(ctx);
  const previous = (ctx.checkpoint as { plan: Plan } | null)?.plan ?? null;
  let plan = planScenario(input.scenario, {
    timeLimitMs: input.timeLimitMs,
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    signal: stop.signal,
    onProgress: (fraction, message) => {
      stop.stopped();
      ctx.progress(Math.min(0.9, fraction * 0.9), message);
    },
  });
  if (previous && previous.value > plan.value) plan = previous;
  if (stop.stopped()) {
    ctx.saveCheckpoint({ plan });
    return STOPPED;
  }
  // The planner explains a request with no option at all as "infeasible because …" (its
  // output.ts); other unplanned requests lost to competition and stay feasible.
  const assess = new Set(input.assess);
  const infeasible: Record<string, string> = {};
  for (const r of plan.requests) {
    if (r.status === 'unplanned' && assess.has(r.requestId) && /^infeasible\b/.test(r.reason ?? ''))
      infeasible[r.requestId] = r.reason!;
  }
  return { plan, infeasible };
};

export interface Opportunity {
  readonly satelliteId: string;
  readonly start: string;
  readonly end: string;
  readonly best: string;
  readonly minOffNadirDeg: number;
  readonly sunElevationDeg: number;
  readonly direction: 'ascending' | 'descending';
  /** Fraction of the area the field of regard reaches, 0…1. */
  readonly fieldOfRegardFraction: number;
  /** Fraction one swath-wide acquisition covers, 0…1 (null: unknown swath). */
  readonly swathFraction: number | null;
}

const fits = (s: ScenarioSatellite, type: 'optical' | 'sar' | 'any') =>
  type === 'any' || (type === 'sar' ? s.sensor.kind === 'sar' : s.sensor.kind !== 'sar');

/** Access opportunities of one request over the scenario's horizon, in time order. */
export function opportunities(s: Scenario, requestId: string, max = 200): Opportunity[] {
  const r = s.requests.find((x) => x.id === requestId);
  if (!r) return [];
  const startMs = Math.max(parseIsoUtc(s.start, 'start'), parseIsoUtc(r.window.start, 'start'));
  const endMs = Math.min(
    parseIsoUtc(s.start, 'start') + s.horizonH * 3600_000,
    parseIsoUtc(r.window.end, 'end'),
  );
  if (!(endMs > startMs)) return [];
  const aoi = { id: r.id, name: r.id, geometry: r.aoi as never, properties: {} };
  const sampling = sampleArea(aoi, 400);
  const out: Opportunity[] = [];
  for (const sat of s.satellites) {
    if (!fits(sat, r.sensorType)) continue;
    const entry = parseTle(`${sat.tle[0]}\n${sat.tle[1]}\n`, { ignoreChecksum: true }).entries[0];
    if (!entry) continue;
    const track = sampleTrack(createPropagator(entry.elements), startMs, endMs);
    for (const w of findAreaWindows(aoi, sampling, track, sat.sensor, { startMs, endMs })) {
      if (r.maxOffNadirDeg !== undefined && w.minOffNadirDeg > r.maxOffNadirDeg) continue;
      out.push({
        satelliteId: sat.id,
        start: formatIsoUtc(w.startMs),
        end: formatIsoUtc(w.endMs),
        best: formatIsoUtc(w.bestMs),
        minOffNadirDeg: w.minOffNadirDeg,
        sunElevationDeg: w.sunElevationDeg,
        direction: w.direction,
        fieldOfRegardFraction: w.fieldOfRegardFraction,
        swathFraction: w.swathFraction,
      });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start)).slice(0, max);
}

export interface FeasibilityInput {
  readonly scenario: Scenario;
  readonly requestId: string;
}

export type FeasibilityOutput = FeasibilityResult & { readonly opportunities: Opportunity[] };

export const feasibilityComputation: Computation<FeasibilityInput, FeasibilityOutput> = (
  input,
) => ({
  ...requestFeasibility(input.scenario, input.requestId),
  opportunities: opportunities(input.scenario, input.requestId),
});

export interface RepairInput {
  readonly scenario: Scenario;
  readonly current: Plan;
  readonly urgent: readonly string[];
  readonly timeLimitMs: number;
}

export const repairComputation: Computation<RepairInput, Plan> = (input) =>
  repairPlan(input.scenario, input.current, [...input.urgent], { timeLimitMs: input.timeLimitMs });
