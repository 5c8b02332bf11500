/**
 * Reading areas of interest from GeoJSON (RFC 7946): a FeatureCollection, a Feature or a bare
 * geometry. Points, Polygons and MultiPolygons become AOIs; LineStrings and MultiLineStrings are
 * returned apart (they become AOIs only through a corridor buffer). Every problem is a
 * ValidationError naming the file, the line of the feature, and the path of the bad value,
 * e.g. `features[2].geometry.coordinates[0][7]`.
 */
import { ValidationError } from '../core/errors.js';
import type { Aoi, AoiGeometry } from '../access/aoi/types.js';
import type { LineGeometry } from '../access/aoi/corridor.js';
import { validateGeometry } from '../access/aoi/validate.js';
import { type Lang, defineMessages } from '../i18n/index.js';
import { lineColumnAt } from './omm-json.js';

const m = defineMessages({
  en: {
    json: 'not valid JSON',
    'not-object': 'not a GeoJSON object',
    'features-array': 'features must be an array',
    'not-feature': 'not a Feature',
    'no-geometry': 'feature without geometry',
    'duplicate-id': 'duplicate id "{id}"',
    unsupported: 'unsupported geometry type',
    'coordinates-array': 'coordinates must be an array',
    malformed: 'malformed coordinates',
    'line-short': 'line too short',
    position: 'bad position',
    'no-rings': 'polygon without rings',
    'ring-short': 'ring too short',
    'ring-open': 'ring not closed',
    antimeridian: 'edge crosses the antimeridian',
    'self-intersection': 'ring intersects itself (edge {edge} meets edge {otherEdge})',
    'rings-meet': 'ring {ring} meets ring {otherRing} (edge {edge} meets edge {otherEdge})',
  },
  fr: {
    json: 'JSON invalide',
    'not-object': 'pas un objet GeoJSON',
    'features-array': 'features doit être un tableau',
    'not-feature': 'pas une Feature',
    'no-geometry': 'entité sans géométrie',
    'duplicate-id': 'identifiant "{id}" en double',
    unsupported: 'type de géométrie non pris en charge',
    'coordinates-array': 'coordinates doit être un tableau',
    malformed: 'coordonnées mal formées',
    'line-short': 'ligne trop courte',
    position: 'position invalide',
    'no-rings': 'polygone sans anneau',
    'ring-short': 'anneau trop court',
    'ring-open': 'anneau non fermé',
    antimeridian: 'arête traversant l’antiméridien',
    'self-intersection': 'l’anneau se recoupe (l’arête {edge} rencontre l’arête {otherEdge})',
    'rings-meet':
      'l’anneau {ring} touche l’anneau {otherRing} (l’arête {edge} rencontre l’arête {otherEdge})',
  },
});
type Code = Parameters<typeof m>[1];

export interface LineFeature {
  readonly id: string;
  readonly name: string;
  readonly geometry: LineGeometry;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface GeoJsonLayer {
  readonly aois: Aoi[];
  readonly lines: LineFeature[];
}

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Line of the k-th feature object in the text (counting `"type": "Feature"` occurrences). */
function featureLine(text: string, k: number): number | undefined {
  const re = /"type"\s*:\s*"Feature"/g;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (i++ === k) return lineColumnAt(text, m.index).line;
  }
  return undefined;
}

/**
 * Parses a GeoJSON text into AOIs and lines. Ids come from `properties.id`, then the feature's
 * `id`, then `<file>#<index>`; names from `properties.name`, then the id.
 * @throws ValidationError on bad JSON, an unsupported type or an invalid geometry.
 */
export function parseAoiGeoJson(text: string, fileName: string, lang: Lang = 'en'): GeoJsonLayer {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    throw new ValidationError(m(lang, 'json'), {
      location: { file: fileName, ...(pos ? lineColumnAt(text, Number(pos[1])) : {}) },
      received: msg,
    });
  }
  const fail = (
    code: Code,
    field: string,
    k: number | null,
    more = {},
    vars?: Record<string, string | number>,
  ): never => {
    const line = k === null ? undefined : featureLine(text, k);
    throw new ValidationError(m(lang, code, vars), {
      location: { file: fileName, ...(line !== undefined ? { line } : {}), field },
      ...more,
    });
  };
  if (!isObject(data)) return fail('not-object', '(root)', null);
  let features: { f: Json; path: string }[];
  if (data.type === 'FeatureCollection') {
    if (!Array.isArray(data.features)) return fail('features-array', 'features', null);
    features = data.features.map((f, i) => ({ f: f as Json, path: `features[${i}]` }));
  } else if (data.type === 'Feature') {
    features = [{ f: data, path: '(root)' }];
  } else {
    features = [{ f: { type: 'Feature', properties: {}, geometry: data }, path: '(root)' }];
  }
  const aois: Aoi[] = [];
  const lines: LineFeature[] = [];
  const ids = new Set<string>();
  features.forEach(({ f, path }, k) => {
    const at = (sub: string): string => (path === '(root)' ? sub : `${path}.${sub}`);
    if (!isObject(f) || f.type !== 'Feature')
      fail('not-feature', at('type'), k, { expected: '"Feature"' });
    const props = isObject(f.properties) ? f.properties : {};
    const g = f.geometry;
    if (!isObject(g)) return fail('no-geometry', at('geometry'), k);
    const rawId = props.id ?? f.id;
    const id =
      typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : `${fileName}#${k}`;
    if (ids.has(id)) fail('duplicate-id', at('properties.id'), k, {}, { id });
    ids.add(id);
    const name = typeof props.name === 'string' ? props.name : id;
    if (g.type === 'LineString' || g.type === 'MultiLineString') {
      checkLine(g, (code, p, more) => fail(code, at(`geometry.${p}`), k, more));
      lines.push({ id, name, geometry: g as unknown as LineGeometry, properties: props });
      return;
    }
    if (g.type !== 'Point' && g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
      fail('unsupported', at('geometry.type'), k, {
        expected: 'Point, Polygon or MultiPolygon (LineString for a corridor)',
        received: String(g.type),
      });
    }
    if (!Array.isArray(g.coordinates)) fail('coordinates-array', at('geometry.coordinates'), k);
    const geometry = g as unknown as AoiGeometry;
    let issues;
    try {
      issues = validateGeometry(geometry);
    } catch {
      return fail('malformed', at('geometry.coordinates'), k, {
        expected: 'nested arrays of [longitude, latitude]',
      });
    }
    const first = issues[0];
    if (first) {
      fail(
        first.code,
        at(`geometry.${first.path}`),
        k,
        {
          ...(first.expected !== undefined ? { expected: first.expected } : {}),
          ...(first.received !== undefined ? { received: first.received } : {}),
        },
        first.vars,
      );
    }
    aois.push({ id, name, geometry, properties: props });
  });
  return { aois, lines };
}

function checkLine(
  g: Json,
  fail: (
    code: 'coordinates-array' | 'line-short' | 'position',
    path: string,
    more: object,
  ) => never,
): void {
  const parts = g.type === 'LineString' ? [g.coordinates] : (g.coordinates as unknown[]);
  if (!Array.isArray(parts)) fail('coordinates-array', 'coordinates', {});
  parts.forEach((line, i) => {
    const base = g.type === 'LineString' ? 'coordinates' : `coordinates[${i}]`;
    if (!Array.isArray(line) || line.length < 2)
      fail('line-short', base, { expected: 'at least 2 positions' });
    (line as unknown[]).forEach((p, j) => {
      const ok =
        Array.isArray(p) &&
        Number.isFinite(p[0]) &&
        Number.isFinite(p[1]) &&
        Math.abs(p[0] as number) <= 180 &&
        Math.abs(p[1] as number) <= 90;
      if (!ok)
        fail('position', `${base}[${j}]`, {
          expected: '[longitude −180…180, latitude −90…90]',
          received: JSON.stringify(p),
        });
    });
  });
}
