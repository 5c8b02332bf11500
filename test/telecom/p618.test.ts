/**
 * ITU-R P.618-14 against ITU's validation examples (rows with the intermediate inputs given:
 * R0.01, P0, Ls, N_wet, Ap; no map needed). hR is recovered from the given Ls by inverting
 * equation 1 (all rows have θ ≥ 5°).
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import {
  crossPolarisationDiscriminationDb,
  rainAttenuationDb,
  rainAttenuationProbabilityPercent,
  scintillationAttenuationDb,
  totalAttenuationDb,
} from '../../src/telecom/itur/index.js';
import { loadValidation } from './support/itur-reference.js';

const DEG = Math.PI / 180;

describe('P.618-14 rain attenuation (§2.2.1.1) on ITU validation rows', () => {
  for (const file of ['618/ITURP618-13_A_rain.csv', '618/ITURP618-14_A_rain.csv']) {
    it(`${file}: every row, A_rain and P_rain`, () => {
      const { table, tolerance } = loadValidation(file);
      let checked = 0;
      for (const r of table.rows) {
        expect(r.el!).toBeGreaterThanOrEqual(5);
        const hr = r.hs! + r.Ls! * Math.sin(r.el! * DEG);
        const a = rainAttenuationDb({
          latitudeDeg: r.lat!,
          frequencyGhz: r.f!,
          elevationDeg: r.el!,
          tauDeg: r.tau!,
          stationHeightKm: r.hs!,
          rainHeightKm: hr,
          r001MmH: r.R001!,
          pPercent: r.p!,
        });
        expect(Math.abs(a - r.A_rain!), `A_rain row ${checked + 3}`).toBeLessThan(tolerance);
        const pr = rainAttenuationProbabilityPercent(r.P0!, r.Ls!, r.el!);
        expect(Math.abs(pr - r.P_rain!), `P_rain row ${checked + 3}`).toBeLessThan(tolerance);
        checked++;
      }
      expect(checked).toBe(64);
    });
  }
});

describe('P.618-14 scintillation (§2.4.1)', () => {
  it('618-13 A_sci: rows with p ≥ 0.01 % match; p = 0.001 % is outside P.618-14 and refused', () => {
    const { table, tolerance } = loadValidation('618/ITURP618-13_A_sci.csv');
    let matched = 0;
    let refused = 0;
    for (const r of table.rows) {
      const input = {
        frequencyGhz: r.f!,
        elevationDeg: r.el!,
        pPercent: r.p!,
        antennaDiameterM: r.D!,
        efficiency: r.eta!,
        nWet: r.N_wet!,
      };
      if (r.p! < 0.01) {
        expect(() => scintillationAttenuationDb(input)).toThrow(DomainError);
        refused++;
        continue;
      }
      expect(Math.abs(scintillationAttenuationDb(input) - r.A_scin!)).toBeLessThan(tolerance);
      matched++;
    }
    expect(matched + refused).toBe(64);
    expect(matched).toBe(48);
  });

  it('618-14 A_sci: every row, N_wet joined from the 618-13 rows of the same site', () => {
    const { table, tolerance } = loadValidation('618/ITURP618-14_A_sci.csv');
    const nwet = new Map<string, number>();
    for (const r of loadValidation('618/ITURP618-13_A_sci.csv').table.rows) {
      nwet.set(`${r.lat},${r.lon}`, r.N_wet!);
    }
    let checked = 0;
    for (const r of table.rows) {
      const n = nwet.get(`${r.lat},${r.lon}`);
      expect(n, `N_wet for ${r.lat},${r.lon}`).toBeDefined();
      const a = scintillationAttenuationDb({
        frequencyGhz: r.f!,
        elevationDeg: r.el!,
        pPercent: r.p!,
        antennaDiameterM: r.D!,
        efficiency: r.eta!,
        nWet: n!,
      });
      expect(Math.abs(a - r.A_scin!)).toBeLessThan(tolerance);
      checked++;
    }
    expect(checked).toBe(48);
  });
});

describe('P.618-14 cross-polarisation discrimination (§4.1)', () => {
  for (const file of ['618/ITURP618-13_A_xpd.csv', '618/ITURP618-14_A_xpd.csv']) {
    it(`${file}: every row`, () => {
      const { table, tolerance } = loadValidation(file);
      let checked = 0;
      for (const r of table.rows) {
        const xpd = crossPolarisationDiscriminationDb({
          rainAttenuationDb: r.Ap!,
          frequencyGhz: r.f!,
          elevationDeg: r.el!,
          tauDeg: r.tau!,
          pPercent: r.p!,
        });
        expect(Math.abs(xpd - r.XPD!)).toBeLessThan(tolerance);
        checked++;
      }
      expect(checked).toBe(64);
    });
  }
});

describe('P.618 §2.5 combination of components', () => {
  it('618-13 A_total: A_gas,1 + √((A_rain + A_clouds,1)² + A_scin²) on the given components', () => {
    const { table, tolerance } = loadValidation('618/ITURP618-13_A_total.csv');
    let checked = 0;
    for (const r of table.rows) {
      const a = totalAttenuationDb({
        gasDb: r.A_gas_1!,
        cloudDb: r.A_clouds_1!,
        rainDb: r.A_rain!,
        scintillationDb: r.A_scin!,
      });
      expect(Math.abs(a - r.A_total!), `row ${checked + 3}`).toBeLessThan(tolerance);
      checked++;
    }
    expect(checked).toBe(64);
  });
});
