/**
 * The records the store hands to its callers (camelCase, instants in UTC ms, JSON parsed). The
 * vocabulary (roles, nations, statuses) is defined here because the store filters on it; the
 * server's HTTP schemas are built from these constants.
 */

/** Nations of the alliance, and the joint centre. */
export const NATIONS = ['ML', 'BF', 'NE', 'AES'] as const;
export type Nation = (typeof NATIONS)[number];

export const ROLES = ['admin', 'operator', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** `nation`: only the owner nation's users see the item; `alliance`: every user does. */
export const RELEASABILITIES = ['nation', 'alliance'] as const;
export type Releasability = (typeof RELEASABILITIES)[number];

export const SENSOR_TYPES = ['optical', 'sar', 'any'] as const;
export type SensorType = (typeof SENSOR_TYPES)[number];

export const REQUEST_STATUSES = [
  'draft',
  'submitted',
  'feasible',
  'infeasible',
  'planned',
  'acquired',
  'delivered',
  'cancelled',
  'failed',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const ACQUISITION_STATUSES = [
  'planned',
  'acquired',
  'delivered',
  'failed',
  'cancelled',
] as const;
export type AcquisitionStatus = (typeof ACQUISITION_STATUSES)[number];

/** Who is looking: the store returns only rows this viewer may see (row-level visibility). */
export interface Viewer {
  readonly nation: Nation;
}

/** A longitude/latitude bounding box, degrees. */
export interface BBox {
  readonly minLon: number;
  readonly minLat: number;
  readonly maxLon: number;
  readonly maxLat: number;
}

export interface UserRecord {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly nation: Nation;
  readonly disabled: boolean;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
}

export interface SessionRecord {
  readonly tokenHash: string;
  readonly id: string;
  readonly userId: string;
  readonly createdAtMs: number;
  readonly expiresAtMs: number;
  readonly revokedAtMs: number | null;
  readonly userAgent: string | null;
  readonly ip: string | null;
}

/** A GeoJSON geometry, kept as the parsed object. */
export type GeoJsonGeometry = { readonly type: string } & Record<string, unknown>;

export interface RequestRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly aoi: GeoJsonGeometry;
  readonly bbox: BBox;
  readonly priority: number;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly sensorType: SensorType;
  readonly releasability: Releasability;
  readonly ownerNation: Nation;
  readonly createdBy: string;
  readonly status: RequestStatus;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly version: number;
  /** Optional planning constraints (absent: none). */
  readonly constraints?: RequestConstraints | null;
}

/** What a request may add to the planner's defaults. */
export interface RequestConstraints {
  /** Largest off-nadir angle accepted, deg. */
  readonly maxOffNadirDeg?: number;
  /** Lowest sun elevation over the target accepted, deg. */
  readonly minSunElevationDeg?: number;
  /** Wanted again every `everyDays` days within the window. */
  readonly recurrence?: { readonly everyDays: number };
}

export interface RequestEventRecord {
  readonly id: number;
  readonly requestId: string;
  readonly fromStatus: RequestStatus | null;
  readonly toStatus: RequestStatus;
  readonly atMs: number;
  readonly userId: string | null;
  readonly reason: string | null;
}

export interface PlanRecord {
  readonly id: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly latestVersion: number;
}

export interface PlanVersionRecord {
  readonly planId: string;
  readonly version: number;
  readonly createdAtMs: number;
  readonly createdBy: string;
  readonly reason: string;
  readonly horizonStartMs: number;
  readonly horizonEndMs: number;
  readonly jobId: string | null;
  /** The planner's answer (JSON value), null or absent for versions made by hand. */
  readonly details?: unknown;
}

export interface AcquisitionRecord {
  readonly id: string;
  readonly planId: string;
  readonly planVersion: number;
  readonly requestId: string | null;
  readonly satelliteId: string;
  readonly sensorId: string | null;
  readonly startMs: number;
  readonly endMs: number;
  readonly status: AcquisitionStatus;
  readonly ownerNation: Nation | null;
  readonly releasability: Releasability;
  readonly updatedAtMs: number;
}

export interface AuditRecord {
  readonly seq: number;
  readonly atMs: number;
  readonly actorId: string | null;
  readonly actorName: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string;
  readonly nation: Nation | null;
  readonly details: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

export interface SatelliteRecord {
  readonly id: string;
  readonly catalogNumber: number;
  readonly name: string;
  readonly objectId: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly latestEpochMs: number | null;
}

export interface ElementSetRecord {
  readonly id: number;
  readonly satelliteId: string;
  readonly epochMs: number;
  readonly line1: string;
  readonly line2: string;
  readonly name: string;
  readonly source: string;
  readonly importedAtMs: number;
  readonly importedBy: string | null;
}

export interface StationRecord {
  readonly id: string;
  readonly name: string;
  readonly nation: Nation;
  readonly latDeg: number;
  readonly lonDeg: number;
  readonly altM: number;
  readonly minElevationDeg: number;
  readonly data: Record<string, unknown>;
}

export interface SensorRecord {
  readonly id: string;
  readonly satelliteId: string | null;
  readonly name: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export interface AoiRecord {
  readonly id: string;
  readonly name: string;
  readonly geometry: GeoJsonGeometry;
  readonly bbox: BBox;
  readonly ownerNation: Nation;
  readonly releasability: Releasability;
  readonly createdBy: string | null;
  readonly createdAtMs: number;
}

export interface JobRecord {
  readonly id: string;
  readonly type: string;
  readonly status: JobStatus;
  readonly params: unknown;
  readonly priority: number;
  readonly ownerNation: Nation;
  readonly releasability: Releasability;
  readonly createdBy: string;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly startedAtMs: number | null;
  readonly finishedAtMs: number | null;
  readonly runAfterMs: number;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lockedBy: string | null;
  readonly leaseUntilMs: number | null;
  readonly cancelRequested: boolean;
  readonly progress: number;
  readonly progressMessage: string | null;
  readonly checkpoint: unknown;
  readonly result: unknown;
  readonly error: { code: string; message: string } | null;
}

/** A page of a list: the items and the total number of visible matches. */
export interface Page<T> {
  readonly items: T[];
  readonly total: number;
}
