/**
 * The planning model of a scenario object, built once: feasibility questions and emergency
 * repairs on the same scenario value reuse it (the geometry is the slow part).
 */
import { type PlanModel, buildModel } from './model.js';
import type { Scenario } from './types.js';

const models = new WeakMap<Scenario, PlanModel>();

export function modelOf(s: Scenario, onProgress?: (fraction: number) => void): PlanModel {
  let m = models.get(s);
  if (!m) {
    m = buildModel(s, onProgress);
    models.set(s, m);
  }
  return m;
}
