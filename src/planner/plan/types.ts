/**
 * The planner's data: a scenario (what is asked and what the satellites can do) and a plan
 * (what they will do). Both are plain JSON values; instants are ISO 8601 UTC strings, data
 * volumes in gigabits (Gb = 10⁹ bits), rates in megabits per second, angles in degrees.
 * The format is documented by data/schemas/scenario.schema.json and docs/planner.md.
 */
import type { Sensor } from '../../access/sensor.js';

/** The three nations of the programme; `AES` requests belong to the alliance (shared equally). */
export type PlanNation = 'ML' | 'BF' | 'NE';
export type PlanRequestNation = PlanNation | 'AES';
export const PLAN_NATIONS: readonly PlanNation[] = ['ML', 'BF', 'NE'];

export interface ScenarioSatellite {
  readonly id: string;
  readonly name?: string;
  /** Two-line element set (lines 1 and 2, 69 columns each). */
  readonly tle: readonly [string, string];
  /** Imaging sensor (src/access/sensor.ts shape). */
  readonly sensor: Sensor;
  readonly agility: {
    readonly maxRollDeg: number;
    readonly maxPitchDeg: number;
    /** Rotation rate about the slew axis, deg/s. */
    readonly slewRateDegS: number;
    /** Time to stabilise after a slew, s. */
    readonly settlingS: number;
  };
  /** On-board recorder, Gb. */
  readonly memoryGb: number;
  /** Downlink rate to a station, Mbit/s. */
  readonly downlinkRateMbps: number;
  /** Data rate while imaging, Mbit/s. */
  readonly dataRateMbps: number;
  /** Longest total imaging time in one orbit (duty limit), s. */
  readonly maxImagingSPerOrbit: number;
}

export interface ScenarioStation {
  readonly id: string;
  readonly name: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeM: number;
  readonly minElevationDeg: number;
}

export type RequestSensorType = 'optical' | 'sar' | 'any';

export interface ScenarioRequest {
  readonly id: string;
  readonly nation: PlanRequestNation;
  /** 1 highest … 5 lowest. */
  readonly priority: 1 | 2 | 3 | 4 | 5;
  readonly aoi: GeoJSON.Geometry;
  readonly window: { readonly start: string; readonly end: string };
  readonly sensorType: RequestSensorType;
  readonly maxOffNadirDeg?: number;
  readonly minSunElevationDeg?: number;
  /** Wanted again every `everyDays` days within the window (one occurrence per period). */
  readonly recurrence?: { readonly everyDays: number };
  readonly emergency?: boolean;
  /** Restricts the request to these satellites (ids of `Scenario.satellites`; default all). */
  readonly satelliteIds?: readonly string[];
}

export type FairnessPolicy = 'leximin' | 'quotas' | 'none';

export interface Scenario {
  readonly version: 1;
  readonly start: string;
  /** Planning horizon, h (default 24, at most 168). */
  readonly horizonH: number;
  readonly satellites: readonly ScenarioSatellite[];
  readonly stations: readonly ScenarioStation[];
  readonly nations: Readonly<Record<PlanNation, { readonly entitlement: number }>>;
  /** Shortfall carried from earlier plans, as a share of value (positive: the nation is owed). */
  readonly balance?: Readonly<Partial<Record<PlanNation, number>>>;
  readonly fairness?: FairnessPolicy;
  readonly requests: readonly ScenarioRequest[];
}

export interface PlannedAcquisition {
  readonly id: string;
  readonly satelliteId: string;
  readonly requestId: string;
  /** `<requestId>#<occurrence>/<strip>`, see docs/planner.md. */
  readonly stripId: string;
  readonly start: string;
  readonly end: string;
  readonly offNadirDeg: number;
  readonly rollDeg: number;
  readonly pitchDeg: number;
  readonly volumeGb: number;
  /** Fraction of the request's area (of its occurrence) this strip holds. */
  readonly fraction: number;
}

export interface PlannedDownlink {
  readonly satelliteId: string;
  readonly stationId: string;
  readonly start: string;
  readonly end: string;
  readonly volumeGb: number;
  readonly acquisitionIds: readonly string[];
}

export interface PlanRequestOutcome {
  readonly requestId: string;
  readonly status: 'planned' | 'partial' | 'unplanned';
  /** Fraction of the area acquired (mean over occurrences for recurring requests). */
  readonly fraction: number;
  readonly acquisitionAt: string | null;
  readonly deliveryAt: string | null;
  /** Why not (or why only partly), in English; null when fully planned. */
  readonly reason: string | null;
}

export interface PlanNationOutcome {
  readonly entitlement: number;
  readonly value: number;
  /** value / total value of the plan. */
  readonly share: number;
  /** value / value of everything the nation asked for. */
  readonly satisfaction: number;
  /** share / target share (entitlement adjusted by the balance): 1 = got exactly its due. */
  readonly normalisedUtility: number;
  /** Balance to carry into the next plan: previous balance + target share − share. */
  readonly balance: number;
}

export interface Plan {
  readonly start: string;
  readonly end: string;
  readonly value: number;
  readonly bound: number | null;
  readonly acquisitions: readonly PlannedAcquisition[];
  readonly downlinks: readonly PlannedDownlink[];
  readonly requests: readonly PlanRequestOutcome[];
  readonly nations: Readonly<Record<string, PlanNationOutcome>>;
  readonly displaced?: readonly { readonly requestId: string; readonly acquisitionId: string }[];
}

export interface PlanOptions {
  /** Wall-clock budget, ms (default 10 000). The best plan found by then is returned. */
  readonly timeLimitMs?: number;
  /** Seed of the local search (default 1). */
  readonly seed?: number;
  /** Aborting returns the best plan found so far. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number, message: string) => void;
}

/** Stable codes of what limits a request (docs/planner.md, "Outcomes, repair, feasibility"). */
export type FeasibilityLimitCode =
  | 'outside-horizon'
  | 'no-satellite-of-type'
  | 'no-access'
  | 'off-nadir'
  | 'sun'
  | 'agility'
  | 'window-too-short'
  | 'too-large'
  | 'no-downlink';

export interface RequestFeasibilityResult {
  /** True when at least part of the area can be acquired in the window. */
  readonly feasible: boolean;
  /** The first opportunity: what sets the earliest acquisition. */
  readonly earliestAcquisition: {
    readonly satelliteId: string;
    readonly start: string;
    readonly offNadirDeg: number;
  } | null;
  /** The first delivery: the downlink (satellite, station) that ends first after an acquisition. */
  readonly earliestDelivery: {
    readonly satelliteId: string;
    readonly stationId: string;
    readonly at: string;
  } | null;
  /** Share of the area (mean over occurrences) some opportunity covers, 0…1. */
  readonly coverableFraction: number;
  /**
   * Binding reasons: why it is infeasible, or why part of the area (coverableFraction < 1) or
   * the delivery is out of reach. Empty when all of it can be acquired and delivered.
   */
  readonly reasons: readonly FeasibilityLimitCode[];
  /**
   * Secondary detail, per satellite: why some of its passes or strips are excluded. These do
   * not make the request infeasible when another opportunity exists.
   */
  readonly satelliteLimits: readonly {
    readonly satelliteId: string;
    readonly codes: readonly FeasibilityLimitCode[];
  }[];
  /** One English sentence: "feasible: …" or "infeasible because …". */
  readonly summary: string;
}

export interface PlanConstraintViolation {
  readonly constraint: string;
  readonly where: string;
  readonly message: string;
}

export interface PlanVerifyResult {
  readonly valid: boolean;
  readonly violations: readonly PlanConstraintViolation[];
}
