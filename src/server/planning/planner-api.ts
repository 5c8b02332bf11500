/**
 * The planner library as the server uses it (API-CONTRACTS.md §5). One import point, so the
 * server follows the library's changes in one place.
 */
import * as planner from '../../planner/index.js';
import type { FeasibilityResult, Plan, Scenario } from '../../planner/index.js';

export type {
  Plan,
  Scenario,
  ScenarioRequest,
  ScenarioSatellite,
  ScenarioStation,
  PlannedAcquisition,
  PlannedDownlink,
  RequestOutcome,
  NationOutcome,
  FeasibilityResult,
} from '../../planner/index.js';

export const { planScenario, parseScenario } = planner;

type RepairPlan = (
  s: Scenario,
  current: Plan,
  urgentRequestIds: string[],
  o?: { timeLimitMs?: number },
) => Plan;
type RequestFeasibility = (s: Scenario, requestId: string) => FeasibilityResult;

/** A contract function the planner library may not export yet: a clear error until it does. */
function contractFunction<F>(name: string): F {
  const f = (planner as Record<string, unknown>)[name];
  if (typeof f === 'function') return f as F;
  return ((..._args: unknown[]) => {
    throw new Error(`this build's planner library has no ${name} yet`);
  }) as F;
}

export const repairPlan = contractFunction<RepairPlan>('repairPlan');
export const requestFeasibility = contractFunction<RequestFeasibility>('requestFeasibility');
