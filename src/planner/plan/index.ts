// Public names of the real planner (issue 4 part 3). See docs/planner.md.
export * from './types.js';
export { parseScenario } from './scenario.js';
export { scenarioSchema } from './scenario-schema.js';
export { planScenario, planScenarioAsync } from './plan.js';
export { generateScenario, type GeneratorInputs, type GeneratorOptions } from './generator.js';
export { cutStrips, cutFamilyStrips, sampleAoi, type AoiStrip } from './strips.js';
export { groundTrackHeadingDeg, trackFamilies, type TrackFamily } from './families.js';
export { PRIORITY_WEIGHT, EMERGENCY_FACTOR } from './model.js';
export { requestFeasibility, type FeasibilityDetails } from './feasibility.js';
export { repairPlan } from './repair.js';
export { verifyPlan, type PlanViolation } from '../verify-plan/index.js';
