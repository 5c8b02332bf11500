/** The telecom commands end to end through main(), as a user runs them. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readMap } from '../../src/io/itur-maps.js';
import { SAHEL_MAPS_DIR } from './support/maps.js';

async function run(
  args: string[],
  cwd = process.cwd(),
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    env: {},
    cwd,
    signal: new AbortController().signal,
  });
  return { code, out, err };
}

describe('sahelsat geo', () => {
  it('look --format json gives the four documented fields', async () => {
    const r = await run([
      'geo',
      'look',
      '--sat',
      '-8',
      '--site',
      '12.65,-8,380',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, number>;
    expect(Object.keys(j).sort()).toEqual(['azimuth_deg', 'elevation_deg', 'range_km', 'skew_deg']);
    expect(j.azimuth_deg).toBeCloseTo(180, 3);
  });
  it('a bad site is exit 2 with the option named', async () => {
    const r = await run(['geo', 'look', '--sat', '7', '--site', 'abc']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--site/);
  });
  it('sun-outage lists days in French', async () => {
    const r = await run([
      '--lang',
      'fr',
      'geo',
      'sun-outage',
      '--sat',
      '-8',
      '--site',
      '12.65,-8',
      '--year',
      '2026',
      '--beamwidth-deg',
      '1.2',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/éblouissements solaires/);
    expect(
      r.out.split('\n').filter((l) => /^2026-(02|03|09|10)-/.test(l)).length,
    ).toBeGreaterThanOrEqual(6);
  });
});

describe('sahelsat geo elevation-map', () => {
  it('writes a PNG and GeoJSON cells whose elevations match geo look', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-elev-'));
    const r = await run(
      [
        'geo',
        'elevation-map',
        '--sat',
        '60',
        '--bbox',
        '10,12,-2,0',
        '--step-deg',
        '1',
        '--min-elevation-deg',
        '20',
        '--png',
        'e.png',
        '--geojson',
        'e.geojson',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'e.png')).subarray(1, 4).toString()).toBe('PNG');
    const fc = JSON.parse(readFileSync(join(dir, 'e.geojson'), 'utf8')) as {
      features: { properties: { elevation_deg: number; visible: boolean } }[];
    };
    expect(fc.features.length).toBe(9);
    const look = await run(['geo', 'look', '--sat', '60', '--site', '12,-2', '--format', 'json']);
    const first = fc.features[0]!.properties;
    expect(first.elevation_deg).toBeCloseTo(
      (JSON.parse(look.out) as { elevation_deg: number }).elevation_deg,
      2,
    );
    expect(first.visible).toBe(first.elevation_deg >= 20);
  });
});

describe('sahelsat link attenuation', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sahelsat-link-'));
  it('repeats the input columns and adds the five attenuations', async () => {
    writeFileSync(
      join(dir, 'sites.csv'),
      'site,lat_deg,lon_deg,alt_m,freq_ghz,elevation_deg,p_percent,diameter_m,efficiency,tau_deg\nBamako,12.65,-8.0,380,19.7,70,0.1,1.2,0.65,45\n"Gao, Mali",16.27,-0.04,,29.5,65,1,1.2,0.65,45\n',
    );
    const r = await run(
      ['link', 'attenuation', '--input', 'sites.csv', '--out', 'out.csv', '--maps', SAHEL_MAPS_DIR],
      dir,
    );
    expect(r.code).toBe(0);
    const lines = readFileSync(join(dir, 'out.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'site,lat_deg,lon_deg,alt_m,freq_ghz,elevation_deg,p_percent,diameter_m,efficiency,tau_deg,a_gas_db,a_cloud_db,a_rain_db,a_scint_db,a_total_db',
    );
    expect(lines.length).toBe(3);
    expect(lines[2]).toMatch(/^"Gao, Mali",/);
    for (const l of lines.slice(1)) expect(l).not.toMatch(/NaN/);
  });
  it('a bad cell names file, line and column; an out-of-range frequency names the model', async () => {
    writeFileSync(
      join(dir, 'bad.csv'),
      'site,lat_deg,lon_deg,alt_m,freq_ghz,elevation_deg,p_percent,diameter_m,efficiency,tau_deg\nX,12.6,-8,,abc,70,0.1,1.2,0.65,45\n',
    );
    const r = await run(
      ['link', 'attenuation', '--input', 'bad.csv', '--out', 'o.csv', '--maps', SAHEL_MAPS_DIR],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.csv:2:5 \(freq_ghz\)/);
    writeFileSync(
      join(dir, 'hf.csv'),
      'site,lat_deg,lon_deg,alt_m,freq_ghz,elevation_deg,p_percent,diameter_m,efficiency,tau_deg\nX,12.6,-8,,80,70,0.1,1.2,0.65,45\n',
    );
    const r2 = await run(
      ['link', 'attenuation', '--input', 'hf.csv', '--out', 'o.csv', '--maps', SAHEL_MAPS_DIR],
      dir,
    );
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/hf\.csv:2.*P\.618-14.*55 GHz/);
  });
});

describe('sahelsat link budget', () => {
  it('runs the documented example configuration and reports a closed budget with ACM statistics', async () => {
    const r = await run([
      'link',
      'budget',
      '--config',
      'docs/examples/link-budget.json',
      '--format',
      'json',
      '--maps',
      SAHEL_MAPS_DIR,
    ]);
    expect(r.code).toBe(0);
    const [res] = JSON.parse(r.out) as {
      budget: { marginDb: number; modcod: { name: string } };
      acm: { availabilityPercent: number };
    }[];
    expect(res!.budget.marginDb).toBeGreaterThanOrEqual(0);
    expect(res!.acm.availabilityPercent).toBeGreaterThan(99.7);
  });
  it('a bad configuration names the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-budget-'));
    writeFileSync(join(dir, 'bad.json'), '{"links":[{"name":"x"}]}');
    const r = await run(['link', 'budget', '--config', 'bad.json'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.json \(links\.0\.satelliteLongitudeDeg\)/);
  });
});

describe('sahelsat itur import-maps', () => {
  it('turns south-to-north text grids into a north-to-south map the reader interpolates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-itur-'));
    writeFileSync(join(dir, 'V.TXT'), '1 2 3\n4 5 6\n');
    writeFileSync(join(dir, 'LAT.TXT'), '10 10 10\n11 11 11\n');
    writeFileSync(join(dir, 'LON.TXT'), '0 1 2\n0 1 2\n');
    const r = await run(
      [
        'itur',
        'import-maps',
        '--values',
        'V.TXT',
        '--lat',
        'LAT.TXT',
        '--lon',
        'LON.TXT',
        '--name',
        'p839-4/h0',
        '--unit',
        'km',
        '--recommendation',
        'ITU-R P.839-4',
        '--out',
        'maps',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const g = readMap(join(dir, 'maps'), 'p839-4/h0')!;
    expect(g.latFirst).toBe(11);
    expect(Array.from(g.values)).toEqual([4, 5, 6, 1, 2, 3]);
  });
});
