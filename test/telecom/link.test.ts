/** Link budgets, MODCOD choice, ACM statistics and X-band pass volumes. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import {
  DVB_S2_MODCODS,
  type GeoLinkInput,
  acmStatistics,
  bestModcod,
  combineCn0Db,
  freeSpaceLossDb,
  geoLinkBudget,
  passVolumeBits,
} from '../../src/telecom/index.js';
import { h0Table, sahelMaps } from './support/maps.js';

describe('budget arithmetic', () => {
  it('free-space loss follows 92.45 + 20 log f(GHz) + 20 log d(km)', () => {
    for (const [d, f] of [
      [35786, 12],
      [38000, 20],
      [1000, 8.2],
    ]) {
      expect(freeSpaceLossDb(d!, f!)).toBeCloseTo(
        92.4478 + 20 * Math.log10(f!) + 20 * Math.log10(d!),
        3,
      );
    }
  });
  it('noise densities add: two equal hops lose 3.01 dB', () => {
    expect(combineCn0Db(80, 80)).toBeCloseTo(80 - 10 * Math.log10(2), 9);
    expect(combineCn0Db(70, 100)).toBeCloseTo(70 - 10 * Math.log10(1 + 1e-3), 9);
  });
  it('picks the most efficient MODCOD that closes, none below QPSK 1/4', () => {
    expect(bestModcod(-3, 'DVB-S2')).toBeUndefined();
    expect(bestModcod(4.1, 'DVB-S2')!.name).toBe('QPSK 3/4');
    expect(bestModcod(4.1, 'DVB-S2', 0.5)!.name).toBe('QPSK 2/3');
    let prev = 0;
    for (let es = -2; es < 20; es += 0.25) {
      const e = bestModcod(es, 'DVB-S2X')!.efficiencyBitPerSymbol;
      expect(e).toBeGreaterThanOrEqual(prev);
      prev = e;
    }
    expect(DVB_S2_MODCODS.length).toBe(28);
  });
});

const forward: GeoLinkInput = {
  name: 'forward Ka',
  satelliteLongitudeDeg: -5,
  transmitter: {
    latitudeDeg: 12.65,
    longitudeDeg: -8,
    altitudeM: 380,
    antennaDiameterM: 7.3,
    efficiency: 0.65,
    tauDeg: 45,
    pointingLossDb: 0.3,
  },
  receiver: {
    latitudeDeg: 16.27,
    longitudeDeg: -0.04,
    altitudeM: 270,
    antennaDiameterM: 1.2,
    efficiency: 0.65,
    tauDeg: 45,
    pointingLossDb: 0.5,
  },
  uplinkFrequencyGhz: 29.5,
  downlinkFrequencyGhz: 19.7,
  uplinkEirpDbw: 75,
  satelliteGtDbK: 18,
  satelliteEirpDbw: 56,
  receiverGtDbK: 19,
  receiverSystemNoiseK: 250,
  carrierToInterferenceDb: 20,
  symbolRateMbd: 30,
  rolloff: 0.2,
  standard: 'DVB-S2X',
  implementationMarginDb: 0.5,
  availabilityPercent: 99.7,
};
const sources = { maps: sahelMaps, oxygenHeight: h0Table };

describe('transparent GEO link (Ka band, Bamako hub → Gao terminal)', () => {
  it('closes with a positive margin, and a higher availability costs margin', () => {
    const b = geoLinkBudget(forward, sources);
    expect(b.modcod).toBeDefined();
    expect(b.marginDb!).toBeGreaterThanOrEqual(0);
    const strict = geoLinkBudget({ ...forward, availabilityPercent: 99.95 }, sources);
    expect(strict.esN0Db).toBeLessThan(b.esN0Db);
    for (const v of [
      b.totalCn0DbHz,
      b.esN0Db,
      b.cnDb,
      b.uplink.atmosphericDb,
      b.downlink.atmosphericDb,
    ])
      expect(Number.isFinite(v)).toBe(true);
  });
  it('C/N = Es/N0 − 10 log(1 + rolloff), Eb/N0 = Es/N0 − 10 log η', () => {
    const b = geoLinkBudget(forward, sources);
    expect(b.esN0Db - b.cnDb).toBeCloseTo(10 * Math.log10(1.2), 9);
    expect(b.esN0Db - b.ebN0Db!).toBeCloseTo(10 * Math.log10(b.modcod!.efficiencyBitPerSymbol), 9);
  });
  it('ACM: the availability edge is where the most robust MODCOD stops closing', () => {
    const s = acmStatistics(forward, sources);
    expect(s.availabilityPercent).toBeGreaterThan(99);
    expect(s.availabilityPercent).toBeLessThan(100);
    const edge = geoLinkBudget(
      { ...forward, modcod: undefined, availabilityPercent: s.availabilityPercent - 0.001 },
      sources,
    );
    expect(edge.modcod).toBeDefined();
    const fixed = geoLinkBudget(forward, sources);
    expect(s.meanThroughputMbps).toBeGreaterThan(fixed.informationRateMbps * 0.9);
    const total = s.modcodShare.reduce((a, x) => a + x.fraction, 0);
    expect(total).toBeCloseTo(s.availabilityPercent / 100, 2);
  });
  it('refuses an availability outside 50…99.99 %', () => {
    expect(() => geoLinkBudget({ ...forward, availabilityPercent: 99.999 }, sources)).toThrow(
      DomainError,
    );
  });
});

describe('X-band pass volume', () => {
  // a symmetric overhead-ish pass of a 600 km orbit sampled every 10 s
  const samples = Array.from({ length: 61 }, (_, i) => {
    const x = (i - 30) * 10 * 7.0; // along-track distance, km
    const range = Math.hypot(x, 600);
    return {
      t: Date.UTC(2026, 2, 1) + i * 10_000,
      elevationDeg: (Math.atan2(600, Math.abs(x)) * 180) / Math.PI,
      rangeKm: range,
    };
  });
  const link = {
    eirpDbw: 10,
    gtDbK: 30,
    frequencyGhz: 8.2,
    symbolRateMbd: 150,
    coding: 'variable',
    implementationMarginDb: 1,
  };
  it('variable coding moves at least as much data as any fixed MODCOD that closes', () => {
    const variable = passVolumeBits(samples, link);
    expect(variable).toBeGreaterThan(0);
    for (const mc of ['QPSK 1/2', 'QPSK 3/4', '8PSK 2/3']) {
      expect(passVolumeBits(samples, { ...link, coding: mc })).toBeLessThanOrEqual(variable + 1e-6);
    }
  });
  it('a fixed MODCOD that always closes gives rate × duration', () => {
    const v = passVolumeBits(samples, { ...link, coding: 'QPSK 1/4', minElevationDeg: 0 });
    expect(v).toBeCloseTo(0.490243 * 150e6 * 600, -3);
  });
  it('refuses samples out of time order', () => {
    expect(() => passVolumeBits([samples[1]!, samples[0]!], link)).toThrow(DomainError);
  });
});
