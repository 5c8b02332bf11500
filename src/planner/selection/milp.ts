/**
 * The exact route: a 0-1 MILP of a {@link SelectionProblem} solved by HiGHS (compiled to
 * WebAssembly, npm `highs`). One binary column per option, maximise Σ gain·x subject to
 *   Σ x ≤ 1 over the options of an item; x_a + x_b ≤ 1 per conflict between items;
 *   Σ x ≤ |T| − 1 per forbidden tuple T; Σ use·x ≤ capacity per resource.
 * HiGHS' presolve builds the clique table from these rows itself, so the model stays plain.
 *
 * The solve is synchronous (HiGHS blocks its thread); it reports incumbents and bounds through
 * callbacks and stops when `shouldStop` returns true (checked by HiGHS at every node), so it
 * can run in a worker thread beside the local search (see `milp-thread.ts`).
 */
import type { Highs, ModelData, UserSolutionCallbackEvent } from 'highs';
import { type Selection, type SelectionProblem } from './problem.js';

/** Options for {@link solveMilp}. */
export interface MilpOptions {
  /** Wall-clock limit of HiGHS, s. */
  readonly timeLimitS: number;
  /** A feasible selection to start from (an incumbent for pruning). */
  readonly start?: Selection;
  /** Called on each improving incumbent. */
  readonly onSolution?: (s: Selection, value: number) => void;
  /** Called when HiGHS reports a new dual bound (an upper bound on the optimum). */
  readonly onBound?: (bound: number) => void;
  /**
   * Polled by HiGHS with its current relative gap and running time; returning true interrupts
   * the solve (the best so far is returned).
   */
  readonly shouldStop?: (state: { gap: number; runningTimeS: number }) => boolean;
  /** Polled by HiGHS for a better outside incumbent to inject (e.g. from the local search). */
  readonly pollIncumbent?: () => Selection | null;
  /** Solve only the LP relaxation (for a quick bound). */
  readonly relaxation?: boolean;
}

export interface MilpResult {
  /** Best integer selection found (null for a relaxation or when none was found). */
  readonly selection: Selection | null;
  readonly value: number | null;
  /** Proven upper bound on the optimum (null if HiGHS stopped before having one). */
  readonly bound: number | null;
  /** HiGHS model status name: "optimal", "timeLimit", "interrupted", … */
  readonly status: string;
  readonly optimal: boolean;
}

/** True when every gain is an integer: then bounds can be rounded down and gaps of < 1 closed. */
export function integralGains(p: SelectionProblem): boolean {
  for (let o = 0; o < p.optionCount; o++) if (!Number.isInteger(p.gain[o])) return false;
  return true;
}

/** Builds the HiGHS model of `p` (CSR rows). */
export function buildMilpModel(highs: Highs, p: SelectionProblem, relaxation = false): ModelData {
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const upper: number[] = [];
  const row = (cols: ArrayLike<number>, coef: ArrayLike<number> | null, ub: number): void => {
    for (let k = 0; k < cols.length; k++) {
      indices.push(cols[k]!);
      values.push(coef ? coef[k]! : 1);
    }
    starts.push(indices.length);
    upper.push(ub);
  };
  for (let i = 0; i < p.itemCount; i++) {
    const a = p.optionStart[i]!;
    const b = p.optionStart[i + 1]!;
    if (b - a > 1)
      row(
        Array.from({ length: b - a }, (_, k) => a + k),
        null,
        1,
      );
  }
  for (let o = 0; o < p.optionCount; o++) {
    for (let k = p.conflictStart[o]!; k < p.conflictStart[o + 1]!; k++) {
      const u = p.conflict[k]!;
      if (u > o && p.optionItem[u] !== p.optionItem[o]) row([o, u], null, 1);
    }
  }
  for (let t = 0; t + 1 < p.tupleStart.length; t++) {
    const cols = p.tupleOption.subarray(p.tupleStart[t]!, p.tupleStart[t + 1]!);
    row(cols, null, cols.length - 1);
  }
  const n = p.optionCount;
  for (let r = 0; r < p.capacity.length; r++) {
    const cols: number[] = [];
    const coef: number[] = [];
    for (let o = 0; o < n; o++) {
      const u = p.use[r * n + o]!;
      if (u > 0) {
        cols.push(o);
        coef.push(u);
      }
    }
    row(cols, coef, p.capacity[r]!);
  }
  const numRows = upper.length;
  return {
    numCols: n,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    offset: 0,
    colCost: Float64Array.from(p.gain),
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower: new Float64Array(numRows).fill(-highs.infinity),
    rowUpper: Float64Array.from(upper),
    matrix: {
      format: 'csr',
      numRows,
      numCols: n,
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    ...(relaxation ? {} : { integrality: new Int32Array(n).fill(1) }),
  };
}

/** Reads a 0/1 column vector back as a selection (values ≥ 0.5 count as taken). */
export function columnsToSelection(p: SelectionProblem, x: ArrayLike<number>): Selection {
  const s = new Int32Array(p.itemCount).fill(-1);
  for (let o = 0; o < p.optionCount; o++) if (x[o]! > 0.5) s[p.optionItem[o]!] = o;
  return s;
}

/**
 * Solves the MILP (or its LP relaxation) with HiGHS, synchronously.
 * @param highs a loaded HiGHS module (`await loadHighs()` from the `highs` package)
 */
export function solveMilp(highs: Highs, p: SelectionProblem, opts: MilpOptions): MilpResult {
  const integral = integralGains(p);
  const model = highs.createModel(buildMilpModel(highs, p, opts.relaxation ?? false));
  try {
    model.options.set({
      output_flag: false,
      time_limit: Math.max(0.01, opts.timeLimitS),
      mip_rel_gap: 0,
      // With integer gains, a gap below 1 is closed: the incumbent is optimal.
      mip_abs_gap: integral ? 1 - 1e-6 : 1e-6,
    });
    if (opts.start && !opts.relaxation) {
      const x = new Float64Array(p.optionCount);
      for (const o of opts.start) if (o >= 0) x[o] = 1;
      model.setSolution({ colValue: x });
    }
    const cb = highs.constants.callbackType;
    let lastBound = Infinity;
    const reportBound = (b: number | undefined): void => {
      if (b === undefined || !Number.isFinite(b)) return;
      const bb = integral ? Math.floor(b + 1e-6) : b;
      if (bb < lastBound) {
        lastBound = bb;
        opts.onBound?.(bb);
      }
    };
    model.run(
      opts.relaxation
        ? {}
        : {
            [cb.mipImprovingSolution](event) {
              const x = event.data.mip_solution;
              if (x && event.data.objective_function_value !== undefined) {
                opts.onSolution?.(
                  columnsToSelection(p, x),
                  Math.round(event.data.objective_function_value * 1e6) / 1e6,
                );
              }
            },
            ...(opts.pollIncumbent
              ? {
                  [cb.mipUserSolution](event: UserSolutionCallbackEvent) {
                    const s = opts.pollIncumbent?.();
                    if (!s) return;
                    const x = new Float64Array(p.optionCount);
                    for (const o of s) if (o >= 0) x[o] = 1;
                    event.setSolution(x);
                  },
                }
              : {}),
            [cb.mipInterrupt](event) {
              reportBound(event.data.mip_dual_bound);
              const state = {
                gap: event.data.mip_gap ?? Infinity,
                runningTimeS: event.data.running_time ?? 0,
              };
              if (opts.shouldStop?.(state)) event.interrupt();
            },
          },
    );
    const status = model.getModelStatus();
    const statusName =
      Object.entries(highs.constants.modelStatus).find(([, v]) => v === status)?.[0] ??
      String(status);
    const optimal = status === highs.constants.modelStatus.optimal;
    if (opts.relaxation) {
      const v = optimal ? model.getObjectiveValue() : null;
      const bound = v === null ? null : integral ? Math.floor(v + 1e-6) : v;
      return { selection: null, value: null, bound, status: statusName, optimal: false };
    }
    const info = model.info.get('mip_dual_bound');
    const rawBound = typeof info === 'number' && Number.isFinite(info) ? info : null;
    const bound = rawBound === null ? null : integral ? Math.floor(rawBound + 1e-6) : rawBound;
    const sol = model.getSolution();
    const haveSolution =
      typeof sol.colValue !== 'undefined' &&
      sol.colValue.length === p.optionCount &&
      model.info.get('primal_solution_status') === 2;
    const selection = haveSolution ? columnsToSelection(p, sol.colValue) : null;
    let value: number | null = null;
    if (selection) {
      value = 0;
      for (const o of selection) if (o >= 0) value += p.gain[o]!;
    }
    return {
      selection,
      value,
      bound: optimal && value !== null ? value : bound,
      status: statusName,
      optimal,
    };
  } finally {
    model.dispose();
  }
}
