/**
 * The bundled areas of interest (data/aoi/*.geojson, extracted by scripts/aoi/extract.mjs) and
 * name resolution for `--aoi NAME` / `--region NAME`:
 *
 * - `AES` (also `three`, `all`): the three countries together;
 * - a country: `MLI`, `BFA`, `NER` or its name (`Mali`, `Burkina Faso`, `Niger`);
 * - a first-level region: its ISO 3166-2 code (`ML-7`, `BF-12`, `NE-8`) or its name (`Gao`,
 *   `Tombouctou`/`Timbuktu`, `Sahel`…), accents and case ignored;
 * - a border strip: `border:MLI-NER` (both sides), `border:MLI-NER@MLI` (Mali's side), or
 *   `border:MLI` (every strip inside Mali);
 * - a town: `town:NAME` (the most populous of that name).
 */
import { readFileSync } from 'node:fs';
import { NotFoundError } from '../core/errors.js';
import type { Aoi, AoiGeometry, PolygonCoords } from '../access/aoi/types.js';
import { polygonsOf } from '../access/aoi/types.js';
import { parseAoiGeoJson } from './aoi-geojson.js';
import { bundledDataPath } from './bundled-data.js';

export const AOI_LAYERS = ['countries', 'regions', 'border-strips', 'borders', 'towns'] as const;
export type AoiLayerName = (typeof AOI_LAYERS)[number];

/** Absolute path of a bundled layer (for the dashboard to serve as is). */
export function bundledAoiPath(layer: AoiLayerName): string {
  return bundledDataPath(`aoi/${layer}.geojson`);
}

/** The AOIs of a bundled layer (borders are lines: use {@link loadBundledBorders}). */
export function loadBundledAoiLayer(layer: Exclude<AoiLayerName, 'borders'>): Aoi[] {
  const p = bundledAoiPath(layer);
  return parseAoiGeoJson(readFileSync(p, 'utf8'), p).aois;
}

/** International border segments as lines. */
export function loadBundledBorders(): ReturnType<typeof parseAoiGeoJson>['lines'] {
  const p = bundledAoiPath('borders');
  return parseAoiGeoJson(readFileSync(p, 'utf8'), p).lines;
}

/** Lower case, no accents, no spaces, dashes, apostrophes or underscores. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s\-_'’]/g, '');
}

function merged(id: string, name: string, parts: readonly Aoi[], kind: string): Aoi {
  const polys: PolygonCoords[] = parts.flatMap((a) => [...polygonsOf(a.geometry)]);
  const geometry: AoiGeometry =
    polys.length === 1
      ? { type: 'Polygon', coordinates: polys[0]! }
      : { type: 'MultiPolygon', coordinates: polys };
  return { id, name, geometry, properties: { kind, parts: parts.map((p) => p.id) } };
}

/**
 * Resolves a bundled AOI name (see the module comment).
 * @throws NotFoundError naming close candidates when nothing or several things match.
 */
export function resolveBundledAoi(name: string): Aoi {
  const q = name.trim();
  const n = normalizeName(q);
  const countries = loadBundledAoiLayer('countries');
  if (['aes', 'three', 'all'].includes(n)) {
    return merged('AES', 'Mali, Burkina Faso, Niger', countries, 'countries');
  }
  const lower = q.toLowerCase();
  if (lower.startsWith('border:')) {
    const key = q.slice(7).toUpperCase();
    const strips = loadBundledAoiLayer('border-strips');
    const exact = strips.find((s) => s.id.toUpperCase() === `BORDER:${key}`);
    if (exact) return exact;
    const bySegment = strips.filter((s) => String(s.properties.segment) === key);
    if (bySegment.length > 0) {
      const p = bySegment[0]!.properties;
      return merged(`border:${key}`, String(p.name).replace(/,.*$/, ''), bySegment, 'border-strip');
    }
    const bySide = strips.filter((s) => String(s.properties.side) === key);
    if (bySide.length > 0)
      return merged(`border:${key}`, `Border strips of ${key}`, bySide, 'border-strip');
    throw new NotFoundError(
      `unknown border strip "${q}"; known: ${[...new Set(strips.map((s) => `border:${String(s.properties.segment)}`))].join(', ')}`,
    );
  }
  if (lower.startsWith('town:')) {
    const want = normalizeName(q.slice(5));
    const towns = loadBundledAoiLayer('towns').filter((t) => normalizeName(t.name) === want);
    if (towns.length === 0)
      throw new NotFoundError(`unknown town "${q.slice(5)}" in the bundled towns`);
    return towns[0]!; // the layer is sorted by population
  }
  const regions = loadBundledAoiLayer('regions');
  const candidates = [...countries, ...regions].filter(
    (a) =>
      normalizeName(a.id) === n ||
      normalizeName(a.name) === n ||
      (typeof a.properties.name_fr === 'string' && normalizeName(a.properties.name_fr) === n),
  );
  // A country wins over a region of the same name (Niger the country, not a region).
  const country = candidates.find((c) => c.properties.kind === 'country');
  if (country) return country;
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length > 1) {
    throw new NotFoundError(
      `"${q}" is ambiguous: ${candidates.map((c) => `${c.id} (${c.name})`).join(', ')}; use the code`,
    );
  }
  throw new NotFoundError(
    `unknown area "${q}": use AES, a country (MLI, BFA, NER), a region code or name (${regions
      .slice(0, 4)
      .map((r) => r.id)
      .join(', ')}…), border:MLI-NER, or town:NAME`,
  );
}
