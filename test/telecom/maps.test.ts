/**
 * The map reader and the map-based models on the Sahel crops (read in place). ITU's validation
 * sites are all outside the crops (reference/itur/maps-sahel/README.md §5), so these are
 * regional checks: the reader against the crop's own verification samples, and the P.837-7 /
 * P.839-4 / P.1511-1 values against the independent run tabulated in the crops' README.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError, NotFoundError, ValidationError } from '../../src/core/errors.js';
import { openMapDirectory, readMap } from '../../src/io/itur-maps.js';
import {
  bilinear,
  rainHeightKm,
  rainProbabilityPercent,
  rainfallRateMmH,
  slantPathAttenuation,
  stationAltitude,
} from '../../src/telecom/itur/index.js';
import { readReference } from '../support/reference.js';
import { SAHEL_MAPS_DIR, h0Table, sahelMaps } from './support/maps.js';

interface Sample {
  row: number;
  col: number;
  lat: number;
  lon: number;
  crop_float32: number;
}

describe('map directory reader', () => {
  it('reads every crop node the crops were verified on, and interpolates exactly at nodes', () => {
    const v = JSON.parse(readReference('itur', 'maps-sahel', 'verification.json')) as {
      maps: { map: string; samples: Sample[] }[];
    };
    let checked = 0;
    for (const m of v.maps) {
      const g = readMap(SAHEL_MAPS_DIR, m.map);
      expect(g, m.map).toBeDefined();
      for (const s of m.samples) {
        expect(g!.values[s.row * g!.cols + s.col]).toBe(Math.fround(s.crop_float32));
        expect(bilinear(g!, s.lat, s.lon)).toBeCloseTo(s.crop_float32, 5);
        checked++;
      }
    }
    expect(checked).toBe(630);
  });

  it('says which file and field is wrong in a bad header, and when data is short', () => {
    const dir = mkdtempSync(join(tmpdir(), 'itur-maps-'));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        rows: 2,
        cols: 2,
        lat_first: 0,
        lon_first: 0,
        lat_step: -1,
        lon_step: 1,
        file: 'bad.f32',
      }),
    );
    expect(() => readMap(dir, 'bad')).toThrow(ValidationError);
    expect(() => readMap(dir, 'bad')).toThrow(/bad\.json \(lat_step\)/);
    writeFileSync(
      join(dir, 'short.json'),
      JSON.stringify({
        rows: 2,
        cols: 2,
        lat_first: 0,
        lon_first: 0,
        lat_step: 1,
        lon_step: 1,
        file: 'short.f32',
      }),
    );
    writeFileSync(join(dir, 'short.f32'), Buffer.alloc(12));
    expect(() => readMap(dir, 'short')).toThrow(/16 bytes/);
  });

  it('refuses a point outside a map with the map coverage in the message', () => {
    expect(() => rainHeightKm(sahelMaps, 48.85, 2.35)).toThrow(DomainError);
    expect(() => rainHeightKm(sahelMaps, 48.85, 2.35)).toThrow(/p839-4\/h0.*outside/);
  });

  it('names the missing map and how to get it', () => {
    const empty = openMapDirectory(join(tmpdir()));
    expect(() => rainHeightKm(empty, 12.65, -8)).toThrow(NotFoundError);
    expect(() => rainHeightKm(empty, 12.65, -8)).toThrow(/p839-4\/h0.*import-maps/);
  });
});

/** Town coordinates from the GeoNames extract in reference/geodata. */
function town(name: string): { lat: number; lon: number } {
  const fc = JSON.parse(readReference('geodata', 'towns_mli_bfa_ner_geonames.geojson')) as {
    features: { properties: { name: string }; geometry: { coordinates: [number, number] } }[];
  };
  const f = fc.features.find((x) => x.properties.name === name);
  if (!f) throw new Error(`town ${name} not in the reference towns`);
  return { lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] };
}

describe('regional regression against the crops README (independent run, one-decimal table)', () => {
  // README §4 table: | site | R0.01 (mm/h) | R0.1 | P0 (%) |; its site coordinates are not given,
  // so the GeoNames town points are used: tolerances cover the table's rounding plus ≈ 1 km of
  // position difference (R0.01 gradients reach ≈ 0.1 mm/h per km here).
  const readme = readReference('itur', 'maps-sahel', 'README.md');
  const rows = [
    ...readme.matchAll(
      /^\| (Bamako|Ouagadougou|Niamey|Agadez|Gao|Tombouctou) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$/gm,
    ),
  ];
  const names: Record<string, string> = { Tombouctou: 'Timbuktu' };
  it('finds the six sites of the README table', () => expect(rows.length).toBe(6));
  for (const m of rows) {
    it(`${m[1]}: R0.01, R0.1 (P.837-7 Annex 1) and P0`, () => {
      const { lat, lon } = town(names[m[1]!] ?? m[1]!);
      expect(Math.abs(rainfallRateMmH(sahelMaps, lat, lon, 0.01) - Number(m[2]))).toBeLessThan(0.2);
      expect(Math.abs(rainfallRateMmH(sahelMaps, lat, lon, 0.1) - Number(m[3]))).toBeLessThan(0.2);
      expect(Math.abs(rainProbabilityPercent(sahelMaps, lat, lon) - Number(m[4]))).toBeLessThan(
        0.011,
      );
    });
  }
  it('rain heights and P.1511-1 altitudes of the README', () => {
    const hr = readme.match(/hR = h0 \+ 0\.36 from the crop: ([\s\S]*?) km\./)![1]!;
    const hs = readme.match(/From the crop: hs ≈ ([\s\S]*?) km\./)![1]!;
    let n = 0;
    for (const [text, fn] of [
      [hr, (lat: number, lon: number) => rainHeightKm(sahelMaps, lat, lon)],
      [hs, (lat: number, lon: number) => stationAltitude(sahelMaps, lat, lon).altitudeKm],
    ] as const) {
      for (const m of text.matchAll(
        /(Bamako|Ouagadougou|Niamey|Agadez|Gao|Tombouctou) ([\d.]+)/g,
      )) {
        const { lat, lon } = town(names[m[1]!] ?? m[1]!);
        expect(Math.abs(fn(lat, lon) - Number(m[2])), m[1]).toBeLessThan(0.006);
        n++;
      }
    }
    expect(n).toBe(12);
  });
});

describe('total slant-path attenuation from the maps (P.618-14 §2.5)', () => {
  const bamako = {
    latitudeDeg: 12.65,
    longitudeDeg: -8,
    frequencyGhz: 20,
    elevationDeg: 60,
    antennaDiameterM: 1.2,
    efficiency: 0.65,
    tauDeg: 45,
  };
  it('has finite, non-negative components and falls as p grows', () => {
    let prev = Infinity;
    for (const p of [0.01, 0.1, 1, 5, 10, 50]) {
      const a = slantPathAttenuation(
        { ...bamako, pPercent: p },
        {},
        { maps: sahelMaps, oxygenHeight: h0Table },
      );
      for (const v of [a.gasDb, a.cloudDb, a.rainDb, a.scintillationDb, a.totalDb]) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
      }
      expect(a.totalDb).toBeLessThan(prev);
      prev = a.totalDb;
    }
  });
  it('a surveyed altitude wins over P.1511', () => {
    const a = slantPathAttenuation(
      { ...bamako, pPercent: 1, altitudeKm: 0.5 },
      {},
      { maps: sahelMaps, oxygenHeight: h0Table },
    );
    expect(a.parameters.stationHeightKm).toBe(0.5);
  });
  it('works without maps from the climatic parameters alone (Annex 1 gas)', () => {
    const a = slantPathAttenuation(
      { ...bamako, pPercent: 0.1, altitudeKm: 0.38 },
      {
        r001MmH: 70,
        rainHeightKm: 4.77,
        temperatureK: 300,
        waterVapourDensityGm3: 15,
        nWet: 90,
        cloudLiquidKgM2: 0.5,
      },
    );
    expect(a.rainDb).toBeGreaterThan(1);
    expect(a.gasDb).toBeGreaterThan(0);
  });
  it('refuses a frequency above 55 GHz naming the model and range', () => {
    expect(() =>
      slantPathAttenuation({ ...bamako, frequencyGhz: 60, pPercent: 1 }, {}, { maps: sahelMaps }),
    ).toThrow(/P\.618-14.*1 and 55 GHz/);
  });
});
