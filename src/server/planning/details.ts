/**
 * A planner-made plan version keeps the planner's answer in `details` (JSON): the acquisitions'
 * planner fields (strip, angles, volume), downlinks, each request's outcome, per-nation
 * satisfaction, value and bound, and for repairs what was displaced. Every entry that names a
 * request carries that request's owner and releasability, so a caller is shown only the entries
 * of requests they may see (the same rule as acquisitions); per-nation figures are shown to all.
 */
import { formatIsoUtc } from '../../core/time.js';
import type { AcquisitionRecord, Nation, Releasability, Viewer } from '../../store/index.js';
import type { NationOutcome, Plan, RequestOutcome } from './planner-api.js';
import type { RequestMeta } from './scenario.js';

export interface Owned {
  readonly ownerNation: Nation;
  readonly releasability: Releasability;
}

export interface StoredAcquisitionDetails extends Owned {
  /** Id of the stored acquisition (the planner's id is replaced by it). */
  readonly id: string;
  readonly requestId: string;
  readonly stripId: string;
  readonly offNadirDeg: number;
  readonly rollDeg: number;
  readonly pitchDeg: number;
  readonly volumeGb: number;
  readonly fraction: number;
}

export interface StoredPlanDetails {
  readonly start: string;
  readonly end: string;
  readonly value: number;
  readonly bound: number | null;
  readonly fairness: string | null;
  readonly acquisitions: readonly StoredAcquisitionDetails[];
  readonly downlinks: ReadonlyArray<{
    readonly satelliteId: string;
    readonly stationId: string;
    readonly start: string;
    readonly end: string;
    readonly volumeGb: number;
    readonly acquisitionIds: readonly string[];
  }>;
  readonly requests: ReadonlyArray<RequestOutcome & Owned>;
  readonly nations: Readonly<Record<string, NationOutcome>>;
  readonly displaced?: ReadonlyArray<
    { readonly requestId: string; readonly acquisitionId: string } & Owned
  >;
  /** Requests this version moved (for the live events; never shown as such). */
  readonly moved?: ReadonlyArray<{
    readonly requestId: string;
    readonly from: string;
    readonly to: string;
  }>;
}

const SYSTEM: Owned = { ownerNation: 'AES', releasability: 'alliance' };

/**
 * The stored form of a plan. `ids` maps the planner's acquisition ids to stored ids (new ones);
 * `displacedIds` maps the displaced planner ids to the stored ids of the version repaired.
 */
export function toStoredDetails(
  plan: Plan,
  ids: ReadonlyMap<string, string>,
  meta: ReadonlyMap<string, RequestMeta>,
  fairness: string | null,
  displacedIds: ReadonlyMap<string, string> = new Map(),
): StoredPlanDetails {
  const owned = (requestId: string): Owned => {
    const m = meta.get(requestId);
    return m ? { ownerNation: m.ownerNation, releasability: m.releasability } : SYSTEM;
  };
  return {
    start: plan.start,
    end: plan.end,
    value: plan.value,
    bound: plan.bound,
    fairness,
    acquisitions: plan.acquisitions.map((a) => ({
      id: ids.get(a.id) ?? a.id,
      requestId: a.requestId,
      stripId: a.stripId,
      offNadirDeg: a.offNadirDeg,
      rollDeg: a.rollDeg,
      pitchDeg: a.pitchDeg,
      volumeGb: a.volumeGb,
      fraction: a.fraction,
      ...owned(a.requestId),
    })),
    downlinks: plan.downlinks.map((d) => ({
      satelliteId: d.satelliteId,
      stationId: d.stationId,
      start: d.start,
      end: d.end,
      volumeGb: d.volumeGb,
      acquisitionIds: d.acquisitionIds.map((x) => ids.get(x) ?? x),
    })),
    requests: plan.requests.map((r) => ({ ...r, ...owned(r.requestId) })),
    nations: plan.nations,
    ...(plan.displaced
      ? {
          displaced: plan.displaced.map((d) => ({
            requestId: d.requestId,
            acquisitionId: displacedIds.get(d.acquisitionId) ?? d.acquisitionId,
            ...owned(d.requestId),
          })),
        }
      : {}),
  };
}

const sees = (v: Viewer, o: Owned) => o.releasability === 'alliance' || o.ownerNation === v.nation;
const bare = <T extends Owned>(x: T): Omit<T, 'ownerNation' | 'releasability'> => {
  const { ownerNation: _o, releasability: _r, ...rest } = x;
  return rest;
};

/** What one caller may see of a version's details (null for versions made by hand). */
export function detailsFor(d: unknown, viewer: Viewer) {
  if (d === null || d === undefined) return null;
  const s = d as StoredPlanDetails;
  const visibleAcq = new Set(s.acquisitions.filter((a) => sees(viewer, a)).map((a) => a.id));
  return {
    value: s.value,
    bound: s.bound,
    fairness: s.fairness,
    nations: s.nations,
    acquisitions: s.acquisitions.filter((a) => sees(viewer, a)).map(bare),
    downlinks: s.downlinks.map((x) => ({
      ...x,
      acquisitionIds: x.acquisitionIds.filter((id) => visibleAcq.has(id)),
    })),
    requests: s.requests.filter((r) => sees(viewer, r)).map(bare),
    ...(s.displaced ? { displaced: s.displaced.filter((x) => sees(viewer, x)).map(bare) } : {}),
  };
}

/**
 * The planner's plan back from a stored version (for repairs): stored acquisitions joined with
 * their planner fields; acquisitions no longer planned (failed, cancelled) are left out.
 */
export function planFromStored(
  d: StoredPlanDetails,
  acquisitions: readonly AcquisitionRecord[],
): Plan {
  const byId = new Map(d.acquisitions.map((a) => [a.id, a]));
  const kept = acquisitions.filter(
    (a) => (a.status === 'planned' || a.status === 'acquired') && byId.has(a.id),
  );
  const keptIds = new Set(kept.map((a) => a.id));
  return {
    start: d.start,
    end: d.end,
    value: d.value,
    bound: d.bound,
    acquisitions: kept.map((a) => {
      const x = byId.get(a.id)!;
      return {
        id: a.id,
        satelliteId: a.satelliteId,
        requestId: x.requestId,
        stripId: x.stripId,
        start: formatIsoUtc(a.startMs),
        end: formatIsoUtc(a.endMs),
        offNadirDeg: x.offNadirDeg,
        rollDeg: x.rollDeg,
        pitchDeg: x.pitchDeg,
        volumeGb: x.volumeGb,
        fraction: x.fraction,
      };
    }),
    downlinks: d.downlinks.map((x) => ({
      ...x,
      acquisitionIds: x.acquisitionIds.filter((id) => keptIds.has(id)),
    })),
    requests: d.requests.map(bare),
    nations: d.nations,
  };
}
