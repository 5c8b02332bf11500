/**
 * ITU-R P.676 on ITU's validation rows (no map needed: p, T, ρ, V_t, h are given). The
 * Annex 2 h0 coefficient table is read in place from reference/itur/maps-sahel/p676-13.
 */
import { describe, expect, it } from 'vitest';
import {
  gasSlantAttenuationDb,
  oxygenSpecificAttenuationDbPerKm,
  waterVapourSpecificAttenuationDbPerKm,
  zenithWaterVapourAttenuationDb,
} from '../../src/telecom/itur/index.js';
import { loadValidation } from './support/itur-reference.js';
import { h0Table } from './support/maps.js';

describe('P.676-13 Annex 1 specific attenuation (line by line)', () => {
  for (const [file, n] of [
    ['676/ITURP676-13_gamma.csv', 350],
    ['676/ITURP676-12_gamma.csv', 355],
  ] as const) {
    it(`${file}: γo, γw and γ on every row`, () => {
      const { table, tolerance } = loadValidation(file);
      let checked = 0;
      for (const r of table.rows) {
        const c = { pressureHpa: r.P!, temperatureK: r.T!, waterVapourDensityGm3: r.rho! };
        const g0 = oxygenSpecificAttenuationDbPerKm(r.f!, c);
        const gw = waterVapourSpecificAttenuationDbPerKm(r.f!, c);
        expect(Math.abs(g0 - r.gamma0!), `γo f=${r.f}`).toBeLessThan(tolerance);
        expect(Math.abs(gw - r.gammaw!), `γw f=${r.f}`).toBeLessThan(tolerance);
        expect(Math.abs(g0 + gw - r.gamma!), `γ f=${r.f}`).toBeLessThan(tolerance);
        checked++;
      }
      expect(checked).toBe(n);
    });
  }
});

describe('P.676-13 Annex 2 slant path', () => {
  it('676-13 A_gas: every row (surface p, T, ρ given)', () => {
    const { table, tolerance } = loadValidation('676/ITURP676-13_A_gas.csv');
    let checked = 0;
    for (const r of table.rows) {
      const a = gasSlantAttenuationDb(
        {
          frequencyGhz: r.f!,
          elevationDeg: r.el!,
          pressureHpa: r.P!,
          temperatureK: r.T!,
          waterVapourDensityGm3: r.rho!,
        },
        h0Table,
      );
      expect(Math.abs(a - r.A_gas!), `row ${checked + 3}: ${a} vs ${r.A_gas}`).toBeLessThan(
        tolerance,
      );
      checked++;
    }
    expect(checked).toBe(10);
  });

  it('676-12 zenith water-vapour attenuation from V_t (§2.3): every row', () => {
    const { table, tolerance } = loadValidation('676/ITURP676-12_zenith_attenuation.csv');
    let checked = 0;
    for (const r of table.rows) {
      const aw = zenithWaterVapourAttenuationDb(r.f!, r.V_t!, r.h!);
      expect(Math.abs(aw - r.Aw!), `row ${checked + 3}`).toBeLessThan(tolerance);
      checked++;
    }
    expect(checked).toBe(64);
  });
});

describe('P.676-12 slant path (superseded h0 closed form) with V_t', () => {
  it('676-12 A_gas: every row, water vapour from V_t (§2.3), oxygen from P.676-12 eq. 30–34', () => {
    const { table, tolerance } = loadValidation('676/ITURP676-12_A_gas.csv');
    let checked = 0;
    for (const r of table.rows) {
      const a = gasSlantAttenuationDb(
        {
          frequencyGhz: r.f!,
          elevationDeg: r.el!,
          pressureHpa: r.P!,
          temperatureK: r.T!,
          waterVapourDensityGm3: r.rho!,
          vtKgM2: r.V_t!,
          stationHeightKm: r.h!,
        },
        'P.676-12',
      );
      expect(Math.abs(a - r.A_gas!), `row ${checked + 3}: ${a} vs ${r.A_gas}`).toBeLessThan(
        tolerance,
      );
      checked++;
    }
    expect(checked).toBe(64);
  });
});
