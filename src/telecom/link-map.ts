/**
 * Availability of a whole GEO link (both hops, C/I, sky noise, the MODCOD thresholds) with its
 * terminal moved over a grid: at each site, the link of `geo-link.ts` with the terminal (the
 * receiver of a forward link, or the transmitter of a return link) placed there, the other
 * station staying where the configuration puts it. The site's climate comes from the maps
 * (its altitude from P.1511); the terminal's own `climate`, position and altitude in the
 * configuration describe one point and are not used.
 *
 * Per site: availability = 100 − p where Es/N0(p) equals the threshold (the fixed MODCOD's, or
 * under ACM the most robust MODCOD's, plus the implementation margin), found by bisection on
 * ln p over 0.01…50 %; and the margin Es/N0 − threshold at the link's required availability.
 * The same numbers as `prepareGeoLink` at that site (which `acmStatistics` also uses): the
 * attenuation of each station is prepared once (climate resolved once, as in availability.ts)
 * and evaluated with the formulas of `slantPathAttenuation`.
 */
import { DomainError, SahelsatError } from '../core/errors.js';
import { modcodByName, modcodTable } from './dvbs2.js';
import { type EarthStation, type GeoLinkInput, prepareGeoLink } from './geo-link.js';
import { geoLook, nominalGeoPositionItrf } from './geo-look.js';
import { rainAttenuationAnyPercentDb } from './itur/p618-rain.js';
import { scintillationAttenuationDb } from './itur/p618-scintillation.js';
import { cloudGasPercent, totalAttenuationDb } from './itur/p618-total.js';
import { type ClimateSources, type SiteClimate, slantPathAttenuation } from './itur/slant-path.js';

/** Which station of the link moves over the map. */
export type MapTerminal = 'receiver' | 'transmitter';

/** The link at one site of the map. */
export interface LinkSiteResult {
  readonly elevationDeg: number;
  /** False below 5° (outside P.618's range): no availability is given. */
  readonly visible: boolean;
  /** % of an average year the link closes, clipped to 50…99.99 (50: "50 % or less"). */
  readonly availabilityPercent: number;
  /** Es/N0 − threshold at the link's required availability, dB (≥ 0: the requirement is met). */
  readonly marginDb: number;
}

/** Lowest elevation the attenuation models accept. */
export const MAP_MIN_ELEVATION_DEG = 5;
const P_MIN = 0.01;
const P_MAX = 50;

/**
 * The total attenuation of a station's path as a function of p (0.01…50 %), equal to
 * `slantPathAttenuation(…).totalDb` with the same climate: the parameters that do not depend on
 * p (below 5 %) are resolved once.
 */
export function prepareSlantPath(
  s: EarthStation,
  frequencyGhz: number,
  elevationDeg: number,
  sources: ClimateSources,
): (pPercent: number) => number {
  const input = {
    latitudeDeg: s.latitudeDeg,
    longitudeDeg: s.longitudeDeg,
    ...(s.altitudeM === undefined ? {} : { altitudeKm: s.altitudeM / 1000 }),
    frequencyGhz,
    elevationDeg,
    antennaDiameterM: s.antennaDiameterM,
    efficiency: s.efficiency,
    tauDeg: s.tauDeg,
  };
  const given: SiteClimate = s.climate ?? {};
  const at5 = slantPathAttenuation({ ...input, pPercent: 5 }, given, sources);
  const prm = at5.parameters;
  // p-independent parameters, so that p > 5 % does not redo the P.837 root or the look-ups
  const fixed: SiteClimate = {
    ...given,
    r001MmH: prm.r001MmH,
    rainHeightKm: prm.rainHeightKm,
    temperatureK: prm.temperatureK,
    nWet: prm.nWet,
    pressureHpa: prm.pressureHpa,
  };
  const hsInput = { ...input, altitudeKm: prm.stationHeightKm };
  // above 5 % (the median at 50 % is asked more than once per site) the full model, remembered
  const above = new Map<number, number>();
  return (p) => {
    if (cloudGasPercent(p) > 5) {
      let a = above.get(p);
      if (a === undefined) {
        a = slantPathAttenuation({ ...hsInput, pPercent: p }, fixed, sources).totalDb;
        above.set(p, a);
      }
      return a;
    }
    const rainDb = rainAttenuationAnyPercentDb({
      latitudeDeg: s.latitudeDeg,
      frequencyGhz,
      elevationDeg,
      tauDeg: s.tauDeg,
      stationHeightKm: prm.stationHeightKm,
      rainHeightKm: prm.rainHeightKm,
      r001MmH: prm.r001MmH,
      pPercent: p,
    });
    const scintillationDb =
      frequencyGhz >= 4
        ? scintillationAttenuationDb({
            frequencyGhz,
            elevationDeg,
            pPercent: p,
            antennaDiameterM: s.antennaDiameterM,
            efficiency: s.efficiency,
            nWet: prm.nWet,
          })
        : 0;
    return totalAttenuationDb({
      gasDb: at5.gasDb,
      cloudDb: at5.cloudDb,
      rainDb,
      scintillationDb,
    });
  };
}

/** Es/N0 threshold of the link: the fixed MODCOD's, else the most robust one's (ACM). */
export function linkThresholdDb(link: GeoLinkInput): number {
  const mc = link.modcod
    ? modcodByName(link.modcod, link.standard)
    : modcodTable(link.standard)[0]!;
  return mc.esN0Db + link.implementationMarginDb;
}

/**
 * Prepares the link with its terminal movable: the fixed station's attenuation is prepared once;
 * the returned function evaluates one site.
 * @throws DomainError or NotFoundError (a model's range, a missing map) from the fixed station.
 */
export function prepareLinkMap(
  link: GeoLinkInput,
  terminal: MapTerminal,
  sources: ClimateSources,
): (latDeg: number, lonDeg: number) => LinkSiteResult {
  const other = terminal === 'receiver' ? 'transmitter' : 'receiver';
  const fUp = link.uplinkFrequencyGhz;
  const fDown = link.downlinkFrequencyGhz;
  const sat = nominalGeoPositionItrf(link.satelliteLongitudeDeg);
  const fixedStation = link[other];
  const fixedEl = geoLook(
    {
      latitudeDeg: fixedStation.latitudeDeg,
      longitudeDeg: fixedStation.longitudeDeg,
      altitudeKm: (fixedStation.altitudeM ?? 0) / 1000,
    },
    sat,
  ).elevationDeg;
  if (fixedEl < MAP_MIN_ELEVATION_DEG)
    throw new DomainError(
      `availability map: the ${other} sees the satellite at ${fixedEl.toFixed(2)}°, below ${MAP_MIN_ELEVATION_DEG}°`,
    );
  const fixedPath = prepareSlantPath(
    fixedStation,
    other === 'transmitter' ? fUp : fDown,
    fixedEl,
    sources,
  );
  const threshold = linkThresholdDb(link);
  const pRequired = 100 - link.availabilityPercent;
  return (lat, lon) => {
    const t = link[terminal];
    const site: EarthStation = {
      latitudeDeg: lat,
      longitudeDeg: lon,
      antennaDiameterM: t.antennaDiameterM,
      efficiency: t.efficiency,
      tauDeg: t.tauDeg,
      ...(t.pointingLossDb === undefined ? {} : { pointingLossDb: t.pointingLossDb }),
      ...(t.polarisationLossDb === undefined ? {} : { polarisationLossDb: t.polarisationLossDb }),
    };
    const el = geoLook({ latitudeDeg: lat, longitudeDeg: lon, altitudeKm: 0 }, sat).elevationDeg;
    if (el < MAP_MIN_ELEVATION_DEG)
      return { elevationDeg: el, visible: false, availabilityPercent: 0, marginDb: -Infinity };
    const sitePath = prepareSlantPath(site, terminal === 'transmitter' ? fUp : fDown, el, sources);
    const at = prepareGeoLink(
      { ...link, [terminal]: site },
      sources,
      terminal === 'receiver'
        ? { uplink: fixedPath, downlink: sitePath }
        : { uplink: sitePath, downlink: fixedPath },
    );
    const esN0 = (p: number) => at(p).esN0Db;
    const marginDb = esN0(pRequired) - threshold;
    let availabilityPercent: number;
    if (esN0(P_MIN) >= threshold) availabilityPercent = 100 - P_MIN;
    else if (esN0(P_MAX) < threshold) availabilityPercent = 100 - P_MAX;
    else {
      let lo = Math.log(P_MIN);
      let hi = Math.log(P_MAX);
      for (let i = 0; i < 40 && hi - lo > 1e-6; i++) {
        const mid = (lo + hi) / 2;
        if (esN0(Math.exp(mid)) < threshold) lo = mid;
        else hi = mid;
      }
      availabilityPercent = 100 - Math.exp(hi);
    }
    return { elevationDeg: el, visible: true, availabilityPercent, marginDb };
  };
}

/** A model's refusal at one site, with the site in the message. */
export function atSite(err: unknown, latDeg: number, lonDeg: number): unknown {
  if (!(err instanceof SahelsatError)) return err;
  return new DomainError(
    `availability map at ${latDeg.toFixed(3)}° N, ${lonDeg.toFixed(3)}° E: ${err.message}`,
  );
}
