/**
 * An upper bound on the total value (first version: every item that has at least one option).
 */
import type { PlanModel } from './model.js';

export function computeBound(m: PlanModel): number {
  let b = 0;
  m.items.forEach((it, i) => {
    if (m.itemOptStart[i + 1]! > m.itemOptStart[i]!) b += it.gain;
  });
  return b;
}
