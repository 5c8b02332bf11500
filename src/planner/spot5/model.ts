/**
 * SPOT5 instance → generic selection problem: photo = item, each value of its domain = option
 * (gain = photo weight), each forbidden pair of values = a conflict, each forbidden triple = a
 * tuple, the recorder = one resource.
 */
import {
  buildSelectionProblem,
  type Selection,
  type SelectionProblem,
} from '../selection/problem.js';
import type { Spot5Instance, Spot5Value } from './instance.js';

/** A SPOT5 instance with its selection problem and the option ↔ (photo, value) maps. */
export interface Spot5Model {
  readonly instance: Spot5Instance;
  readonly problem: SelectionProblem;
  /** Camera value of each global option. */
  readonly optionValue: readonly Spot5Value[];
}

/** Builds the selection problem of a SPOT5 instance. */
export function toSelectionProblem(instance: Spot5Instance): Spot5Model {
  const itemGains = instance.photos.map((ph) => ph.options.map(() => ph.weight));
  const first: number[] = [];
  const optionValue: Spot5Value[] = [];
  const uses: number[] = [];
  for (const ph of instance.photos) {
    first.push(optionValue.length);
    for (const o of ph.options) {
      optionValue.push(o.value);
      uses.push(o.consumption);
    }
  }
  const optionOf = (photo: number, value: Spot5Value): number => {
    const ph = instance.photos[photo]!;
    const j = ph.options.findIndex((o) => o.value === value);
    if (j < 0) throw new RangeError(`photo ${photo} has no value ${value}`);
    return first[photo]! + j;
  };
  const conflicts: [number, number][] = [];
  const tuples: number[][] = [];
  for (const c of instance.constraints) {
    for (const t of c.forbidden) {
      const opts = c.vars.map((v, a) => optionOf(v, t[a]!));
      if (opts.length === 2) conflicts.push([opts[0]!, opts[1]!]);
      else tuples.push(opts);
    }
  }
  const problem = buildSelectionProblem({
    itemGains,
    conflicts,
    tuples,
    ...(instance.capacity !== null ? { resources: [{ capacity: instance.capacity, uses }] } : {}),
  });
  return { instance, problem, optionValue };
}

/** Converts a selection to the SPOT5 answer: photo id → camera value, selected photos only. */
export function selectionToSpot5(model: Spot5Model, s: Selection): Record<string, Spot5Value> {
  const out: Record<string, Spot5Value> = {};
  for (let i = 0; i < s.length; i++) if (s[i]! >= 0) out[String(i)] = model.optionValue[s[i]!]!;
  return out;
}
