// The independent plan verifier (shares no code with planner/plan).
export { verifyPlan, type PlanViolation } from './verify.js';
