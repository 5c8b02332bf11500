/**
 * A link through a transparent geostationary transponder (forward: hub → satellite → terminal;
 * return: terminal → satellite → hub), its budget at a given availability, and its yearly
 * behaviour under adaptive coding and modulation (ACM) from the attenuation statistics.
 *
 * Fades: the two hops are faded one at a time (their rain is uncorrelated: the stations are far
 * apart), the other hop being at its median (p = 50 %) attenuation; the worse case sets the
 * budget. This is the usual planning assumption; it is not pessimistic double counting.
 */
import { geoLook } from './geo-look.js';
import { nominalGeoPositionItrf } from './geo-look.js';
import { type Modcod, bestModcod, modcodByName, modcodTable } from './dvbs2.js';
import { type ClimateSources, type SiteClimate, slantPathAttenuation } from './itur/slant-path.js';
import { carrierRatios, combineCn0Db, hopCn0 } from './link-budget.js';
import { requireInRange } from './itur/validity.js';

/** An earth station. */
export interface EarthStation {
  readonly name?: string;
  readonly latitudeDeg: number;
  readonly longitudeDeg: number;
  /** Surveyed altitude, m (else P.1511). */
  readonly altitudeM?: number;
  readonly antennaDiameterM: number;
  /** Antenna efficiency, 0…1. */
  readonly efficiency: number;
  /** Polarisation tilt, degrees (45 for circular). */
  readonly tauDeg: number;
  readonly pointingLossDb?: number;
  readonly polarisationLossDb?: number;
  /** Climatic parameters given directly (else from the maps). */
  readonly climate?: SiteClimate;
}

/** One link: transmitting station → satellite → receiving station. */
export interface GeoLinkInput {
  readonly name: string;
  readonly satelliteLongitudeDeg: number;
  readonly transmitter: EarthStation;
  readonly receiver: EarthStation;
  readonly uplinkFrequencyGhz: number;
  readonly downlinkFrequencyGhz: number;
  /** Earth-station EIRP toward the satellite, dBW. */
  readonly uplinkEirpDbw: number;
  /** Satellite G/T toward the transmitter, dB/K. */
  readonly satelliteGtDbK: number;
  /** Satellite EIRP toward the receiver for this carrier (after back-off), dBW. */
  readonly satelliteEirpDbw: number;
  /** Receiving station clear-sky G/T, dB/K. */
  readonly receiverGtDbK: number;
  /** Receiving station system noise temperature (K), to add the sky noise under rain. */
  readonly receiverSystemNoiseK?: number;
  /** Aggregate carrier-to-interference (adjacent satellites, cross-pol, intermod), dB, in the carrier bandwidth. */
  readonly carrierToInterferenceDb?: number;
  readonly symbolRateMbd: number;
  readonly rolloff: number;
  readonly standard: 'DVB-S2' | 'DVB-S2X';
  /** Fixed MODCOD name; absent for the best one that closes. */
  readonly modcod?: string;
  /** Modem implementation margin over the ideal thresholds, dB. */
  readonly implementationMarginDb: number;
  /** Required availability, % of an average year (50…99.99). */
  readonly availabilityPercent: number;
}

/** Budget of one hop. */
export interface HopBudget {
  readonly elevationDeg: number;
  readonly rangeKm: number;
  readonly freeSpaceLossDb: number;
  readonly atmosphericDb: number;
  readonly gtDbK: number;
  readonly cN0DbHz: number;
}

/** The link budget at the required availability. */
export interface GeoLinkBudget {
  readonly name: string;
  readonly pPercent: number;
  readonly limitingHop: 'uplink' | 'downlink';
  readonly uplink: HopBudget;
  readonly downlink: HopBudget;
  readonly cI0DbHz: number | undefined;
  readonly totalCn0DbHz: number;
  readonly cnDb: number;
  readonly esN0Db: number;
  readonly ebN0Db: number | undefined;
  readonly modcod: Modcod | undefined;
  readonly requiredEsN0Db: number | undefined;
  readonly marginDb: number | undefined;
  /** Information rate with that MODCOD, Mbit/s (0 when none closes). */
  readonly informationRateMbps: number;
}

function station(s: EarthStation): {
  latitudeDeg: number;
  longitudeDeg: number;
  altitudeKm: number;
} {
  return {
    latitudeDeg: s.latitudeDeg,
    longitudeDeg: s.longitudeDeg,
    altitudeKm: (s.altitudeM ?? 0) / 1000,
  };
}

function attenuation(
  s: EarthStation,
  f: number,
  el: number,
  p: number,
  sources: ClimateSources,
): number {
  return slantPathAttenuation(
    {
      latitudeDeg: s.latitudeDeg,
      longitudeDeg: s.longitudeDeg,
      ...(s.altitudeM === undefined ? {} : { altitudeKm: s.altitudeM / 1000 }),
      frequencyGhz: f,
      elevationDeg: el,
      pPercent: p,
      antennaDiameterM: s.antennaDiameterM,
      efficiency: s.efficiency,
      tauDeg: s.tauDeg,
    },
    s.climate ?? {},
    sources,
  ).totalDb;
}

/** Each hop's total attenuation as a function of p, when the caller has prepared it. */
export interface HopAttenuations {
  readonly uplink: (pPercent: number) => number;
  readonly downlink: (pPercent: number) => number;
}

/**
 * The geometry and attenuation statistics of a link, ready to evaluate at any p. `prepared`
 * replaces the per-call slant-path attenuation (link-map.ts prepares each station once).
 */
export function prepareGeoLink(
  link: GeoLinkInput,
  sources: ClimateSources,
  prepared?: HopAttenuations,
): (pPercent: number) => GeoLinkBudget {
  requireInRange('link budget', 'availability', link.availabilityPercent, 50, 99.99, '%');
  const sat = nominalGeoPositionItrf(link.satelliteLongitudeDeg);
  const up = geoLook(station(link.transmitter), sat);
  const down = geoLook(station(link.receiver), sat);
  const rs = link.symbolRateMbd * 1e6;
  const fixed = link.modcod ? modcodByName(link.modcod, link.standard) : undefined;
  const aUpAt = (p: number) =>
    prepared
      ? prepared.uplink(p)
      : attenuation(link.transmitter, link.uplinkFrequencyGhz, up.elevationDeg, p, sources);
  const aDownAt = (p: number) =>
    prepared
      ? prepared.downlink(p)
      : attenuation(link.receiver, link.downlinkFrequencyGhz, down.elevationDeg, p, sources);
  const upMedian = aUpAt(50);
  const downMedian = aDownAt(50);
  const cI0 =
    link.carrierToInterferenceDb === undefined
      ? undefined
      : link.carrierToInterferenceDb + 10 * Math.log10(rs * (1 + link.rolloff));
  const hops = (aUp: number, aDown: number) => {
    const u = hopCn0({
      eirpDbw: link.uplinkEirpDbw,
      gtDbK: link.satelliteGtDbK,
      frequencyGhz: link.uplinkFrequencyGhz,
      rangeKm: up.rangeKm,
      atmosphericDb: aUp,
      pointingLossDb: link.transmitter.pointingLossDb ?? 0,
      polarisationLossDb: link.transmitter.polarisationLossDb ?? 0,
    });
    const d = hopCn0({
      eirpDbw: link.satelliteEirpDbw,
      gtDbK: link.receiverGtDbK,
      frequencyGhz: link.downlinkFrequencyGhz,
      rangeKm: down.rangeKm,
      atmosphericDb: aDown,
      pointingLossDb: link.receiver.pointingLossDb ?? 0,
      polarisationLossDb: link.receiver.polarisationLossDb ?? 0,
      ...(link.receiverSystemNoiseK ? { groundSystemNoiseK: link.receiverSystemNoiseK } : {}),
    });
    const total =
      cI0 === undefined
        ? combineCn0Db(u.cN0DbHz, d.cN0DbHz)
        : combineCn0Db(u.cN0DbHz, d.cN0DbHz, cI0);
    return { u, d, total };
  };
  return (p: number) => {
    const aUp = aUpAt(p);
    const aDown = aDownAt(p);
    const upFaded = hops(aUp, downMedian);
    const downFaded = hops(upMedian, aDown);
    const worst =
      upFaded.total <= downFaded.total
        ? { ...upFaded, hop: 'uplink' as const, aU: aUp, aD: downMedian }
        : { ...downFaded, hop: 'downlink' as const, aU: upMedian, aD: aDown };
    const ratios = carrierRatios(worst.total, rs, link.rolloff);
    const mc = fixed ?? bestModcod(ratios.esN0Db, link.standard, link.implementationMarginDb);
    const required = mc ? mc.esN0Db + link.implementationMarginDb : undefined;
    return {
      name: link.name,
      pPercent: p,
      limitingHop: worst.hop,
      uplink: {
        elevationDeg: up.elevationDeg,
        rangeKm: up.rangeKm,
        freeSpaceLossDb: worst.u.freeSpaceLossDb,
        atmosphericDb: worst.aU,
        gtDbK: worst.u.gtDbK,
        cN0DbHz: worst.u.cN0DbHz,
      },
      downlink: {
        elevationDeg: down.elevationDeg,
        rangeKm: down.rangeKm,
        freeSpaceLossDb: worst.d.freeSpaceLossDb,
        atmosphericDb: worst.aD,
        gtDbK: worst.d.gtDbK,
        cN0DbHz: worst.d.cN0DbHz,
      },
      cI0DbHz: cI0,
      totalCn0DbHz: worst.total,
      cnDb: ratios.cnDb,
      esN0Db: ratios.esN0Db,
      ebN0Db: mc ? ratios.esN0Db - 10 * Math.log10(mc.efficiencyBitPerSymbol) : undefined,
      modcod: mc,
      requiredEsN0Db: required,
      marginDb: required === undefined ? undefined : ratios.esN0Db - required,
      informationRateMbps:
        mc && required !== undefined && ratios.esN0Db >= required
          ? (mc.efficiencyBitPerSymbol * rs) / 1e6
          : 0,
    };
  };
}

/** The link budget at its required availability. */
export function geoLinkBudget(link: GeoLinkInput, sources: ClimateSources = {}): GeoLinkBudget {
  return prepareGeoLink(link, sources)(100 - link.availabilityPercent);
}

/** Yearly behaviour under ACM. */
export interface AcmStatistics {
  /** % of an average year during which at least the most robust MODCOD closes. */
  readonly availabilityPercent: number;
  /** Mean information rate over the year, Mbit/s. */
  readonly meanThroughputMbps: number;
  /** Share of the year per MODCOD (fraction), most used first. */
  readonly modcodShare: readonly { readonly modcod: string; readonly fraction: number }[];
}

/** Exceedance percentages where the statistics are sampled (P.618 covers 0.01…50 %). */
const P_GRID = [
  0.01, 0.015, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1, 1.5, 2, 3, 5, 7, 10, 15,
  20, 30, 50,
];

/**
 * Availability and mean throughput with ACM over an average year: at each exceedance level p
 * the best MODCOD for Es/N0(p) is used for the slice of time up to the next level (its fade is
 * the deeper of the slice, so the estimate is conservative); beyond 50 % the median holds.
 */
export function acmStatistics(link: GeoLinkInput, sources: ClimateSources = {}): AcmStatistics {
  const at = prepareGeoLink({ ...link, modcod: undefined }, sources);
  const rs = link.symbolRateMbd * 1e6;
  const floor = modcodTable(link.standard)[0]!.esN0Db + link.implementationMarginDb;
  const share = new Map<string, number>();
  let rate = 0;
  let unavailable = P_GRID[0]!; // below 0.01 % the statistics end: counted as outage
  for (let i = 0; i < P_GRID.length; i++) {
    const p = P_GRID[i]!;
    const next = P_GRID[i + 1] ?? 100;
    const b = at(p);
    const slice = (next - p) / 100;
    if (b.esN0Db < floor || !b.modcod) {
      unavailable = next;
      continue;
    }
    rate += slice * b.modcod.efficiencyBitPerSymbol * rs;
    share.set(b.modcod.name, (share.get(b.modcod.name) ?? 0) + slice);
  }
  // refine the availability edge between grid points by bisection on ln p
  if (unavailable > P_GRID[0]! && unavailable < 100) {
    let lo = Math.log(P_GRID[Math.max(0, P_GRID.indexOf(unavailable) - 1)]!);
    let hi = Math.log(unavailable);
    for (let k = 0; k < 30; k++) {
      const mid = (lo + hi) / 2;
      if (at(Math.exp(mid)).esN0Db < floor) lo = mid;
      else hi = mid;
    }
    unavailable = Math.exp(hi);
  }
  return {
    availabilityPercent: 100 - unavailable,
    meanThroughputMbps: rate / 1e6,
    modcodShare: [...share.entries()]
      .map(([modcod, fraction]) => ({ modcod, fraction }))
      .sort((a, b) => b.fraction - a.fraction),
  };
}
