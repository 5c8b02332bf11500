/**
 * repairPlan: inserts urgent requests into an existing plan, keeping as much of it as possible.
 * The current acquisitions are loaded as they are; each strip of each urgent request then takes
 * the option that displaces the least value (removing, one at a time, the time neighbour too
 * close for the slew or the cheapest acquisition of a full orbit or recorder segment); the
 * displaced strips are re-placed elsewhere when they fit, then free time is filled greedily
 * (which never removes anything). Displaced = acquisitions of the current plan whose strip is no
 * longer acquired at all.
 */
import { modelOf } from './cache.js';
import { computeBound } from './bound.js';
import type { PlanModel } from './model.js';
import { Objective, targetShares } from './objective.js';
import { buildPlan, demandPerNation } from './output.js';
import { Search } from './search.js';
import type { Plan, Scenario } from './types.js';

/** Loads the acquisitions of `p` that match options of the model (strip, satellite, start ±1 s). */
function loadPlan(m: PlanModel, search: Search, p: Plan): void {
  const byKey = new Map<string, number[]>();
  for (let o = 0; o < m.optionCount; o++) {
    const k = `${m.items[m.optItem[o]!]!.stripId}@${m.sats[m.optSat[o]!]!.id}`;
    const l = byKey.get(k) ?? [];
    l.push(o);
    byKey.set(k, l);
  }
  for (const a of p.acquisitions) {
    const t = Date.parse(a.start);
    const o = (byKey.get(`${a.stripId}@${a.satelliteId}`) ?? []).find(
      (x) => Math.abs(m.optStart[x]! - t) <= 1000,
    );
    if (o !== undefined && search.st.canInsert(o)) search.st.insert(o);
  }
}

/**
 * @param urgentRequestIds requests of `s` to insert first (unknown ids are ignored).
 * @param o.timeLimitMs time for the final search that rearranges only the added acquisitions
 *   (default 500 ms).
 * @example const repaired = repairPlan(scenario, plan, ['flood-1']); repaired.displaced
 */
export function repairPlan(
  s: Scenario,
  current: Plan,
  urgentRequestIds: readonly string[],
  o: { timeLimitMs?: number } = {},
): Plan {
  const m = modelOf(s);
  const obj = new Objective('none', targetShares(s), demandPerNation(m));
  const search = new Search(m, obj, 1);
  const st = search.st;
  loadPlan(m, search, current);
  const keptItems = new Set<number>();
  const urgent = new Set(urgentRequestIds);
  const urgentItems: number[] = [];
  m.items.forEach((it, i) => {
    if (urgent.has(m.requests[it.request]!.id)) urgentItems.push(i);
  });
  urgentItems.sort((a, b) => m.items[b]!.gain - m.items[a]!.gain);
  for (const i of urgentItems) search.pinned[i] = 1;
  const displacedOpts: number[] = [];
  for (const i of urgentItems) {
    // a strip whose cells strips of another family already cover adds nothing
    if (st.itemSel[i]! >= 0 || st.marginal(i) <= 1e-12) continue;
    let best: { o: number; cost: number } | null = null;
    for (let k = m.itemOptStart[i]!; k < m.itemOptStart[i + 1]!; k++) {
      const opt = m.itemOpt[k]!;
      const removed: number[] = [];
      let ok = true;
      const before = st.value;
      for (let guard = 0; guard < 50; guard++) {
        const b = st.firstBlocker(opt, search.pinned);
        if (b === -1) break;
        if (b === -2) {
          ok = false;
          break;
        }
        st.remove(b);
        removed.push(b);
      }
      ok &&= st.fits(opt);
      const cost = before - st.value;
      for (const x of removed) st.insert(x);
      if (ok && (!best || cost < best.cost)) best = { o: opt, cost };
      if (best && best.cost === 0) break;
    }
    if (!best) continue;
    for (let guard = 0; guard < 50; guard++) {
      const b = st.firstBlocker(best.o, search.pinned);
      if (b < 0) break;
      st.remove(b);
      displacedOpts.push(b);
    }
    st.insert(best.o);
  }
  // re-place displaced strips elsewhere, then fill free time
  for (const x of displacedOpts) {
    const i = m.optItem[x]!;
    if (st.itemSel[i]! >= 0 || st.marginal(i) <= 1e-12) continue;
    for (let k = m.itemOptStart[i]!; k < m.itemOptStart[i + 1]!; k++) {
      const opt = m.itemOpt[k]!;
      if (opt !== x && st.canInsert(opt)) {
        st.insert(opt);
        break;
      }
    }
  }
  for (let i = 0; i < m.items.length; i++) if (st.itemSel[i]! >= 0) keptItems.add(i);
  for (const x of displacedOpts) search.blocked[x] = 1;
  search.greedy();
  // a short search that may only rearrange what was added: everything kept from the current
  // plan and the urgent strips are pinned, so nothing more is displaced
  for (const i of keptItems) search.pinned[i] = 1;
  const now = (): number => performance.now();
  search.run(now, now() + (o.timeLimitMs ?? 500));
  const plan = buildPlan(
    m,
    st,
    new Objective(s.fairness ?? 'leximin', obj.targets, demandPerNation(m)),
    computeBound(m, st.value, 300),
  );
  const kept = new Set(plan.acquisitions.map((a) => a.stripId));
  const displaced = current.acquisitions
    .filter((a) => !kept.has(a.stripId))
    .map((a) => ({ requestId: a.requestId, acquisitionId: a.id }));
  return { ...plan, displaced };
}
