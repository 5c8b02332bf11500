/**
 * Gain classes: SPOT5 weights (1, 2, 5 vs 1000, 2000) and the real planner's request priorities
 * are classes orders of magnitude apart, which the solvers treat in stages.
 */
import type { SelectionProblem } from './problem.js';

/**
 * Items of the top gain class, when gains form classes at least a factor 10 apart and the top
 * class is a proper subset; null otherwise.
 */
export function topClassItems(p: SelectionProblem): number[] | null {
  const gains = [...new Set(p.gain)].sort((a, b) => b - a);
  let threshold = -1;
  for (let k = 0; k + 1 < gains.length; k++) {
    if (gains[k + 1]! * 10 <= gains[k]!) {
      threshold = gains[k]!;
      break;
    }
  }
  if (threshold < 0) return null;
  const items: number[] = [];
  for (let i = 0; i < p.itemCount; i++) {
    let g = 0;
    for (let o = p.optionStart[i]!; o < p.optionStart[i + 1]!; o++) g = Math.max(g, p.gain[o]!);
    if (g >= threshold) items.push(i);
  }
  return items.length > 0 && items.length < p.itemCount ? items : null;
}
