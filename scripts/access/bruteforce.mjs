#!/usr/bin/env node
/**
 * Writes the brute-force access reference that test/access/bruteforce.test.ts checks the access
 * finder against: real element sets (the shared reference's sahel-eo-leo-50.tle, named by
 * catalogue number, not copied), towns of the three countries, five sensors covering the three
 * kinds (agile optical with and without an incidence limit, right-looking and two-sided SAR,
 * fixed nadir), sampled every STEP_MS with the independent kernel of bruteforce-lib.mjs.
 *
 * Usage (repository root; about a minute):
 *   node scripts/access/bruteforce.mjs ../shared/reference/tle/sahel-eo-leo-50.tle \
 *     > test/fixtures/access/bruteforce-sahel-3d.json
 */
import { readFileSync } from 'node:fs';
import { twoline2satrec } from 'satellite.js';
import { bruteForceWindowsMulti } from './bruteforce-lib.mjs';

const START = '2026-03-19T00:00:00.000Z';
const DAYS = 3;
const STEP_MS = 500;
const SATELLITES = [39634, 40697, 43180, 43876, 25544]; // S1A, S2A, Kanopus-V 3 and 5, ISS
export const TARGETS = [
  { id: 'bamako', latitudeDeg: 12.6392, longitudeDeg: -8.0029, altitudeKm: 0.35 },
  { id: 'ouagadougou', latitudeDeg: 12.3714, longitudeDeg: -1.5197, altitudeKm: 0.305 },
  { id: 'niamey', latitudeDeg: 13.5116, longitudeDeg: 2.1254, altitudeKm: 0.207 },
  { id: 'gao', latitudeDeg: 16.2717, longitudeDeg: -0.0447, altitudeKm: 0.26 },
  { id: 'tombouctou', latitudeDeg: 16.7735, longitudeDeg: -3.0074, altitudeKm: 0.26 },
  { id: 'agadez', latitudeDeg: 16.9733, longitudeDeg: 7.9911, altitudeKm: 0.52 },
];
export const SENSORS = [
  {
    id: 'agile-40',
    name: 'agile optical 40°',
    kind: 'optical',
    maxOffNadirDeg: 40,
    swathKm: 23.3,
    minSunElevationDeg: 10,
  },
  {
    id: 'agile-narrow',
    name: 'agile optical 12°, incidence ≤ 13.5°',
    kind: 'optical',
    maxOffNadirDeg: 12,
    maxIncidenceDeg: 13.5,
  },
  {
    id: 'sar-right',
    name: 'SAR 29.1–46°, right',
    kind: 'sar',
    incidenceNearDeg: 29.1,
    incidenceFarDeg: 46,
    lookSide: 'right',
  },
  {
    id: 'sar-both',
    name: 'SAR 20–45°, both sides',
    kind: 'sar',
    incidenceNearDeg: 20,
    incidenceFarDeg: 45,
    lookSide: 'both',
  },
  {
    id: 'nadir-290',
    name: 'nadir 290 km, sun ≥ 10°',
    kind: 'nadir',
    swathKm: 290,
    minSunElevationDeg: 10,
  },
];

function readTle(path) {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const out = new Map();
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i].startsWith('1 ') && lines[i + 1].startsWith('2 ')) {
      out.set(Number(lines[i].slice(2, 7)), [lines[i], lines[i + 1]]);
    }
  }
  return out;
}

function main() {
  const path = process.argv[2];
  if (!path) throw new Error('usage: bruteforce.mjs TLE_FILE');
  const tles = readTle(path);
  const startMs = Date.parse(START);
  const endMs = startMs + DAYS * 86_400_000;
  const iso = (t) => (t === null ? null : new Date(t).toISOString());
  const windows = {};
  for (const norad of SATELLITES) {
    const [l1, l2] = tles.get(norad);
    const satrec = twoline2satrec(l1, l2);
    const res = bruteForceWindowsMulti(satrec, SENSORS, TARGETS, startMs, endMs, STEP_MS);
    windows[norad] = Object.fromEntries(
      SENSORS.map((s, i) => [
        s.id,
        Object.fromEntries(
          Object.entries(res[i]).map(([tid, list]) => [
            tid,
            list.map((w) => ({
              start: iso(w.start),
              end: iso(w.end),
              before: w.before === undefined ? undefined : iso(w.before),
              after: w.after === undefined ? undefined : iso(w.after),
              best: iso(w.best),
              minOffNadirDeg: Number(w.minOffNadirDeg.toFixed(4)),
            })),
          ]),
        ),
      ]),
    );
    process.stderr.write(`${norad} done\n`);
  }
  const fixture = {
    generator: 'scripts/access/bruteforce.mjs',
    method: `every ${STEP_MS} ms: satellite.js SGP4, gstime/eciToEcf, geodeticToEcf, Almanac Sun; see scripts/access/bruteforce-lib.mjs`,
    tleFile: 'tle/sahel-eo-leo-50.tle',
    start: START,
    days: DAYS,
    stepMs: STEP_MS,
    satellites: SATELLITES,
    targets: TARGETS,
    sensors: SENSORS,
    windows,
  };
  process.stdout.write(`${JSON.stringify(fixture, null, 1)}\n`);
}

main();
