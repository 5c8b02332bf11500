/**
 * The map-dependent ITU validation rows, run only when a global map directory is given
 * (SAHELSAT_ITUR_GLOBAL_MAPS=DIR, built with scripts/npz-to-itur-maps.py; ITU-R data, never
 * committed). Without it these tests are reported as skipped, not passed: the rows are outside
 * the Sahel crops (docs/telecom.md lists them).
 */
import { describe, expect, it } from 'vitest';
import { openMapDirectory, readOxygenHeightTable } from '../../src/io/itur-maps.js';
import {
  cloudAttenuationDb,
  cloudAttenuationLognormalDb,
  cloudLognormalFromMaps,
  isothermHeightKm,
  liquidWaterFromMaps,
  rainHeightKm,
  rainProbabilityPercent,
  rainfallRateMmH,
  stationAltitude,
  surfaceMeanTemperatureK,
  surfaceWaterVapourDensityGm3,
  totalWaterVapourContentKgM2,
  wetRefractivityFromMaps,
} from '../../src/telecom/itur/index.js';
import { loadValidation } from './support/itur-reference.js';

const dir = process.env.SAHELSAT_ITUR_GLOBAL_MAPS;
const maps = dir ? openMapDirectory(dir) : undefined;

type Row = Readonly<Record<string, number>>;
function check(file: string, expectedRows: number, fn: (r: Row) => [number, number][]): void {
  it.skipIf(!maps)(`${file}: every row (global maps)`, () => {
    const { table, tolerance } = loadValidation(file);
    let n = 0;
    for (const r of table.rows) {
      for (const [got, want] of fn(r))
        expect(Math.abs(got - want), `${file} row ${n + 3}: ${got} vs ${want}`).toBeLessThan(
          tolerance,
        );
      n++;
    }
    expect(n).toBe(expectedRows);
  });
}

describe('ITU validation rows that need global maps', () => {
  const m = maps!;
  check('837/ITURP837-7_rainfall_rate.csv', 40, (r) => [
    [rainfallRateMmH(m, r.lat!, r.lon!, r.p!), r.Rp!],
  ]);
  check('837/ITURP837-7_rainfall_rate_probability.csv', 8, (r) => [
    [rainProbabilityPercent(m, r.lat!, r.lon!), r.p!],
  ]);
  check('839/ITURP839-4_rain_height.csv', 8, (r) => [
    [isothermHeightKm(m, r.lat!, r.lon!), r.h0!],
    [rainHeightKm(m, r.lat!, r.lon!), r.hr!],
  ]);
  check('1510/ITURP1510-1_temperature.csv', 64, (r) => [
    [surfaceMeanTemperatureK(m, r.lat!, r.lon!), r.T!],
  ]);
  check('1511/ITURP1511-1_topographic_altitude.csv', 8, (r) => [
    [stationAltitude(m, r.lat!, r.lon!).altitudeKm, r.hs!],
  ]);
  check('453/ITURP453-14_Nwet.csv', 8, (r) => [
    [wetRefractivityFromMaps(m, r.lat!, r.lon!, r.p!), r.Nwet!],
  ]);
  check('836/ITURP836-6_surface_water_vapour_density_annual.csv', 32, (r) => [
    [surfaceWaterVapourDensityGm3(m, r.lat!, r.lon!, r.p!, r.alt!), r.rho!],
  ]);
  check('836/ITURP836-6_total_water_vapour_content_annual.csv', 32, (r) => [
    [totalWaterVapourContentKgM2(m, r.lat!, r.lon!, r.p!, r.alt!), r.V!],
  ]);
  check('840/ITURP840-9_columnar_content_reduced_liquid.csv', 17, (r) => [
    [liquidWaterFromMaps(m, r.lat!, r.lon!, r.p!), r.Lred!],
  ]);
  check('840/ITURP840-9_cloud_attenuation.csv', 32, (r) => [
    [cloudAttenuationDb(r.f!, r.el!, liquidWaterFromMaps(m, r.lat!, r.lon!, r.p!)), r.Ac!],
  ]);
  check('840/ITURP840-9_cloud_attenuation_lognormal.csv', 32, (r) => [
    [
      cloudAttenuationLognormalDb(r.f!, r.el!, r.p!, cloudLognormalFromMaps(m, r.lat!, r.lon!)),
      r.Ac!,
    ],
  ]);
  it.skipIf(!maps)('the P.676-13 h0 table is in the global directory too', () => {
    expect(readOxygenHeightTable(dir!)).toBeDefined();
  });
});
