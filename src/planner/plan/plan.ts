/**
 * planScenario: model → greedy → large-neighbourhood search within the time limit → plan.
 * Synchronous (for worker threads and jobs); {@link planScenarioAsync} yields to the event
 * loop between slices so that a CLI can react to Ctrl-C.
 */
import { computeBound } from './bound.js';
import { modelOf } from './cache.js';
import type { PlanModel } from './model.js';
import { Objective, targetShares } from './objective.js';
import { buildPlan, demandPerNation } from './output.js';
import { Search } from './search.js';
import type { Plan, PlanOptions, Scenario } from './types.js';

const SLICE_MS = 50;

/** A planning run that can be driven slice by slice. */
export class PlanRun {
  readonly model: PlanModel;
  readonly search: Search;
  private readonly t0: number;
  private readonly deadline: number;
  private readonly searchDeadline: number;
  private readonly opts: PlanOptions;
  private bound: number | null = null;

  constructor(s: Scenario, opts: PlanOptions = {}, now: () => number = () => performance.now()) {
    this.opts = opts;
    this.t0 = now();
    const limit = opts.timeLimitMs ?? 10_000;
    this.deadline = this.t0 + limit;
    // the bound gets the last 15 % of the budget per day of horizon (its subgradient needs more
    // steps when there are more passes), at most 40 %
    const boundMs = Math.min(0.4 * limit, 0.15 * limit * Math.max(1, s.horizonH / 24));
    this.searchDeadline = this.deadline - boundMs;
    opts.onProgress?.(0, 'access windows and downlinks');
    this.model = modelOf(s, (f) => opts.onProgress?.(0.3 * f, 'access windows and downlinks'));
    const demand = demandPerNation(this.model);
    const obj = new Objective(s.fairness ?? 'leximin', targetShares(s), demand);
    this.search = new Search(this.model, obj, opts.seed ?? 1);
    if (obj.policy === 'quotas') {
      const ref = new Search(
        this.model,
        new Objective('none', obj.targets, demand),
        opts.seed ?? 1,
      );
      ref.greedy();
      obj.setReference(ref.st.value);
    }
    this.search.greedy();
    opts.onProgress?.(0.35, 'greedy plan');
  }

  /** Runs one slice of search; false when the run is over (deadline or abort). */
  slice(now: () => number): boolean {
    if (this.opts.signal?.aborted || now() >= this.searchDeadline) return false;
    this.search.run(now, Math.min(this.searchDeadline, now() + SLICE_MS));
    const f = (now() - this.t0) / (this.deadline - this.t0);
    this.opts.onProgress?.(
      Math.min(0.95, 0.35 + 0.6 * f),
      `value ${this.search.st.value.toFixed(1)}`,
    );
    return !this.opts.signal?.aborted && now() < this.searchDeadline;
  }

  finish(now: () => number = () => performance.now()): Plan {
    const left = this.deadline - now();
    this.bound ??= computeBound(
      this.model,
      this.search.st.value,
      this.opts.signal?.aborted ? 200 : Math.max(100, left),
      now,
    );
    const plan = buildPlan(this.model, this.search.st, this.search.obj, this.bound);
    this.opts.onProgress?.(1, 'done');
    return plan;
  }
}

/**
 * Plans a scenario within `o.timeLimitMs` (default 10 s); an abort or the deadline returns
 * the best plan found so far.
 * @example const plan = planScenario(parseScenario(text, 'demo.json'), { timeLimitMs: 5000, seed: 1 });
 */
export function planScenario(s: Scenario, o: PlanOptions = {}): Plan {
  const now = (): number => performance.now();
  const run = new PlanRun(s, o, now);
  while (run.slice(now));
  return run.finish(now);
}

/** The same, yielding to the event loop between slices (Ctrl-C in the CLI). */
export async function planScenarioAsync(s: Scenario, o: PlanOptions = {}): Promise<Plan> {
  const now = (): number => performance.now();
  const run = new PlanRun(s, o, now);
  while (run.slice(now)) await new Promise((r) => setImmediate(r));
  return run.finish(now);
}
