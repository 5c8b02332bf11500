/**
 * Building the planner's scenario from the store: imaging satellites (newest element set, the
 * sensor and limits of their platform), the ground stations, the nations' entitlements and
 * carried balance (settings), and the requests to plan.
 *
 * Visibility: planning is an operation for the whole alliance, run by operators. The planner sees
 * every request in `submitted`, `feasible` or `planned` whatever its releasability (it must, to
 * share the satellites fairly); what comes out is filtered per caller like every other item
 * (acquisitions carry their request's releasability, plan details are filtered by nation).
 */
import type { SensorEntry } from '../../io/sensors.js';
import type { Platform } from '../../io/platforms.js';
import type {
  ElementSetRecord,
  Nation,
  Releasability,
  RequestRecord,
  RequestStatus,
  StationRecord,
} from '../../store/index.js';
import { formatIsoUtc } from '../../core/time.js';
import type { Scenario, ScenarioRequest, ScenarioSatellite } from './planner-api.js';

/** Statuses the planner takes in. */
export const PLANNABLE: readonly RequestStatus[] = ['submitted', 'feasible', 'planned'];

export type Fairness = 'leximin' | 'quotas' | 'none';

/** The planning settings (admins change them with PUT /settings). */
export interface PlanningSettings {
  readonly entitlements: Readonly<Record<'ML' | 'BF' | 'NE', number>>;
  readonly fairness: Fairness;
  /** Balance carried from earlier plans (positive: the nation is owed). */
  readonly balance: Readonly<Partial<Record<'ML' | 'BF' | 'NE', number>>>;
}

export const DEFAULT_ENTITLEMENTS = { ML: 1 / 3, BF: 1 / 3, NE: 1 / 3 } as const;

/** What the server remembers of each request it hands to the planner. */
export interface RequestMeta {
  readonly ownerNation: Nation;
  readonly releasability: Releasability;
  readonly status: RequestStatus;
}

export interface ScenarioInput {
  readonly startMs: number;
  readonly horizonH: number;
  readonly elementSets: readonly ElementSetRecord[];
  readonly platforms: readonly Platform[];
  readonly sensors: readonly SensorEntry[];
  readonly stations: readonly StationRecord[];
  readonly requests: readonly RequestRecord[];
  readonly settings: PlanningSettings;
  /** Restrict to these satellites (ids already checked). */
  readonly satelliteIds?: readonly string[];
}

/** A stored request as the planner's request. */
export function scenarioRequest(
  r: RequestRecord,
  extra: Pick<ScenarioRequest, 'maxOffNadirDeg' | 'minSunElevationDeg' | 'emergency'> = {},
): ScenarioRequest {
  return {
    id: r.id,
    nation: r.ownerNation,
    priority: Math.min(5, Math.max(1, Math.round(r.priority))) as 1 | 2 | 3 | 4 | 5,
    aoi: r.aoi as unknown as GeoJSON.Geometry,
    window: { start: formatIsoUtc(r.windowStartMs), end: formatIsoUtc(r.windowEndMs) },
    sensorType: r.sensorType,
    ...(r.constraints?.maxOffNadirDeg !== undefined
      ? { maxOffNadirDeg: r.constraints.maxOffNadirDeg }
      : {}),
    ...(r.constraints?.minSunElevationDeg !== undefined
      ? { minSunElevationDeg: r.constraints.minSunElevationDeg }
      : {}),
    ...(r.constraints?.recurrence ? { recurrence: { ...r.constraints.recurrence } } : {}),
    ...extra,
  };
}

/** Imaging satellites the store can plan: those with an element set and a platform. */
export function plannableSatellites(
  elementSets: readonly ElementSetRecord[],
  platforms: readonly Platform[],
  sensors: readonly SensorEntry[],
): ScenarioSatellite[] {
  const byId = new Map(platforms.map((p) => [p.satelliteId, p]));
  const sensorById = new Map(sensors.map((s) => [s.id, s]));
  const out: ScenarioSatellite[] = [];
  for (const e of elementSets) {
    const p = byId.get(e.satelliteId);
    if (!p) continue;
    const sensor = sensorById.get(p.sensor);
    if (!sensor) continue;
    const { source: _source, ...spec } = sensor;
    out.push({
      id: e.satelliteId,
      name: e.name,
      tle: [e.line1, e.line2],
      sensor: spec,
      agility: p.agility,
      memoryGb: p.memoryGb,
      downlinkRateMbps: p.downlinkRateMbps,
      dataRateMbps: p.dataRateMbps,
      maxImagingSPerOrbit: p.maxImagingSPerOrbit,
    });
  }
  return out;
}

/**
 * The scenario, and what the server keeps of each request (owner, releasability, status).
 * Requests whose window ends before the horizon starts or starts after it ends are left out.
 */
export function buildScenario(i: ScenarioInput): {
  scenario: Scenario;
  meta: Map<string, RequestMeta>;
} {
  const endMs = i.startMs + i.horizonH * 3600_000;
  const only = i.satelliteIds ? new Set(i.satelliteIds) : null;
  const satellites = plannableSatellites(i.elementSets, i.platforms, i.sensors).filter(
    (s) => !only || only.has(s.id),
  );
  const meta = new Map<string, RequestMeta>();
  const requests: ScenarioRequest[] = [];
  for (const r of i.requests) {
    if (!PLANNABLE.includes(r.status)) continue;
    if (r.windowEndMs <= i.startMs || r.windowStartMs >= endMs) continue;
    requests.push(scenarioRequest(r));
    meta.set(r.id, {
      ownerNation: r.ownerNation,
      releasability: r.releasability,
      status: r.status,
    });
  }
  const scenario: Scenario = {
    version: 1,
    start: formatIsoUtc(i.startMs),
    horizonH: i.horizonH,
    satellites,
    stations: i.stations.map((s) => ({
      id: s.id,
      name: s.name,
      latitudeDeg: s.latDeg,
      longitudeDeg: s.lonDeg,
      altitudeM: s.altM,
      minElevationDeg: s.minElevationDeg,
    })),
    nations: {
      ML: { entitlement: i.settings.entitlements.ML },
      BF: { entitlement: i.settings.entitlements.BF },
      NE: { entitlement: i.settings.entitlements.NE },
    },
    balance: i.settings.balance,
    fairness: i.settings.fairness,
    requests,
  };
  return { scenario, meta };
}
