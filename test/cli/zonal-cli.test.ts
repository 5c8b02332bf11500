import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { lonLatRectAreaM2 } from '../../src/imaging/area.js';

const rect = (w: number, s: number, e: number, n: number): GeoJSON.Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});
const fc = (geoms: GeoJSON.Geometry[], props: Record<string, unknown>[] = []): string =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: geoms.map((geometry, i) => ({
      type: 'Feature',
      properties: props[i] ?? {},
      geometry,
    })),
  });

async function run(
  args: string[],
  cwd: string,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    cwd,
    env: {},
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    signal: new AbortController().signal,
  });
  return { code, out, err };
}

describe('sahelsat zonal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sahelsat-zonal-'));
  // A flood box over central Bamako, and a previous one half as tall.
  writeFileSync(join(dir, 'now.geojson'), fc([rect(-8.02, 12.62, -7.98, 12.66)]));
  writeFileSync(join(dir, 'before.geojson'), fc([rect(-8.02, 12.62, -7.98, 12.64)]));
  writeFileSync(
    join(dir, 'aoi.geojson'),
    fc([rect(-8.02, 12.62, -8.0, 12.66)], [{ id: 'aoi-west', name: 'Bamako ouest' }]),
  );

  it('writes JSON with regions, previous areas, AOIs and towns', async () => {
    const r = await run(
      [
        'zonal',
        'now.geojson',
        '--previous',
        'before.geojson',
        '--aoi',
        'aoi.geojson',
        '--out',
        's.json',
      ],
      dir,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/km² in total/);
    const s = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'));
    const exact = lonLatRectAreaM2(-8.02, 12.62, -7.98, 12.66) / 1e6;
    expect(Math.abs(s.totalAreaKm2 / exact - 1)).toBeLessThan(1e-7); // rounded to 1e-6 km²
    const bko = s.regions.find((x: { regionId: string }) => x.regionId === 'ML-BKO');
    expect(bko.previousAreaKm2).toBeGreaterThan(0);
    expect(bko.previousAreaKm2).toBeLessThan(bko.areaKm2);
    expect(s.aois).toEqual([
      expect.objectContaining({
        aoiId: 'aoi-west',
        name: 'Bamako ouest',
        share: expect.closeTo(1, 9),
      }),
    ]);
    expect(s.towns[0]).toMatchObject({ name: 'Bamako', inside: true });
  });

  it('writes CSV, in French on request', async () => {
    const r = await run(['--lang', 'fr', 'zonal', 'now.geojson', '--out', 's.csv'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/km² au total/);
    const lines = readFileSync(join(dir, 's.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'kind,id,name,nation,area_km2,zone_area_km2,share,previous_area_km2,population,latitude_deg,longitude_deg,distance_km,inside',
    );
    expect(lines[1]).toMatch(/^total,,,,\d+\.\d+/);
    expect(lines.some((l) => l.startsWith('region,ML-BKO,Bamako,ML,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('town,,Bamako,ML,'))).toBe(true);
  });

  it('bad input: the file, line or field, exit code 2', async () => {
    writeFileSync(
      join(dir, 'bad.geojson'),
      fc([
        rect(0, 0, 1, 1),
        {
          type: 'LineString',
          coordinates: [
            [0, 0],
            [1, 1],
          ],
        },
      ]),
    );
    const a = await run(['zonal', 'bad.geojson', '--out', 'x.json'], dir);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/bad\.geojson.*features\[1\]\.geometry\.type/);
    writeFileSync(join(dir, 'broken.geojson'), '{"type":"FeatureCollection",\n "features": [}');
    const b = await run(['zonal', 'broken.geojson', '--out', 'x.json'], dir);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/broken\.geojson.*not valid JSON/);
    const c = await run(['zonal', 'now.geojson', '--out', 'x.txt'], dir);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/--out/);
    const d = await run(
      ['zonal', 'now.geojson', '--town-distance-km', '-1', '--out', 'x.json'],
      dir,
    );
    expect(d.code).toBe(2);
    const e = await run(['zonal', 'missing.geojson', '--out', 'x.json'], dir);
    expect(e.code).toBe(2);
    expect(e.err).toMatch(/missing\.geojson/);
  });
});
