/**
 * Propagators for the stored satellites (from their newest element set), rebuilt when an
 * element set is added anywhere (the store's version number changes), and satellite positions
 * for the live socket.
 */
import { gmst1982 } from '../../core/earth-rotation.js';
import { temeToItrfPositionAt } from '../../core/frames.js';
import { itrfToGeodetic } from '../../core/geodetic.js';
import { parseTle } from '../../io/tle.js';
import { type Propagator, createPropagator } from '../../orbit/propagator.js';
import type { ElementSetRecord, Store } from '../../store/index.js';

export interface SatellitePropagator {
  readonly satelliteId: string;
  readonly propagator: Propagator;
}

/** Position of a satellite: geodetic latitude/longitude (deg) and altitude (km). */
export interface SatellitePosition {
  readonly id: string;
  readonly name: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  readonly altitudeKm: number;
}

function propagatorOf(e: ElementSetRecord): Propagator | null {
  const parsed = parseTle(`${e.line1}\n${e.line2}\n`, { ignoreChecksum: true });
  const entry = parsed.entries[0];
  if (!entry) return null;
  return createPropagator({ ...entry.elements, name: e.name || entry.elements.name });
}

export interface OrbitsServiceOptions {
  /**
   * How long the element-set version read from the store is reused, ms (0: read at every
   * call). Imports through this process call `invalidate`; other processes' are seen this late.
   */
  readonly versionCacheMs?: number;
}

export function orbitsService(store: Store, opts: OrbitsServiceOptions = {}) {
  const versionCacheMs = opts.versionCacheMs ?? 0;
  let cached: { version: number; list: SatellitePropagator[] } | null = null;
  let building: { version: number; list: Promise<SatellitePropagator[]> } | null = null;
  // The version last read, until when it may be reused (monotonic time: an injected clock may
  // stand still), and a generation that `invalidate` bumps, so that a read which started before
  // an import cannot store the old version after it.
  let known: { version: number; untilMs: number } | null = null;
  let reading: Promise<number> | null = null;
  let generation = 0;
  /** The store's element-set version (the highest element-set id), reused for a short while. */
  function version(): Promise<number> {
    const t = performance.now();
    if (known && known.untilMs > t) return Promise.resolve(known.version);
    if (reading) return reading;
    const gen = generation;
    const r = store.catalogue.elementSetsVersion().then((v) => {
      if (versionCacheMs > 0 && gen === generation)
        known = { version: v, untilMs: t + versionCacheMs };
      return v;
    });
    reading = r;
    void r.then(
      () => (reading === r ? (reading = null) : undefined),
      () => (reading === r ? (reading = null) : undefined),
    );
    return r;
  }
  /** Everyone's current propagators (no database round trip when nothing changed). */
  async function propagators(): Promise<SatellitePropagator[]> {
    const v = await version();
    if (cached && cached.version === v) return cached.list;
    if (building?.version === v) return building.list;
    const b = (async () => {
      const sets = await store.catalogue.latestElementSets();
      const list = sets.flatMap((e) => {
        const p = propagatorOf(e);
        return p ? [{ satelliteId: e.satelliteId, propagator: p }] : [];
      });
      cached = { version: v, list };
      return list;
    })().finally(() => {
      if (building?.list === b) building = null;
    });
    building = { version: v, list: b };
    return b;
  }
  return {
    propagators,
    version,
    /** Forgets the version read (after an import through this process). */
    invalidate(): void {
      generation++;
      known = null;
      reading = null;
    },
    /** Sub-satellite points at instant `t` (UTC ms); satellites SGP4 cannot propagate are left out. */
    async positions(t: number, only?: ReadonlySet<string>): Promise<SatellitePosition[]> {
      const g = gmst1982(t);
      const out: SatellitePosition[] = [];
      for (const { satelliteId, propagator } of await propagators()) {
        if (only && !only.has(satelliteId)) continue;
        const s = propagator.at(t);
        if (!s.ok) continue;
        const geo = itrfToGeodetic(temeToItrfPositionAt(s.positionKm, g));
        out.push({
          id: satelliteId,
          name: propagator.elements.name,
          latitudeDeg: Math.round(geo.latitudeDeg * 1e4) / 1e4,
          longitudeDeg: Math.round(geo.longitudeDeg * 1e4) / 1e4,
          altitudeKm: Math.round(geo.altitudeKm * 10) / 10,
        });
      }
      return out;
    },
  };
}

export type OrbitsService = ReturnType<typeof orbitsService>;
