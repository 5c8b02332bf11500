/**
 * Total slant-path attenuation at a site (ITU-R P.618-14 §2.5), gathering each climatic
 * parameter from the caller when given (a surveyed or measured value always wins) and from
 * the ITU-R digital maps otherwise:
 * hs (P.1511), hR (P.839-4), R0.01 and P0 (P.837-7 Annex 1), T (P.1510-1), ρ and V_t at
 * max(p, 5 %) (P.836-6), P (P.835 at hs), Nwet at 50 % (P.453), L at max(p, 5 %) (P.840-9).
 * Gas: P.676-13 Annex 2 when its h0 table is available, else Annex 1 ray tracing.
 */
import { type IturMaps } from './grid.js';
import {
  gasSlantAttenuationAnnex1Db,
  gasSlantAttenuationDb,
  type OxygenHeightModel,
} from './p676.js';
import { cloudAttenuationDb, liquidWaterFromMaps } from './p840.js';
import { rainAttenuationAnyPercentDb } from './p618-rain.js';
import { scintillationAttenuationDb } from './p618-scintillation.js';
import { cloudGasPercent, totalAttenuationDb } from './p618-total.js';
import { rainHeightKm } from './p839.js';
import { monthlyRainClimate, monthlyRainStatistics, rainfallRateFromClimate } from './p837.js';
import { stationAltitude, surfaceMeanTemperatureK } from './p1510-p1511.js';
import { surfaceWaterVapourDensityGm3, totalWaterVapourContentKgM2 } from './p836.js';
import { wetRefractivityFromMaps } from './p453.js';
import { standardPressureHpa } from './p835.js';
import { requireInRange } from './validity.js';

/** Climatic parameters given directly (all optional; what is missing is read from the maps). */
export interface SiteClimate {
  /** R0.01, mm/h. */
  readonly r001MmH?: number;
  /** Rain height hR, km. */
  readonly rainHeightKm?: number;
  /** Annual mean surface temperature T, K. */
  readonly temperatureK?: number;
  /** Surface water-vapour density ρ at max(p, 5 %), g/m³. */
  readonly waterVapourDensityGm3?: number;
  /** Integrated water-vapour content V_t at max(p, 5 %), kg/m² (enables the §2.3 water-vapour method). */
  readonly vtKgM2?: number;
  /** Dry surface pressure, hPa (default: P.835 at the station height). */
  readonly pressureHpa?: number;
  /** Wet refractivity Nwet at 50 %, N-units. */
  readonly nWet?: number;
  /** Cloud liquid water L at max(p, 5 %), kg/m². */
  readonly cloudLiquidKgM2?: number;
}

/** The link and site. */
export interface SlantPathInput {
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  /** Surveyed station altitude, km (else P.1511 topography). */
  readonly altitudeKm?: number;
  readonly frequencyGhz: number;
  readonly elevationDeg: number;
  /** Time percentage p, 0.01…50 %. */
  readonly pPercent: number;
  readonly antennaDiameterM: number;
  /** Antenna efficiency, 0…1. */
  readonly efficiency: number;
  /** Polarisation tilt, degrees (45 for circular). */
  readonly tauDeg: number;
}

/** Result: components, total, and the parameters used. */
export interface SlantPathAttenuation {
  readonly gasDb: number;
  readonly cloudDb: number;
  readonly rainDb: number;
  readonly scintillationDb: number;
  readonly totalDb: number;
  readonly parameters: Required<Omit<SiteClimate, 'vtKgM2'>> & {
    readonly stationHeightKm: number;
    readonly vtKgM2?: number;
  };
}

/** What the models need besides the climate: maps and the P.676-13 h0 table (both optional). */
export interface ClimateSources {
  readonly maps?: IturMaps;
  readonly oxygenHeight?: OxygenHeightModel;
}

const NO_MAPS: IturMaps = new Map();

/** Resolves every parameter of {@link SiteClimate} for a site and time percentage. */
export function resolveClimate(
  input: SlantPathInput,
  climate: SiteClimate,
  sources: ClimateSources,
): SlantPathAttenuation['parameters'] {
  const maps = sources.maps ?? NO_MAPS;
  const { latitudeDeg: lat, longitudeDeg: lon } = input;
  const pcg = cloudGasPercent(input.pPercent);
  const hs = stationAltitude(sources.maps, lat, lon, input.altitudeKm).altitudeKm;
  const rainClimate =
    climate.r001MmH === undefined
      ? monthlyRainStatistics(monthlyRainClimate(maps, lat, lon))
      : undefined;
  const vt =
    climate.vtKgM2 ??
    (maps.get('p836-6/v_5') ? totalWaterVapourContentKgM2(maps, lat, lon, pcg, hs) : undefined);
  return {
    stationHeightKm: hs,
    r001MmH: climate.r001MmH ?? rainfallRateFromClimate(rainClimate!, 0.01),
    rainHeightKm: climate.rainHeightKm ?? rainHeightKm(maps, lat, lon),
    temperatureK: climate.temperatureK ?? surfaceMeanTemperatureK(maps, lat, lon),
    waterVapourDensityGm3:
      climate.waterVapourDensityGm3 ?? surfaceWaterVapourDensityGm3(maps, lat, lon, pcg, hs),
    ...(vt === undefined ? {} : { vtKgM2: vt }),
    pressureHpa: climate.pressureHpa ?? standardPressureHpa(hs),
    nWet: climate.nWet ?? wetRefractivityFromMaps(maps, lat, lon, 50),
    cloudLiquidKgM2: climate.cloudLiquidKgM2 ?? liquidWaterFromMaps(maps, lat, lon, pcg),
  };
}

/**
 * Total attenuation exceeded for p % of an average year on the slant path, with its components.
 *
 * @throws DomainError for inputs outside the models' ranges (p 0.01…50 %, f up to 55 GHz, θ 5…90°).
 * @throws NotFoundError when a parameter is neither given nor available from the maps.
 */
export function slantPathAttenuation(
  input: SlantPathInput,
  climate: SiteClimate = {},
  sources: ClimateSources = {},
): SlantPathAttenuation {
  requireInRange('ITU-R P.618-14 §2.5', 'time percentage p', input.pPercent, 0.01, 50, '%');
  requireInRange('ITU-R P.618-14 §2.5', 'frequency', input.frequencyGhz, 1, 55, 'GHz');
  requireInRange('ITU-R P.618-14 §2.5', 'elevation', input.elevationDeg, 5, 90, '°');
  const prm = resolveClimate(input, climate, sources);
  const f = input.frequencyGhz;
  const el = input.elevationDeg;
  const gasDb = sources.oxygenHeight
    ? gasSlantAttenuationDb(
        {
          frequencyGhz: f,
          elevationDeg: el,
          pressureHpa: prm.pressureHpa,
          temperatureK: prm.temperatureK,
          waterVapourDensityGm3: prm.waterVapourDensityGm3,
          ...(prm.vtKgM2 === undefined
            ? {}
            : { vtKgM2: prm.vtKgM2, stationHeightKm: prm.stationHeightKm }),
        },
        sources.oxygenHeight,
      )
    : gasSlantAttenuationAnnex1Db({
        frequencyGhz: f,
        elevationDeg: el,
        stationHeightKm: Math.max(0, prm.stationHeightKm),
        waterVapourDensityGm3: prm.waterVapourDensityGm3,
      });
  const cloudDb = cloudAttenuationDb(f, el, prm.cloudLiquidKgM2);
  const rainDb = rainAttenuationAnyPercentDb({
    latitudeDeg: input.latitudeDeg,
    frequencyGhz: f,
    elevationDeg: el,
    tauDeg: input.tauDeg,
    stationHeightKm: prm.stationHeightKm,
    rainHeightKm: prm.rainHeightKm,
    r001MmH: prm.r001MmH,
    pPercent: input.pPercent,
  });
  const scintillationDb =
    f >= 4
      ? scintillationAttenuationDb({
          frequencyGhz: f,
          elevationDeg: el,
          pPercent: input.pPercent,
          antennaDiameterM: input.antennaDiameterM,
          efficiency: input.efficiency,
          nWet: prm.nWet,
        })
      : 0;
  const c = { gasDb, cloudDb, rainDb, scintillationDb };
  return { ...c, totalDb: totalAttenuationDb(c), parameters: prm };
}
