/**
 * The server's answers as the panels read them (docs/server.md, API-CONTRACTS.md §2, §4, §6).
 * Instants are ISO 8601 UTC strings.
 */
import type { FeatureCollection, Geometry } from 'geojson';

export type Nation = 'ML' | 'BF' | 'NE' | 'AES';
export type Releasability = 'nation' | 'alliance';
export type SensorType = 'optical' | 'sar' | 'any';
export type RequestStatus =
  | 'draft'
  | 'submitted'
  | 'feasible'
  | 'infeasible'
  | 'planned'
  | 'acquired'
  | 'delivered'
  | 'cancelled'
  | 'failed';
export const REQUEST_STATUSES: readonly RequestStatus[] = [
  'draft',
  'submitted',
  'feasible',
  'infeasible',
  'planned',
  'acquired',
  'delivered',
  'cancelled',
  'failed',
];
export const NATIONS: readonly Nation[] = ['ML', 'BF', 'NE', 'AES'];

export interface List<T> {
  items: T[];
  total: number;
}

export interface Station {
  id: string;
  name: string;
  nation: Nation;
  latitudeDeg: number;
  longitudeDeg: number;
  altitudeM: number;
  minElevationDeg: number;
}

export interface Pass {
  stationId: string;
  satelliteId: string;
  catalogNumber: number;
  satelliteName: string;
  aos: string;
  tca: string;
  los: string;
  maxElevationDeg: number;
  aosAzimuthDeg: number;
  losAzimuthDeg: number;
  durationS: number;
  flags: string[];
}
export interface PassesAnswer {
  station: string;
  start: string;
  end: string;
  passes: Pass[];
}

export interface SatelliteDetail {
  id: string;
  name: string;
  catalogNumber: number;
  elementSet: { line1: string; line2: string; epoch: string } | null;
}

export interface Aoi {
  id: string;
  name: string;
  geometry: Geometry;
  ownerNation: Nation;
  releasability: Releasability;
}

export interface RequestDto {
  id: string;
  title: string;
  description: string;
  aoi: Geometry;
  priority: number;
  window: { start: string; end: string };
  sensorType: SensorType;
  releasability: Releasability;
  ownerNation: Nation;
  status: RequestStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A reason the planner gives (code + message in the language asked). */
export interface FeasibilityReason {
  code: string;
  message: string;
}

export interface Feasibility {
  feasible: boolean;
  /** The verdict in one sentence, in the language asked. */
  summary: string;
  earliestAcquisition: { satelliteId: string; start: string; offNadirDeg: number } | null;
  earliestDelivery: { satelliteId: string; stationId: string; at: string } | null;
  /** Share of the area some opportunity covers, 0…1. */
  coverableFraction: number;
  /** Binding: why infeasible, or why part of the area or the delivery is out of reach. */
  reasons: FeasibilityReason[];
  /** Secondary detail: why some passes or strips of a satellite are excluded. */
  satelliteLimits: { satelliteId: string; reasons: FeasibilityReason[] }[];
  opportunities?: unknown[];
}

export interface PlanDto {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  latestVersion: number;
}
export interface Acquisition {
  id: string;
  planId: string;
  planVersion: number;
  requestId: string | null;
  satelliteId: string;
  sensorId: string | null;
  start: string;
  end: string;
  status: string;
  ownerNation: Nation | null;
}
export interface PlanDetails {
  downlinks: Array<{
    satelliteId: string;
    stationId: string;
    start: string;
    end: string;
    volumeGb: number;
    acquisitionIds: string[];
  }>;
  requests: Array<{
    requestId: string;
    status: string;
    fraction: number;
    acquisitionAt: string | null;
    deliveryAt: string | null;
    reason: string | null;
  }>;
  nations: Record<
    string,
    { entitlement: number; value: number; share: number; satisfaction: number }
  >;
  value: number;
  bound: number | null;
  displaced?: Array<{ requestId: string; acquisitionId: string }>;
}
export interface PlanVersionDetail extends PlanDto {
  version: {
    version: number;
    createdAt: string;
    createdBy: string;
    reason: string;
    horizon: { start: string; end: string };
    jobId: string | null;
    details?: PlanDetails | null;
  };
  acquisitions: Acquisition[];
  /** Some servers put `details` beside `version`. */
  details?: PlanDetails | null;
}

export interface ZonalStats {
  totalAreaKm2: number;
  regions: Array<{
    regionId: string;
    name: string;
    nation: string;
    areaKm2: number;
    regionAreaKm2: number;
    share: number;
    previousAreaKm2: number | null;
  }>;
  aois: Array<{ aoiId: string; name: string; areaKm2: number; share: number }>;
  towns: Array<{
    name: string;
    nation: string;
    population: number;
    latitudeDeg: number;
    longitudeDeg: number;
    distanceKm: number;
    inside: boolean;
  }>;
}
export interface ProductDto {
  id: string;
  type: 'flood' | 'change';
  title: string;
  createdAt: string;
  createdBy: string;
  acquiredAt: string;
  ownerNation: Nation;
  releasability: Releasability;
  bbox: [number, number, number, number];
  areaKm2: number;
  stacItemId?: string | null;
  stats: ZonalStats;
}
export type ProductGeometry = FeatureCollection;

export interface LangText {
  en: string;
  fr: string;
}
export interface AlertDto {
  id: string;
  sentAt: string;
  identifier: string;
  status: 'Actual' | 'Exercise' | 'Test';
  msgType: 'Alert' | 'Update' | 'Cancel';
  severity: string;
  urgency: string;
  certainty: string;
  event: LangText;
  headline: LangText;
  description: LangText;
  area: {
    description: LangText;
    bbox: [number, number, number, number] | null;
    geometry: Geometry | null;
  };
  ruleId: string | null;
  productId: string | null;
  requestId: string | null;
  ownerNation: Nation;
  releasability: Releasability;
}

/** `[...]` or `{items: [...]}`: the older list routes answer arrays, the newer ones pages. */
export function itemsOf<T>(x: T[] | List<T> | null | undefined): T[] {
  if (!x) return [];
  return Array.isArray(x) ? x : x.items;
}
