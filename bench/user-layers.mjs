#!/usr/bin/env node
// Benchmark of an imported map layer's server-side work (issue 7): parsing and checking
// (`parseUserLayer`) and the simplified copy for drawing (`simplifyForDisplay`), on the
// reference geodata read in place (SAHELSAT_REFERENCE_DIR), as GeoJSON and as KML (written by
// the dashboard's KML export logic, re-implemented here in a few lines). The peer measured in
// the same run is `JSON.parse` of the same text (the least any GeoJSON import must do), so the
// ratio stays meaningful on a busy machine. Median of 7 runs after 2 warm-ups; heap growth of
// one import. Needs `npm run build` first.
//
//   SAHELSAT_REFERENCE_DIR=/work/shared/reference node --expose-gc bench/user-layers.mjs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseUserLayer, simplifyForDisplay } from '../dist/io/index.js';

const REF = process.env.SAHELSAT_REFERENCE_DIR ?? join(process.cwd(), '../shared/reference');
const FILES = [
  'river_niger_ne10m.geojson',
  'rivers_west_africa_ne10m.geojson',
  'countries_west_africa_ne10m.geojson',
];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function time(fn, runs = 7, warm = 2) {
  for (let i = 0; i < warm; i++) fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}
const pos = (ps) => ps.map((p) => p.join(',')).join(' ');
function kmlOf(fc) {
  const geom = (g) => {
    switch (g.type) {
      case 'LineString':
        return `<LineString><coordinates>${pos(g.coordinates)}</coordinates></LineString>`;
      case 'MultiLineString':
        return `<MultiGeometry>${g.coordinates.map((c) => geom({ type: 'LineString', coordinates: c })).join('')}</MultiGeometry>`;
      case 'Polygon':
        return `<Polygon>${g.coordinates
          .map(
            (r, i) =>
              `<${i ? 'inner' : 'outer'}BoundaryIs><LinearRing><coordinates>${pos(r)}</coordinates></LinearRing></${i ? 'inner' : 'outer'}BoundaryIs>`,
          )
          .join('')}</Polygon>`;
      case 'MultiPolygon':
        return `<MultiGeometry>${g.coordinates.map((c) => geom({ type: 'Polygon', coordinates: c })).join('')}</MultiGeometry>`;
      default:
        throw new Error(g.type);
    }
  };
  return `<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${fc.features
    .map(
      (f) => `<Placemark><name>${f.properties?.name ?? ''}</name>${geom(f.geometry)}</Placemark>`,
    )
    .join('\n')}</Document></kml>`;
}

const rows = [];
for (const file of FILES) {
  const text = readFileSync(join(REF, 'geodata', file), 'utf8');
  const kml = kmlOf(JSON.parse(text));
  const parsed = parseUserLayer(text);
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.issues)}`);
  const fc = parsed.layer.collection;
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const keep = [parseUserLayer(text), simplifyForDisplay(fc)];
  const heapMb = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const jsonMs = time(() => JSON.parse(text));
  const geojsonMs = time(() => parseUserLayer(text));
  const kmlMs = time(() => parseUserLayer(kml, { format: 'kml' }));
  const simplifyMs = time(() => simplifyForDisplay(fc));
  const s = keep[1];
  rows.push({
    file,
    kB: Math.round(text.length / 1024),
    positions: parsed.layer.positionCount,
    drawn: s ? s.positionCount : parsed.layer.positionCount,
    jsonParseMs: +jsonMs.toFixed(2),
    geojsonMs: +geojsonMs.toFixed(2),
    ratioToJsonParse: +(geojsonMs / jsonMs).toFixed(2),
    kmlKB: Math.round(kml.length / 1024),
    kmlMs: +kmlMs.toFixed(2),
    simplifyMs: +simplifyMs.toFixed(2),
    heapMB: +heapMb.toFixed(1),
  });
}
console.table(rows);
console.log(JSON.stringify(rows));
