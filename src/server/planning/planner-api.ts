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

/**
 * Feasibility when the library does not provide it yet: the planner on the request alone (no
 * competition), with a short budget. Earliest acquisition = the earliest one it planned.
 */
function feasibilityByPlanning(s: Scenario, requestId: string): FeasibilityResult {
  const one = { ...s, requests: s.requests.filter((r) => r.id === requestId) };
  const p = planner.planScenario(one, { timeLimitMs: 1000, seed: 1 });
  const o = p.requests.find((r) => r.requestId === requestId);
  const first = p.acquisitions
    .filter((a) => a.requestId === requestId)
    .sort((a, b) => a.start.localeCompare(b.start))[0];
  const downlink = first
    ? p.downlinks
        .filter((d) => d.acquisitionIds.includes(first.id))
        .sort((a, b) => a.end.localeCompare(b.end))[0]
    : undefined;
  return {
    feasible: !!o && o.status !== 'unplanned',
    earliestAcquisition: first
      ? { satelliteId: first.satelliteId, start: first.start, offNadirDeg: first.offNadirDeg }
      : null,
    earliestDelivery:
      downlink && o?.deliveryAt ? { stationId: downlink.stationId, at: o.deliveryAt } : null,
    limits: o?.reason ? [o.reason] : [],
  };
}

/**
 * Repair when the library does not provide it yet: a new plan with the urgent requests flagged
 * (the planner weighs emergencies above all), and `displaced` = the current plan's acquisitions
 * (by request and strip) that the new one no longer has.
 */
function repairByReplanning(
  s: Scenario,
  current: Plan,
  urgentRequestIds: string[],
  o: { timeLimitMs?: number } = {},
): Plan {
  const urgent = new Set(urgentRequestIds);
  const flagged = {
    ...s,
    requests: s.requests.map((r) => (urgent.has(r.id) ? { ...r, emergency: true } : r)),
  };
  const p = planner.planScenario(flagged, { timeLimitMs: o.timeLimitMs ?? 3000, seed: 1 });
  const kept = new Set(p.acquisitions.map((a) => `${a.requestId} ${a.stripId}`));
  const displaced = current.acquisitions
    .filter((a) => !kept.has(`${a.requestId} ${a.stripId}`))
    .map((a) => ({ requestId: a.requestId, acquisitionId: a.id }));
  return { ...p, displaced };
}

function contractFunction<F>(name: string, fallback: F): F {
  const f = (planner as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as F) : fallback;
}

export const repairPlan = contractFunction<RepairPlan>('repairPlan', repairByReplanning);
export const requestFeasibility = contractFunction<RequestFeasibility>(
  'requestFeasibility',
  feasibilityByPlanning,
);
