/**
 * `sahelsat access` and `sahelsat coverage` end to end, as a user runs them: the exact CSV
 * columns, results equal to the library's, every output file of a coverage run, clear errors
 * (exit code 2, located, in French with --lang fr), and interruption (exit code 130).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { findAccessWindows, prepareTarget, sampleTrack } from '../../src/access/index.js';
import { main } from '../../src/cli/main.js';
import { formatIsoUtc, parseIsoUtc } from '../../src/core/time.js';
import { loadBundledSensors } from '../../src/io/sensors.js';
import { parseTle } from '../../src/io/tle.js';
import { createPropagator } from '../../src/orbit/propagator.js';
import { runCli } from '../support/cli.js';
import { readReference, referencePath } from '../support/reference.js';

const EO = referencePath('tle', 'sahel-eo-leo-50.tle');
const dir = mkdtempSync(join(tmpdir(), 'sahelsat-access-'));
const TARGETS = join(dir, 'targets.geojson');
const towns = [
  ['bamako', -8.0029, 12.6392],
  ['niamey', 2.1254, 13.5116],
  ['gao', -0.0447, 16.2717],
] as const;
writeFileSync(
  TARGETS,
  JSON.stringify({
    type: 'FeatureCollection',
    features: towns.map(([id, lon, lat]) => ({
      type: 'Feature',
      properties: { id },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    })),
  }),
);
/** The CLI in this process (no start-up cost), for the quick error cases. */
async function runMain(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (x: string) => (stdout += x) },
    stderr: { write: (x: string) => (stderr += x) },
    env: {},
    cwd: dir,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

const common = ['--tle', EO, '--start', '2026-03-19T00:00:00Z', '--days', '3'];

describe('sahelsat access', () => {
  it('point targets: the exact CSV columns, ISO times with ms, the library’s windows', () => {
    const r = runCli([
      'access',
      ...common,
      '--norad',
      '43180,43876',
      '--sensor',
      'kanopus-v-pss',
      '--targets',
      TARGETS,
      '--format',
      'csv',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'target_id,satellite,norad,start_utc,end_utc,best_utc,min_off_nadir_deg,sun_el_deg,direction',
    );
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row).toHaveLength(9);
      for (const k of [3, 4, 5]) expect(row[k]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(['ascending', 'descending']).toContain(row[8]);
      expect(Number(row[6])).toBeLessThanOrEqual(40);
      expect(Number(row[7])).toBeGreaterThanOrEqual(10 - 1e-3);
    }
    // the same windows as the library
    const sensor = loadBundledSensors().find((s) => s.id === 'kanopus-v-pss')!;
    const start = parseIsoUtc('2026-03-19T00:00:00Z');
    const end = start + 3 * 86_400_000;
    const entries = parseTle(readReference('tle', 'sahel-eo-leo-50.tle'), {
      fileName: 'x',
    }).entries;
    let n = 0;
    for (const norad of [43180, 43876]) {
      const el = entries.find((e) => e.elements.catalogNumber === norad)!.elements;
      const w = findAccessWindows(
        sampleTrack(createPropagator(el), start, end),
        sensor,
        towns.map(([id, lon, lat]) =>
          prepareTarget(id, { latitudeDeg: lat, longitudeDeg: lon, altitudeKm: 0 }),
        ),
        { startMs: start, endMs: end },
      );
      for (const list of w) {
        for (const x of list) {
          const row = rows.find(
            (rr) =>
              rr[0] === x.targetId && rr[2] === String(norad) && rr[3] === formatIsoUtc(x.startMs),
          );
          expect(row, `${x.targetId} ${norad}`).toBeDefined();
          expect(row![5]).toBe(formatIsoUtc(x.bestMs));
          n++;
        }
      }
    }
    expect(n).toBe(rows.length);
  });

  it('a bundled area: one window per pass with reachable and swath fractions', () => {
    const r = runCli([
      'access',
      ...common,
      '--norad',
      '39634',
      '--sensor',
      'sentinel-1-iw',
      '--aoi',
      'border:MLI-NER',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, unknown>[];
    for (const row of rows) {
      expect(row.target_id).toBe('border:MLI-NER');
      const f = row.for_fraction as number;
      const s = row.swath_fraction as number;
      expect(f).toBeGreaterThan(0);
      expect(f).toBeLessThanOrEqual(1);
      expect(s).toBeLessThanOrEqual(f + 1e-9);
    }
  });

  it('geojson: a ground-track line per window with the window’s fields', () => {
    const r = runCli([
      'access',
      ...common,
      '--norad',
      '43180',
      '--max-off-nadir-deg',
      '30',
      '--targets',
      TARGETS,
      '--format',
      'geojson',
    ]);
    expect(r.code).toBe(0);
    const fc = JSON.parse(r.stdout) as {
      features: {
        geometry: { type: string; coordinates: number[][] };
        properties: Record<string, unknown>;
      }[];
    };
    expect(fc.features.length).toBeGreaterThan(0);
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('LineString');
      expect(f.geometry.coordinates.length).toBeGreaterThan(10);
      expect(f.properties.target_id).toBeTypeOf('string');
    }
  });

  it('clear errors with exit code 2, located, in the user’s language', async () => {
    const noSensor = await runMain(['access', ...common, '--targets', TARGETS]);
    expect(noSensor.code).toBe(2);
    expect(noSensor.stderr).toMatch(/--sensor.*a sensor is needed/);
    const bad = join(dir, 'bad.geojson');
    writeFileSync(
      bad,
      '{"type":"FeatureCollection","features":[\n{"type":"Feature","properties":{"id":"x"},\n"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0],[0.5,-1]]]}}]}',
    );
    const r = await runMain(['access', ...common, '--sensor', 'kanopus-v-pss', '--targets', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2 (features[0].geometry.coordinates[0][4])`);
    expect(r.stderr).toMatch(/ring not closed/);
    const fr = await runMain(['access', ...common, '--lang', 'fr', '--targets', TARGETS]);
    expect(fr.code).toBe(2);
    expect(fr.stderr).toMatch(/un capteur est nécessaire/);
    const frBad = await runMain([
      'access',
      ...common,
      '--lang',
      'fr',
      '--sensor',
      'kanopus-v-pss',
      '--targets',
      bad,
    ]);
    expect(frBad.stderr).toMatch(/anneau non fermé/);
    const unknown = await runMain([
      'access',
      ...common,
      '--sensor',
      'kanopus-v-pss',
      '--aoi',
      'Atlantis',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown area of interest.*unknown area "Atlantis"/);
    const line = join(dir, 'line.geojson');
    writeFileSync(
      line,
      '{"type":"Feature","properties":{"id":"r"},"geometry":{"type":"LineString","coordinates":[[0,13],[1,13.5]]}}',
    );
    const noBuffer = await runMain([
      'access',
      ...common,
      '--sensor',
      'kanopus-v-pss',
      '--targets',
      line,
    ]);
    expect(noBuffer.code).toBe(2);
    expect(noBuffer.stderr).toMatch(/--corridor-km/);
    const badSensor = join(dir, 'sensor.json');
    writeFileSync(
      badSensor,
      '{\n "id": "s",\n "name": "s",\n "kind": "sar",\n "incidenceNearDeg": 40,\n "incidenceFarDeg": 30,\n "lookSide": "right"\n}',
    );
    const s = await runMain(['access', ...common, '--sensor', badSensor, '--targets', TARGETS]);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/sensor\.json:6 \(incidenceFarDeg\).*must be smaller/);
  });

  it('a corridor around an imported line is an area target', () => {
    const line = join(dir, 'river.geojson');
    writeFileSync(
      line,
      '{"type":"Feature","properties":{"id":"river","name":"Niger at Niamey"},"geometry":{"type":"LineString","coordinates":[[1.9,13.7],[2.1,13.5],[2.4,13.2]]}}',
    );
    const r = runCli([
      'access',
      ...common,
      '--norad',
      '39634',
      '--sensor',
      'sentinel-1-iw',
      '--targets',
      line,
      '--corridor-km',
      '5',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'target_id,satellite,norad,start_utc,end_utc,best_utc,min_off_nadir_deg,sun_el_deg,direction,for_fraction,swath_fraction',
    );
  });
});

describe('sahelsat coverage', () => {
  it('writes cells.geojson, cells.csv, summary.json and heatmap.png (worker threads)', () => {
    const out = join(dir, 'cov');
    const r = runCli([
      'coverage',
      ...common,
      '--norad',
      '43180,43876,40697',
      '--sensor',
      'kanopus-v-pss',
      '--region',
      'BFA',
      '--resolution-deg',
      '0.25',
      '--threads',
      '2',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/coverage .*100%/);
    for (const f of ['cells.geojson', 'cells.csv', 'summary.json', 'heatmap.png'])
      expect(existsSync(join(out, f)), f).toBe(true);
    const csv = readFileSync(join(out, 'cells.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'row,col,lat_deg,lon_deg,area_km2,access_count,time_to_first_access_h,max_gap_h,mean_gap_h,p50_gap_h,p90_gap_h,p95_gap_h',
    );
    const fc = JSON.parse(readFileSync(join(out, 'cells.geojson'), 'utf8')) as {
      features: unknown[];
    };
    expect(fc.features.length).toBe(csv.length - 1);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      summaries: { id: string; kind: string; cellCount: number }[];
      statements: { en: string[]; fr: string[] };
    };
    expect(summary.summaries[0]!.cellCount).toBe(csv.length - 1);
    const ids = summary.summaries.map((s) => s.id);
    expect(ids).toContain('BFA');
    expect(ids).toContain('border:BFA-NER');
    expect(summary.statements.fr[0]).toMatch(/% de /);
    expect(r.stdout).toMatch(/^95 % of BFA|^95 % of Burkina Faso|of .* is seen at least every/m);
    const png = PNG.sync.read(readFileSync(join(out, 'heatmap.png')));
    expect(png.width).toBe(1200);
    expect(png.height).toBeGreaterThan(300);
  });

  it('a region from a GeoJSON file, in French', async () => {
    const region = join(dir, 'zone.geojson');
    writeFileSync(
      region,
      JSON.stringify({
        type: 'Feature',
        properties: { id: 'zone', name: 'zone test' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [1, 13],
              [3, 13],
              [3, 14.5],
              [1, 14.5],
              [1, 13],
            ],
          ],
        },
      }),
    );
    const out = join(dir, 'cov-file');
    const r = await runMain([
      '--lang',
      'fr',
      'coverage',
      ...common,
      '--norad',
      '43180,43876',
      '--sensor',
      'kanopus-v-pss',
      '--region',
      region,
      '--resolution-km',
      '25',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/de zone test est vu au moins toutes les|zone test : plus de 5 %/);
    // the zone straddles Niger and Burkina Faso: their summaries are there, in French
    expect(r.stdout).toMatch(/Bande frontalière Burkina Faso–Niger/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as {
      summaries: { id: string }[];
    };
    expect(summary.summaries.map((s) => s.id)).toEqual(
      expect.arrayContaining(['zone', 'NER', 'BFA']),
    );
  });

  it('rejects a resolution given twice or not at all', async () => {
    const r = await runMain([
      'coverage',
      ...common,
      '--sensor',
      'kanopus-v-pss',
      '--region',
      'BFA',
      '--out',
      dir,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exactly one of --resolution-deg/);
  });

  it('stops with exit code 130 when interrupted', async () => {
    const chunks: string[] = [];
    const sink = { write: (s: string) => chunks.push(s) };
    const controller = new AbortController();
    controller.abort();
    const code = await main(
      [
        'coverage',
        ...common,
        '--norad',
        '43180',
        '--sensor',
        'kanopus-v-pss',
        '--region',
        'BFA',
        '--resolution-deg',
        '0.5',
        '--threads',
        '1',
        '--out',
        join(dir, 'never'),
      ],
      { stdout: sink, stderr: sink, env: {}, cwd: dir, signal: controller.signal },
    );
    expect(code).toBe(130);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
