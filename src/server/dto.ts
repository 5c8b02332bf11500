/** Store records → JSON shapes of the API (ISO instants, nested windows). */
import { formatIsoUtc } from '../core/time.js';
import type {
  AcquisitionRecord,
  AoiRecord,
  AuditRecord,
  ElementSetRecord,
  JobRecord,
  PlanRecord,
  PlanVersionRecord,
  RequestEventRecord,
  RequestRecord,
  SatelliteRecord,
  SensorRecord,
  SessionRecord,
  StationRecord,
  UserLayerRecord,
  UserRecord,
  Viewer,
} from '../store/index.js';
import { detailsFor } from './planning/details.js';

const iso = formatIsoUtc;
const isoOrNull = (t: number | null): string | null => (t === null ? null : iso(t));

export const userOut = (u: UserRecord) => ({
  id: u.id,
  username: u.username,
  role: u.role,
  nation: u.nation,
  disabled: u.disabled,
  createdAt: iso(u.createdAtMs),
  updatedAt: iso(u.updatedAtMs),
});

export const sessionOut = (s: SessionRecord, currentId: string) => ({
  id: s.id,
  createdAt: iso(s.createdAtMs),
  expiresAt: iso(s.expiresAtMs),
  userAgent: s.userAgent,
  ip: s.ip,
  current: s.id === currentId,
});

export const requestOut = (r: RequestRecord) => ({
  id: r.id,
  title: r.title,
  description: r.description,
  aoi: r.aoi as never,
  priority: r.priority,
  window: { start: iso(r.windowStartMs), end: iso(r.windowEndMs) },
  sensorType: r.sensorType,
  releasability: r.releasability,
  ownerNation: r.ownerNation,
  status: r.status,
  createdBy: r.createdBy,
  createdAt: iso(r.createdAtMs),
  updatedAt: iso(r.updatedAtMs),
  version: r.version,
  ...(r.constraints ?? {}),
});

export const requestEventOut = (e: RequestEventRecord) => ({
  from: e.fromStatus,
  to: e.toStatus,
  at: iso(e.atMs),
  by: e.userId,
  reason: e.reason,
});

export const planOut = (p: PlanRecord) => ({
  id: p.id,
  name: p.name,
  createdBy: p.createdBy,
  createdAt: iso(p.createdAtMs),
  updatedAt: iso(p.updatedAtMs),
  latestVersion: p.latestVersion,
});

/** A plan version; its planner details filtered to what `viewer` may see. */
export const planVersionOut = (v: PlanVersionRecord, viewer: Viewer) => ({
  version: v.version,
  createdAt: iso(v.createdAtMs),
  createdBy: v.createdBy,
  reason: v.reason,
  horizon: { start: iso(v.horizonStartMs), end: iso(v.horizonEndMs) },
  jobId: v.jobId,
  details: detailsFor(v.details, viewer),
});

export const acquisitionOut = (a: AcquisitionRecord) => ({
  id: a.id,
  planId: a.planId,
  planVersion: a.planVersion,
  requestId: a.requestId,
  satelliteId: a.satelliteId,
  sensorId: a.sensorId,
  start: iso(a.startMs),
  end: iso(a.endMs),
  status: a.status,
  ownerNation: a.ownerNation,
  releasability: a.releasability,
  updatedAt: iso(a.updatedAtMs),
});

export const satelliteOut = (s: SatelliteRecord) => ({
  id: s.id,
  catalogNumber: s.catalogNumber,
  name: s.name,
  objectId: s.objectId,
  latestEpoch: isoOrNull(s.latestEpochMs),
  updatedAt: iso(s.updatedAtMs),
});

export const elementSetOut = (e: ElementSetRecord) => ({
  epoch: iso(e.epochMs),
  line1: e.line1,
  line2: e.line2,
  name: e.name,
  source: e.source,
  importedAt: iso(e.importedAtMs),
  importedBy: e.importedBy,
});

export const stationOut = (s: StationRecord) => ({
  id: s.id,
  name: s.name,
  nation: s.nation,
  latitudeDeg: s.latDeg,
  longitudeDeg: s.lonDeg,
  altitudeM: s.altM,
  minElevationDeg: s.minElevationDeg,
});

export const sensorOut = (s: SensorRecord) => ({
  id: s.id,
  satelliteId: s.satelliteId,
  name: s.name,
  type: s.type,
  data: s.data,
});

export const aoiOut = (a: AoiRecord) => ({
  id: a.id,
  name: a.name,
  geometry: a.geometry as never,
  ownerNation: a.ownerNation,
  releasability: a.releasability,
  createdAt: iso(a.createdAtMs),
});

export const jobOut = (j: JobRecord) => ({
  id: j.id,
  type: j.type,
  status: j.status,
  params: j.params,
  progress: j.progress,
  progressMessage: j.progressMessage,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  cancelRequested: j.cancelRequested,
  ownerNation: j.ownerNation,
  releasability: j.releasability,
  createdBy: j.createdBy,
  createdAt: iso(j.createdAtMs),
  startedAt: isoOrNull(j.startedAtMs),
  finishedAt: isoOrNull(j.finishedAtMs),
  result: j.result,
  error: j.error,
});

export const auditOut = (a: AuditRecord) => ({
  seq: a.seq,
  at: iso(a.atMs),
  actorId: a.actorId,
  actorName: a.actorName,
  action: a.action,
  entityType: a.entityType,
  entityId: a.entityId,
  details: a.details,
  prevHash: a.prevHash,
  hash: a.hash,
});

export const userLayerOut = (l: UserLayerRecord) => ({
  id: l.id,
  name: l.name,
  colour: l.colour,
  sourceFormat: l.sourceFormat,
  sourceName: l.sourceName,
  featureCount: l.featureCount,
  positionCount: l.positionCount,
  geometryTypes: [...l.geometryTypes],
  bbox: l.bbox ? ([...l.bbox] as [number, number, number, number]) : null,
  simplified: l.displayPositionCount !== l.positionCount,
  displayPositionCount: l.displayPositionCount,
  ownerNation: l.ownerNation,
  releasability: l.releasability,
  createdBy: l.createdBy,
  createdAt: iso(l.createdAtMs),
  updatedAt: iso(l.updatedAtMs),
  version: l.version,
});
