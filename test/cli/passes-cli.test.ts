/**
 * `sahelsat passes` and `sahelsat ephemeris` end to end: exact CSV columns, results equal to the
 * library's, Vallado's vectors through the CLI, and clear errors with exit code 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { findPasses, loadBundledStations } from '../../src/index.js';
import { runCli } from '../support/cli.js';
import { readReference, referencePath } from '../support/reference.js';

const EO = referencePath('tle', 'sahel-eo-leo-50.tle');

describe('sahelsat passes', () => {
  it('writes the documented CSV: exact header, ISO times with milliseconds, same passes as the library', () => {
    const r = runCli([
      'passes',
      '--tle',
      EO,
      '--norad',
      '39634,40697',
      '--start',
      '2026-03-19T00:00:00Z',
      '--days',
      '2',
      '--format',
      'csv',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'station,satellite,norad,aos_utc,tca_utc,los_utc,max_el_deg,duration_s,aos_az_deg,los_az_deg,flags',
    );
    const row = lines[1]!.split(',');
    expect(row).toHaveLength(11);
    expect(row[3]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const entries = parseTle(readReference('tle', 'sahel-eo-leo-50.tle')).entries.filter((e) =>
      [39634, 40697].includes(e.elements.catalogNumber),
    );
    const start = Date.UTC(2026, 2, 19);
    const expected = entries.flatMap(
      (e) =>
        findPasses(createPropagator(e.elements), loadBundledStations(), {
          startMs: start,
          endMs: start + 2 * 86_400_000,
        }).passes,
    );
    expect(lines.length - 1).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(5);
  });

  it('accepts custom stations and a minimum elevation, and prints JSON', () => {
    const r = runCli([
      'passes',
      '--tle',
      EO,
      '--norad',
      '25544',
      '--station',
      'equator:0:0:0',
      '--station',
      'niamey',
      '--min-el',
      '10',
      '--start',
      '2026-03-19',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const passes = JSON.parse(r.stdout) as { station: string; max_el_deg: number }[];
    expect(new Set(passes.map((p) => p.station))).toEqual(new Set(['equator', 'niamey']));
    expect(passes.every((p) => p.max_el_deg > 10)).toBe(true);
  });

  it('reports bad input with the option, what was expected and exit code 2 — in English and French', () => {
    const days = runCli(['passes', '--tle', EO, '--days', 'two']);
    expect(days.code).toBe(2);
    expect(days.stderr).toBe(
      'error: --days: bad option value; expected a number ≥ 0.000001 ≤ 366; got "two"\n',
    );
    const station = runCli(['passes', '--tle', EO, '--station', 'timbuktu'], {
      env: { SAHELSAT_LANG: 'fr' },
    });
    expect(station.code).toBe(2);
    expect(station.stderr).toMatch(
      /^erreur : --station: station inconnue; attendu bamako, ouagadougou, niamey or NAME:LAT_DEG:LON_DEG:ALT_M; reçu "timbuktu"/,
    );
    const missing = runCli(['passes', '--tle', '/nonexistent.tle']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('error: /nonexistent.tle (--tle): cannot read the file (ENOENT)\n');
    const norad = runCli(['passes', '--tle', EO, '--norad', '1']);
    expect(norad.stderr).toMatch(/catalogue numbers not in the file: 1/);
  });

  it('loads the good entries of a damaged file and names the bad ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-'));
    const lines = readReference('tle', 'sahel-eo-leo-50.tle').split('\n').slice(0, 9);
    lines[4] = lines[4]!.slice(0, 30) + 'X' + lines[4]!.slice(31); // corrupt the 2nd satellite's line 1
    const file = join(dir, 'damaged.tle');
    writeFileSync(file, lines.join('\n'));
    const r = runCli(['passes', '--tle', file, '--start', '2026-03-19', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/damaged\.tle:5:21 \(epoch day\): bad epoch day/);
    expect(r.stderr).toMatch(/2 problems found; 2 element sets loaded/);
    expect(r.stdout.split('\n')[0]).toMatch(/^station,satellite/);
  });
});

describe('sahelsat ephemeris', () => {
  it('reproduces Vallado’s reference states through --since-epoch-min (TEME CSV)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-'));
    const tle = readReference('sgp4', 'SGP4-VER.TLE')
      .split(/\r?\n/)
      .filter((l) => l.startsWith('1 00005') || l.startsWith('2 00005'));
    writeFileSync(join(dir, '5.tle'), tle.join('\n'));
    const r = runCli([
      'ephemeris',
      '--tle',
      join(dir, '5.tle'),
      '--since-epoch-min',
      '0:4320:360',
      '--frame',
      'teme',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('norad,time_utc,tsince_min,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s,error');
    expect(rows).toHaveLength(1 + 13);
    const ref = readReference('sgp4', 'tcppver.out').split('\n');
    const start = ref.findIndex((l) => l.trim() === '5 xx') + 1;
    for (let k = 0; k < 13; k++) {
      const want = ref[start + k]!.trim().split(/\s+/).slice(0, 7).map(Number);
      const got = rows[k + 1]!.split(',');
      expect(Number(got[2])).toBeCloseTo(want[0]!, 6);
      for (let c = 0; c < 6; c++)
        expect(Math.abs(Number(got[3 + c]) - want[1 + c]!)).toBeLessThan(1e-6);
    }
  });

  it('includes STOP when it is off the grid, and reports SGP4 errors per row', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sahelsat-'));
    const tle = readReference('sgp4', 'SGP4-VER.TLE')
      .split(/\r?\n/)
      .filter((l) => /^[12] 28872/.test(l));
    writeFileSync(join(dir, 'd.tle'), tle.join('\n'));
    const r = runCli([
      'ephemeris',
      '--tle',
      join(dir, 'd.tle'),
      '--since-epoch-min',
      '0:62:10',
      '--format',
      'csv',
    ]);
    const rows = r.stdout.trim().split('\n').slice(1);
    expect(rows.map((x) => Number(x.split(',')[2]))).toEqual([0, 10, 20, 30, 40, 50, 60, 62]);
    expect(rows[5]).toMatch(/^28872,[^,]+,50\.0+,-?\d/);
    expect(rows[6]).toMatch(/,,,,,,,6: satellite has decayed$/);
  });

  it('writes CCSDS OEM 2.0 and geodetic CSV', () => {
    const oem = runCli([
      'ephemeris',
      '--tle',
      EO,
      '--norad',
      '25544',
      '--start',
      '2026-03-19T00:00:00Z',
      '--end',
      '2026-03-19T00:10:00Z',
      '--step-s',
      '60',
      '--frame',
      'itrf',
      '--format',
      'oem',
    ]);
    expect(oem.code).toBe(0);
    expect(oem.stdout).toMatch(/^CCSDS_OEM_VERS = 2\.0\n/);
    expect(oem.stdout).toMatch(/REF_FRAME = ITRF\n/);
    expect(
      oem.stdout.split('\n').filter((l) => /^2026-03-19T00:\d\d:00\.000 /.test(l)),
    ).toHaveLength(11);
    const geo = runCli([
      'ephemeris',
      '--tle',
      EO,
      '--norad',
      '25544',
      '--start',
      '2026-03-19T00:00:00Z',
      '--end',
      '2026-03-19T00:01:00Z',
      '--step-s',
      '60',
      '--frame',
      'geodetic',
    ]);
    expect(geo.stdout.split('\n')[0]).toBe(
      'norad,time_utc,tsince_min,lat_deg,lon_deg,alt_km,error',
    );
    const alt = Number(geo.stdout.split('\n')[1]!.split(',')[5]);
    expect(alt).toBeGreaterThan(380);
    expect(alt).toBeLessThan(440);
  });
});
