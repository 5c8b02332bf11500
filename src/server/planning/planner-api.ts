/**
 * The planner library as the server uses it (API-CONTRACTS.md §5). One import point, so the
 * server follows the library's changes in one place.
 */
export type {
  Plan,
  Scenario,
  ScenarioRequest,
  ScenarioSatellite,
  ScenarioStation,
  PlannedAcquisition,
  PlannedDownlink,
  PlanRequestOutcome as RequestOutcome,
  PlanNationOutcome as NationOutcome,
  RequestFeasibilityResult as FeasibilityResult,
  FeasibilityLimitCode,
} from '../../planner/index.js';
export {
  planScenario,
  parseScenario,
  repairPlan,
  requestFeasibility,
  verifyPlan,
} from '../../planner/index.js';
