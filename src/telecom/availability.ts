/**
 * Availability maps: for each site of a grid, the share of an average year during which the
 * total attenuation (P.618-14 §2.5) stays below a link's clear-sky margin, i.e. 100 − p where
 * A_T(p) = margin. The site's climate is resolved once (R0.01, hR, T, ρ, L, Nwet at
 * max(p, 5 %), constant for p < 5 %), then p is found by bisection on ln p.
 */
import { geoLook, nominalGeoPositionItrf } from './geo-look.js';
import {
  gammaOxygen,
  gammaWater,
  equivalentHeightsKm,
  zenithWaterVapourAttenuationDb,
  type OxygenHeightModel,
} from './itur/p676.js';
import { cloudAttenuationDb } from './itur/p840.js';
import { rainAttenuationAnyPercentDb } from './itur/p618-rain.js';
import { scintillationAttenuationDb } from './itur/p618-scintillation.js';
import { type ClimateSources, resolveClimate } from './itur/slant-path.js';
import { DEG_TO_RAD } from '../core/units.js';
import { requireInRange } from './itur/validity.js';

/** The link whose availability is mapped. */
export interface AvailabilityLink {
  readonly satelliteLongitudeDeg: number;
  readonly frequencyGhz: number;
  /** Clear-sky margin the fades may eat, dB. */
  readonly marginDb: number;
  readonly antennaDiameterM: number;
  readonly efficiency: number;
  readonly tauDeg: number;
  /** Sites below this elevation are reported as not visible (default 5°). */
  readonly minElevationDeg?: number;
}

/** Availability at one site. */
export interface SiteAvailability {
  readonly elevationDeg: number;
  /** % of an average year; NaN-free: 0 when not visible, 95 means "95 % or less". */
  readonly availabilityPercent: number;
  readonly visible: boolean;
}

/**
 * Availability of the link at a site (sources must hold the maps; P.676-13 Annex 2 needs its h0 table).
 * @throws DomainError for a frequency outside 4…55 GHz or a margin ≤ 0.
 */
export function siteAvailability(
  latDeg: number,
  lonDeg: number,
  link: AvailabilityLink,
  sources: ClimateSources & { oxygenHeight: OxygenHeightModel },
): SiteAvailability {
  requireInRange('availability map', 'frequency', link.frequencyGhz, 4, 55, 'GHz');
  requireInRange('availability map', 'margin', link.marginDb, 1e-3, 100, 'dB');
  const el = geoLook(
    { latitudeDeg: latDeg, longitudeDeg: lonDeg, altitudeKm: 0 },
    nominalGeoPositionItrf(link.satelliteLongitudeDeg),
  ).elevationDeg;
  if (el < Math.max(5, link.minElevationDeg ?? 5))
    return { elevationDeg: el, availabilityPercent: 0, visible: false };
  const base = {
    latitudeDeg: latDeg,
    longitudeDeg: lonDeg,
    frequencyGhz: link.frequencyGhz,
    elevationDeg: el,
    pPercent: 1,
    antennaDiameterM: link.antennaDiameterM,
    efficiency: link.efficiency,
    tauDeg: link.tauDeg,
  };
  const prm = resolveClimate(base, {}, sources);
  const f = link.frequencyGhz;
  const c = {
    pressureHpa: prm.pressureHpa,
    temperatureK: prm.temperatureK,
    waterVapourDensityGm3: prm.waterVapourDensityGm3,
  };
  const h = equivalentHeightsKm(f, c, sources.oxygenHeight);
  const aw =
    prm.vtKgM2 !== undefined
      ? zenithWaterVapourAttenuationDb(f, prm.vtKgM2, prm.stationHeightKm)
      : h.waterVapourKm * gammaWater(f, c.pressureHpa, c.waterVapourDensityGm3, c.temperatureK);
  const gas =
    (h.oxygenKm * gammaOxygen(f, c.pressureHpa, c.waterVapourDensityGm3, c.temperatureK) + aw) /
    Math.sin(el * DEG_TO_RAD);
  const cloud = cloudAttenuationDb(f, el, prm.cloudLiquidKgM2);
  const total = (p: number): number => {
    const rain = rainAttenuationAnyPercentDb({
      latitudeDeg: latDeg,
      frequencyGhz: f,
      elevationDeg: el,
      tauDeg: link.tauDeg,
      stationHeightKm: prm.stationHeightKm,
      rainHeightKm: prm.rainHeightKm,
      r001MmH: prm.r001MmH,
      pPercent: p,
    });
    const sc = scintillationAttenuationDb({
      frequencyGhz: f,
      elevationDeg: el,
      pPercent: p,
      antennaDiameterM: link.antennaDiameterM,
      efficiency: link.efficiency,
      nWet: prm.nWet,
    });
    return gas + Math.sqrt((rain + cloud) ** 2 + sc * sc);
  };
  if (total(0.01) <= link.marginDb)
    return { elevationDeg: el, availabilityPercent: 99.99, visible: true };
  if (total(5) > link.marginDb) return { elevationDeg: el, availabilityPercent: 95, visible: true };
  let lo = Math.log(0.01);
  let hi = Math.log(5);
  for (let i = 0; i < 40 && hi - lo > 1e-6; i++) {
    const mid = (lo + hi) / 2;
    if (total(Math.exp(mid)) > link.marginDb) lo = mid;
    else hi = mid;
  }
  return { elevationDeg: el, availabilityPercent: 100 - Math.exp(hi), visible: true };
}

/** A regular grid of sites (node centres), rows from north to south. */
export interface SiteGrid {
  readonly latMin: number;
  readonly latMax: number;
  readonly lonMin: number;
  readonly lonMax: number;
  readonly stepDeg: number;
}

/** Availability over a grid; `include(lat, lon)` may mask sites out (e.g. outside the countries). */
export function availabilityGrid(
  grid: SiteGrid,
  link: AvailabilityLink,
  sources: ClimateSources & { oxygenHeight: OxygenHeightModel },
  include: (latDeg: number, lonDeg: number) => boolean = () => true,
  onRow?: (row: number, rows: number) => void,
): {
  rows: number;
  cols: number;
  availability: Float32Array;
  elevation: Float32Array;
  mask: Uint8Array;
} {
  const rows = Math.round((grid.latMax - grid.latMin) / grid.stepDeg) + 1;
  const cols = Math.round((grid.lonMax - grid.lonMin) / grid.stepDeg) + 1;
  const availability = new Float32Array(rows * cols);
  const elevation = new Float32Array(rows * cols);
  const mask = new Uint8Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const lat = grid.latMax - i * grid.stepDeg;
    for (let j = 0; j < cols; j++) {
      const lon = grid.lonMin + j * grid.stepDeg;
      if (!include(lat, lon)) continue;
      const a = siteAvailability(lat, lon, link, sources);
      availability[i * cols + j] = a.availabilityPercent;
      elevation[i * cols + j] = a.elevationDeg;
      mask[i * cols + j] = 1;
    }
    onRow?.(i + 1, rows);
  }
  return { rows, cols, availability, elevation, mask };
}
