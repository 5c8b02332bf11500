/** P.838-3 (no map) and the P.839-4 formula hR = h0 + 0.36 km on ITU's validation rows. */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/core/errors.js';
import {
  rainCoefficients,
  rainHeightFromIsothermKm,
  rainSpecificAttenuationDbPerKm,
} from '../../src/telecom/itur/index.js';
import { loadValidation } from './support/itur-reference.js';

describe('P.838-3 rain specific attenuation', () => {
  it('every row: k, α and γR', () => {
    const { table, tolerance } = loadValidation('838/ITURP838-3_rain_specific_attenuation.csv');
    let checked = 0;
    for (const r of table.rows) {
      const { k, alpha } = rainCoefficients(r.f!, r.el!, r.tau!);
      expect(Math.abs(k - r.k!)).toBeLessThan(tolerance);
      expect(Math.abs(alpha - r.alpha!)).toBeLessThan(tolerance);
      const g = rainSpecificAttenuationDbPerKm(r.R!, r.f!, r.el!, r.tau!);
      expect(Math.abs(g - r.gamma_r!)).toBeLessThan(tolerance);
      checked++;
    }
    expect(checked).toBe(64);
  });

  it('refuses a frequency outside 1…1000 GHz with the model and the range', () => {
    expect(() => rainCoefficients(0.5, 30, 45)).toThrow(DomainError);
    expect(() => rainCoefficients(0.5, 30, 45)).toThrow(/P\.838-3.*1 and 1000 GHz/);
  });
});

describe('P.839-4 rain height from the 0 °C isotherm', () => {
  it('every row: hR = h0 + 0.36 km on the given h0', () => {
    const { table, tolerance } = loadValidation('839/ITURP839-4_rain_height.csv');
    let checked = 0;
    for (const r of table.rows) {
      expect(Math.abs(rainHeightFromIsothermKm(r.h0!) - r.hr!)).toBeLessThan(tolerance);
      checked++;
    }
    expect(checked).toBe(8);
  });
});
