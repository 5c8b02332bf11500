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

export function orbitsService(store: Store) {
  let cached: { version: number; list: SatellitePropagator[] } | null = null;
  let building: Promise<SatellitePropagator[]> | null = null;
  /** Everyone's current propagators (one database round trip when nothing changed). */
  async function propagators(): Promise<SatellitePropagator[]> {
    const version = await store.catalogue.elementSetsVersion();
    if (cached && cached.version === version) return cached.list;
    building ??= (async () => {
      const sets = await store.catalogue.latestElementSets();
      const list = sets.flatMap((e) => {
        const p = propagatorOf(e);
        return p ? [{ satelliteId: e.satelliteId, propagator: p }] : [];
      });
      cached = { version, list };
      return list;
    })().finally(() => {
      building = null;
    });
    return building;
  }
  return {
    propagators,
    version: () => store.catalogue.elementSetsVersion(),
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
