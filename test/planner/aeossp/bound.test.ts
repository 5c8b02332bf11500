// The aeossp upper bound: its per-satellite DP is the heaviest path (brute force on small slices
// of a real case), every valid plan is a path of the graphs, and the bound is never below the
// weight of a valid plan (the solver's, the fixtures').
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BOUND_SLACK_S,
  buildSatelliteGraph,
  heaviestPath,
  lagrangianBound,
} from '../../../src/planner/aeossp/bound.js';
import { checkAeossp } from '../../../src/planner/aeossp/check.js';
import { loadAeosspCase, loadAeosspSolution } from '../../../src/planner/aeossp/load.js';
import type { AeosspCase, AeosspSolution } from '../../../src/planner/aeossp/model.js';
import { type Opportunity, precompute } from '../../../src/planner/aeossp/opportunities.js';
import { Schedule } from '../../../src/planner/aeossp/sequence.js';
import { solveAeossp } from '../../../src/planner/aeossp/solve.js';
import {
  replanWhole,
  replanWindow,
  replanWindowExact,
} from '../../../src/planner/aeossp/window-dp.js';
import { referencePath } from '../../support/reference.js';

const CASES = referencePath('astro-reason', 'aeossp_standard', 'cases');
const FIXTURES = referencePath('astro-reason', 'aeossp_standard', 'fixtures');

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Completed weight of a plan by the checker (0 when invalid). */
const planWeight = (c: AeosspCase, sol: AeosspSolution): number => {
  const total = c.tasks.reduce((a, t) => a + t.weight, 0);
  return checkAeossp(c, sol).metrics.WCR * total;
};

/** The schedule's observations as actions. */
const toActions = (c: AeosspCase, s: Schedule): AeosspSolution['actions'] =>
  s.seqs.flatMap((q, si) =>
    q.map((o) => {
      const startMs = c.mission.horizonStartMs + o.k * s.pre.stepS * 1000;
      return {
        satelliteId: c.satellites[si]!.id,
        taskId: c.tasks[o.task]!.id,
        startMs,
        endMs: startMs + c.tasks[o.task]!.requiredDurationS * 1000,
      };
    }),
  );

describe('aeossp upper bound', () => {
  const c = loadAeosspCase(join(CASES, 'test_easy', 'case_0005'));
  const pre = precompute(c);

  it('the DP finds the heaviest path: brute force on 40 random slices', () => {
    const rand = rng(11);
    const s = new Schedule(c, pre);
    let nonTrivial = 0;
    for (let trial = 0; trial < 40; trial++) {
      // a satellite, a stretch of 2–4 min in one of its passes, 3–5 of the tasks it sees there
      const si = Math.floor(rand() * c.satellites.length);
      const all = pre.bySat[si]!;
      if (!all.length) continue;
      const pivot = all[Math.floor(rand() * all.length)]!;
      const k0 = pivot.kMin - Math.floor(rand() * 12);
      const k1 = k0 + 24 + Math.floor(rand() * 24);
      const inside = all.filter((o) => o.kMax >= k0 && o.kMin <= k1);
      const picked = inside.sort(() => rand() - 0.5).slice(0, 3 + Math.floor(rand() * 3));
      const slice: Opportunity[] = picked.map((o) => ({
        ...o,
        kMin: Math.max(o.kMin, k0),
        kMax: Math.min(o.kMax, k1),
      }));
      const bySat = pre.bySat.map((l, i) => (i === si ? slice : l));
      const g = buildSatelliteGraph(c, { ...pre, bySat }, si);
      const value = new Float64Array(c.tasks.length);
      for (const o of slice) value[o.task] = Math.round(10 * (rand() * 6 - 1)) / 10;
      // brute force: every sequence of states with the slew rule computed by the solver's
      // own slew function (an independent path from the graph's angle thresholds)
      const ok = (i: number, j: number): boolean => {
        if (g.end[i]! >= g.k[j]!) return false;
        if (g.task[i] === g.task[j] && g.droppable[j]) return false;
        const req = s.required(si, { task: g.task[i]!, k: g.k[i]!, req: 0 }, g.task[j]!, g.k[j]!);
        return (g.k[j]! - g.end[i]!) * pre.stepS + BOUND_SLACK_S >= req;
      };
      const first = (j: number): boolean =>
        g.k[j]! * pre.stepS + BOUND_SLACK_S >= s.required(si, null, g.task[j]!, g.k[j]!);
      const memo = new Map<number, number>();
      const from = (i: number): number => {
        const m = memo.get(i);
        if (m !== undefined) return m;
        let b = 0;
        for (let j = 0; j < g.n; j++) if (ok(i, j)) b = Math.max(b, from(j));
        const r = value[g.task[i]!]! + b;
        memo.set(i, r);
        return r;
      };
      let brute = 0;
      for (let j = 0; j < g.n; j++) if (first(j)) brute = Math.max(brute, from(j));
      const dp = heaviestPath(g, value);
      expect(dp.value).toBeCloseTo(brute, 9);
      // the path returned is a path and has the value claimed
      let sum = 0;
      dp.states.forEach((j, p) => {
        sum += value[g.task[j]!]!;
        if (p === 0) expect(first(j)).toBe(true);
        else expect(ok(dp.states[p - 1]!, j)).toBe(true);
      });
      expect(sum).toBeCloseTo(dp.value, 9);
      if (dp.states.length >= 2) nonTrivial++;
    }
    expect(nonTrivial).toBeGreaterThan(5);
  });

  it('contains the solver’s plan and is never below its weight', async () => {
    // the greedy plan alone (no time for the search): deterministic, whatever the machine's load
    const r = await solveAeossp(c, { timeLimitS: 0.01, seed: 3 });
    expect(r.report.valid).toBe(true);
    const weight = planWeight(c, r.solution);
    // each satellite's observations are a path of its graph
    c.satellites.forEach((sat, si) => {
      const g = buildSatelliteGraph(c, pre, si);
      const at = new Map<string, number>();
      for (let j = 0; j < g.n; j++) at.set(`${g.task[j]}@${g.k[j]}`, j);
      const tIndex = new Map(c.tasks.map((t, i) => [t.id, i]));
      const states = r.solution.actions
        .filter((a) => a.satelliteId === sat.id)
        .sort((a, b) => a.startMs - b.startMs)
        .map((a) => {
          const k = (a.startMs - c.mission.horizonStartMs) / 1000 / pre.stepS;
          const j = at.get(`${tIndex.get(a.taskId)}@${k}`);
          expect(j).toBeDefined();
          return j!;
        });
      states.forEach((j, p) => {
        if (p === 0) return expect(g.entry[j]).toBe(1);
        const i = states[p - 1]!;
        const near = [...g.preds.subarray(g.predStart[j]!, g.predStart[j + 1]!)].includes(i);
        const far = [...g.byEnd.subarray(0, g.farCount[j]!)].includes(i);
        expect(near || far).toBe(true);
      });
    });
    // the solver's exact whole-day re-plan never loses weight on a satellite: its old plan is
    // one of the paths (and it offers only tasks no other satellite has)
    const sched = new Schedule(c, pre);
    const tIndex = new Map(c.tasks.map((t, i) => [t.id, i]));
    for (const a of [...r.solution.actions].sort((x, y) => x.startMs - y.startMs)) {
      const si = c.satellites.findIndex((x) => x.id === a.satelliteId);
      const task = tIndex.get(a.taskId)!;
      const k = (a.startMs - c.mission.horizonStartMs) / 1000 / pre.stepS;
      const at = sched.findStart({ sat: si, task, kMin: k, kMax: k });
      expect(at).not.toBeNull();
      sched.insert({ sat: si, task, kMin: k, kMax: k }, at!);
    }
    expect(sched.weight).toBeCloseTo(weight, 6);
    let gained = 0;
    c.satellites.forEach((_, si) => {
      const before = sched.weight;
      const q = sched.seqs[si]!;
      while (q.length) sched.removeAt(si, q.length - 1);
      const g = buildSatelliteGraph(c, pre, si, -1e-6);
      replanWhole(sched, g, si, (t) => c.tasks[t]!.weight);
      expect(sched.weight).toBeGreaterThanOrEqual(before - 1e-9);
      gained += sched.weight - before;
    });
    expect(checkAeossp(c, { actions: toActions(c, sched) }).valid).toBe(true);
    expect(gained).toBeGreaterThanOrEqual(0);

    // On stretches short enough for the state-level window DP to be exact (no thinning), the
    // graph's windowed DP finds the same weight.
    const rand = rng(5);
    const copy = (from: Schedule): Schedule => {
      const to = new Schedule(c, pre);
      from.seqs.forEach((q, si) => (to.seqs[si] = q.map((o) => ({ ...o }))));
      to.assigned.set(from.assigned);
      to.weight = from.weight;
      to.count = from.count;
      return to;
    };
    let compared = 0;
    for (let trial = 0; trial < 30; trial++) {
      const si = Math.floor(rand() * c.satellites.length);
      const q = sched.seqs[si]!;
      if (q.length < 3) continue;
      const mid = q[Math.floor(rand() * q.length)]!.k;
      const lo = mid - 20 - Math.floor(rand() * 40);
      const hi = mid + 20 + Math.floor(rand() * 40);
      const runs = [copy(sched), copy(sched)].map((x, variant) => {
        const seq = x.seqs[si]!;
        for (let p = Schedule.lowerBound(seq, lo); p < seq.length && seq[p]!.k <= hi;)
          x.removeAt(si, p);
        const pos = Schedule.lowerBound(seq, lo);
        const opps = pre.bySat[si]!.filter((o) => x.assigned[o.task]! < 0);
        if (variant === 0) replanWindow(x, si, pos, opps, (t) => c.tasks[t]!.weight);
        else
          replanWindowExact(
            x,
            buildSatelliteGraph(c, pre, si, -1e-6),
            si,
            pos,
            opps.map((o) => o.task),
            (t) => c.tasks[t]!.weight,
          );
        return x.weight;
      });
      expect(runs[1]).toBeCloseTo(runs[0]!, 9);
      expect(runs[1]).toBeGreaterThanOrEqual(sched.weight - 1e-9); // the old content is a path
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    const b = lagrangianBound(c, { target: weight + gained, iterations: 60 });
    expect(b.bound).toBeGreaterThanOrEqual(weight + gained);
    expect(b.bound).toBeLessThanOrEqual(b.firstBound);
    // not the trivial bound: the conflicts inside passes cost weight
    expect(b.bound).toBeLessThan(0.95 * b.reachableWeight);
  }, 120_000);

  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith('_valid')))(
    'fixture %s: the bound is at least the valid solution’s weight',
    (name) => {
      const fc = loadAeosspCase(join(FIXTURES, name));
      const weight = planWeight(fc, loadAeosspSolution(join(FIXTURES, name, 'solution.json')));
      const b = lagrangianBound(fc, { target: weight, iterations: 20 });
      expect(b.bound).toBeGreaterThanOrEqual(weight - 1e-9);
    },
  );
});
