/**
 * Reading a map layer a user imports: GeoJSON (RFC 7946: a FeatureCollection, a Feature or a bare
 * geometry, any of Point, LineString, Polygon, their Multi* forms and GeometryCollection) or KML
 * 2.2 (Placemarks with Point, LineString, LinearRing, Polygon, MultiGeometry, at any depth of
 * Documents and Folders; parsed locally, no network). The result is one GeoJSON
 * FeatureCollection with the coordinates exactly as given.
 *
 * Every problem is reported with the path of the bad value in the document
 * (`features[12].geometry.coordinates[3]`, `Placemark[4].LineString.coordinates[7]`) and the line
 * of its feature when known, in English or French; up to {@link USER_LAYER_LIMITS}.maxIssues
 * problems are collected so that a file can be fixed in one go.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Lang, defineMessages } from '../i18n/index.js';
import { lineColumnAt } from './omm-json.js';

/** Limits of one imported layer (the body size is limited by the server). */
export const USER_LAYER_LIMITS = {
  maxFeatures: 20_000,
  maxPositions: 1_000_000,
  /** Problems reported at most (the rest are counted). */
  maxIssues: 20,
} as const;

const m = defineMessages({
  en: {
    json: 'not valid JSON: {detail}',
    xml: 'not well-formed XML: {detail}',
    'unknown-format': 'neither GeoJSON nor KML (expected a JSON object or a <kml> document)',
    'not-object': 'expected a JSON object',
    'bad-type':
      'unsupported type {type} (expected FeatureCollection, Feature, Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection)',
    'features-array': 'features must be an array',
    'not-feature': 'expected a Feature (type "Feature")',
    'bad-properties': 'properties must be an object or null',
    'too-many-features': 'too many features: {count} (limit {limit})',
    'too-many-positions': 'too many positions: {count} (limit {limit})',
    'coordinates-array': 'coordinates must be an array',
    'geometries-array': 'geometries must be an array',
    position: 'a position is [longitude, latitude] or [longitude, latitude, altitude] in numbers',
    'not-finite': 'not a finite number: {value}',
    longitude: 'longitude {value} outside −180…180',
    latitude: 'latitude {value} outside −90…90',
    'line-short': 'a line needs at least 2 positions (has {count})',
    'ring-short': 'a ring needs at least 4 positions (has {count})',
    'ring-open': 'ring not closed: its last position must equal its first',
    'no-rings': 'a polygon needs at least one ring',
    'kml-no-kml': 'no <kml> root element',
    'kml-dtd': 'a DOCTYPE or ENTITY declaration is not accepted in a KML file',
    'kml-no-placemark': 'no Placemark with a geometry in the document',
    'kml-no-geometry': 'Placemark without a supported geometry (Point, LineString, Polygon…)',
    'kml-no-outer': 'Polygon without outerBoundaryIs/LinearRing',
    'kml-no-coordinates': 'missing <coordinates>',
    'kml-tuple': 'a coordinate tuple is "longitude,latitude[,altitude]": got "{value}"',
    'more-issues': '{count} more problem(s) not listed',
    empty: 'the layer has no feature',
  },
  fr: {
    json: 'JSON invalide : {detail}',
    xml: 'XML mal formé : {detail}',
    'unknown-format': 'ni GeoJSON ni KML (objet JSON ou document <kml> attendu)',
    'not-object': 'objet JSON attendu',
    'bad-type':
      'type {type} non pris en charge (attendu : FeatureCollection, Feature, Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon ou GeometryCollection)',
    'features-array': 'features doit être un tableau',
    'not-feature': 'Feature attendue (type « Feature »)',
    'bad-properties': 'properties doit être un objet ou null',
    'too-many-features': 'trop d’entités : {count} (limite {limit})',
    'too-many-positions': 'trop de positions : {count} (limite {limit})',
    'coordinates-array': 'coordinates doit être un tableau',
    'geometries-array': 'geometries doit être un tableau',
    position:
      'une position est [longitude, latitude] ou [longitude, latitude, altitude] en nombres',
    'not-finite': 'pas un nombre fini : {value}',
    longitude: 'longitude {value} hors de −180…180',
    latitude: 'latitude {value} hors de −90…90',
    'line-short': 'une ligne demande au moins 2 positions (elle en a {count})',
    'ring-short': 'un anneau demande au moins 4 positions (il en a {count})',
    'ring-open': 'anneau non fermé : sa dernière position doit être égale à la première',
    'no-rings': 'un polygone demande au moins un anneau',
    'kml-no-kml': 'pas d’élément racine <kml>',
    'kml-dtd': 'une déclaration DOCTYPE ou ENTITY n’est pas acceptée dans un fichier KML',
    'kml-no-placemark': 'aucun Placemark avec une géométrie dans le document',
    'kml-no-geometry': 'Placemark sans géométrie prise en charge (Point, LineString, Polygon…)',
    'kml-no-outer': 'Polygon sans outerBoundaryIs/LinearRing',
    'kml-no-coordinates': '<coordinates> manquant',
    'kml-tuple':
      'un tuple de coordonnées s’écrit « longitude,latitude[,altitude] » : reçu « {value} »',
    'more-issues': '{count} autre(s) problème(s) non listé(s)',
    empty: 'la couche n’a aucune entité',
  },
});
type Code = Parameters<typeof m>[1];

/** One problem, located: the path in the document (and the line of its feature when known). */
export interface LayerIssue {
  readonly path: string;
  readonly line?: number;
  readonly message: string;
}

export type LayerFormat = 'geojson' | 'kml';

export interface ParsedLayer {
  readonly format: LayerFormat;
  readonly collection: GeoJSON.FeatureCollection;
  readonly featureCount: number;
  readonly positionCount: number;
  /** Geometry types present, sorted (GeometryCollection members counted by their own type). */
  readonly geometryTypes: string[];
  /** [minLon, minLat, maxLon, maxLat]; null when the layer has no position. */
  readonly bbox: [number, number, number, number] | null;
  /** The document's own name (GeoJSON `name` member, KML Document/name), if any. */
  readonly documentName: string | null;
}

export type ParseLayerResult =
  | { readonly ok: true; readonly layer: ParsedLayer }
  | { readonly ok: false; readonly issues: LayerIssue[] };

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Guesses the format from the first significant character (`<` → KML, `{` → GeoJSON). */
export function sniffLayerFormat(text: string): LayerFormat | null {
  const first = /\S/.exec(text.replace(/^\uFEFF/, ''));
  if (!first) return null;
  if (first[0] === '<') return 'kml';
  if (first[0] === '{') return 'geojson';
  return null;
}

/** Parses an imported layer; the format is sniffed when not given. */
export function parseUserLayer(
  text: string,
  opts: { format?: LayerFormat; lang?: Lang } = {},
): ParseLayerResult {
  const lang = opts.lang ?? 'en';
  const format = opts.format ?? sniffLayerFormat(text);
  if (format === null)
    return { ok: false, issues: [{ path: '(root)', message: m(lang, 'unknown-format') }] };
  return format === 'kml' ? parseKml(text, lang) : parseGeoJson(text, lang);
}

/** Collects issues up to the limit and counts the rest. */
class Issues {
  readonly list: LayerIssue[] = [];
  extra = 0;
  constructor(
    readonly lang: Lang,
    readonly lineOf: (featureIndex: number) => number | undefined,
  ) {}
  add(
    code: Code,
    path: string,
    feature: number | null,
    vars?: Record<string, string | number>,
  ): void {
    if (this.list.length >= USER_LAYER_LIMITS.maxIssues) {
      this.extra++;
      return;
    }
    const line = feature === null ? undefined : this.lineOf(feature);
    this.list.push({
      path,
      ...(line !== undefined ? { line } : {}),
      message: m(this.lang, code, vars),
    });
  }
  result(): LayerIssue[] {
    if (this.extra > 0)
      return [
        ...this.list,
        { path: '(root)', message: m(this.lang, 'more-issues', { count: this.extra }) },
      ];
    return this.list;
  }
}

/** Running totals over the accepted geometries. */
class Totals {
  positions = 0;
  types = new Set<string>();
  minLon = Infinity;
  minLat = Infinity;
  maxLon = -Infinity;
  maxLat = -Infinity;
  add(lon: number, lat: number): void {
    this.positions++;
    if (lon < this.minLon) this.minLon = lon;
    if (lon > this.maxLon) this.maxLon = lon;
    if (lat < this.minLat) this.minLat = lat;
    if (lat > this.maxLat) this.maxLat = lat;
  }
  bbox(): [number, number, number, number] | null {
    return this.positions === 0 ? null : [this.minLon, this.minLat, this.maxLon, this.maxLat];
  }
}

const show = (v: unknown): string => {
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

/** Checks one position; reports at its path. */
function checkPosition(p: unknown, path: string, k: number, issues: Issues, totals: Totals): void {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) {
    issues.add('position', path, k);
    return;
  }
  for (let i = 0; i < p.length; i++) {
    const v: unknown = p[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      issues.add('not-finite', `${path}[${i}]`, k, { value: show(v) });
      return;
    }
  }
  const lon = p[0] as number;
  const lat = p[1] as number;
  if (lon < -180 || lon > 180) return issues.add('longitude', path, k, { value: lon });
  if (lat < -90 || lat > 90) return issues.add('latitude', path, k, { value: lat });
  totals.add(lon, lat);
}

function samePosition(a: unknown, b: unknown): boolean {
  return Array.isArray(a) && Array.isArray(b) && a[0] === b[0] && a[1] === b[1];
}

function checkLine(c: unknown, path: string, k: number, issues: Issues, totals: Totals): void {
  if (!Array.isArray(c)) return issues.add('coordinates-array', path, k);
  if (c.length < 2) issues.add('line-short', path, k, { count: c.length });
  c.forEach((p, i) => checkPosition(p, `${path}[${i}]`, k, issues, totals));
}

function checkPolygon(c: unknown, path: string, k: number, issues: Issues, totals: Totals): void {
  if (!Array.isArray(c)) return issues.add('coordinates-array', path, k);
  if (c.length === 0) return issues.add('no-rings', path, k);
  c.forEach((ring: unknown, r) => {
    const at = `${path}[${r}]`;
    if (!Array.isArray(ring)) return issues.add('coordinates-array', at, k);
    if (ring.length < 4) issues.add('ring-short', at, k, { count: ring.length });
    ring.forEach((p, i) => checkPosition(p, `${at}[${i}]`, k, issues, totals));
    if (ring.length >= 2 && !samePosition(ring[0], ring[ring.length - 1]))
      issues.add('ring-open', `${at}[${ring.length - 1}]`, k);
  });
}

const GEOMETRY_TYPES = new Set([
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
]);

/** Checks a geometry object at `path` (`features[3].geometry`, or '' for a root geometry). */
function checkGeometry(
  g: unknown,
  path: string,
  k: number,
  issues: Issues,
  totals: Totals,
  depth = 0,
): void {
  const at = (sub: string) => (path ? `${path}.${sub}` : sub);
  if (!isObject(g)) return issues.add('not-object', path || '(root)', k);
  const type = g.type;
  // Nested collections are legal but pointless; a few levels are accepted, not unbounded.
  if (
    typeof type !== 'string' ||
    !GEOMETRY_TYPES.has(type) ||
    (type === 'GeometryCollection' && depth > 3)
  )
    return issues.add('bad-type', at('type'), k, { type: show(type) });
  if (type === 'GeometryCollection') {
    if (!Array.isArray(g.geometries)) return issues.add('geometries-array', at('geometries'), k);
    g.geometries.forEach((sub, i) =>
      checkGeometry(sub, at(`geometries[${i}]`), k, issues, totals, depth + 1),
    );
    return;
  }
  totals.types.add(type);
  const c = g.coordinates;
  const cp = at('coordinates');
  if (!Array.isArray(c)) return issues.add('coordinates-array', cp, k);
  switch (type) {
    case 'Point':
      return checkPosition(c, cp, k, issues, totals);
    case 'MultiPoint':
      return c.forEach((p, i) => checkPosition(p, `${cp}[${i}]`, k, issues, totals));
    case 'LineString':
      return checkLine(c, cp, k, issues, totals);
    case 'MultiLineString':
      return c.forEach((l, i) => checkLine(l, `${cp}[${i}]`, k, issues, totals));
    case 'Polygon':
      return checkPolygon(c, cp, k, issues, totals);
    default:
      return c.forEach((p, i) => checkPolygon(p, `${cp}[${i}]`, k, issues, totals));
  }
}

/** Start offsets of the features of a GeoJSON text (`"type": "Feature"`), found once, lazily. */
function featureLines(text: string): (k: number) => number | undefined {
  let offsets: number[] | null = null;
  return (k) => {
    if (!offsets) {
      offsets = [];
      const re = /"type"\s*:\s*"Feature"/g;
      let hit: RegExpExecArray | null;
      while ((hit = re.exec(text))) offsets.push(hit.index);
    }
    const o = offsets[k];
    return o === undefined ? undefined : lineColumnAt(text, o).line;
  };
}

function finish(
  format: LayerFormat,
  features: GeoJSON.Feature[],
  totals: Totals,
  issues: Issues,
  documentName: string | null,
): ParseLayerResult {
  if (totals.positions > USER_LAYER_LIMITS.maxPositions)
    issues.add('too-many-positions', '(root)', null, {
      count: totals.positions,
      limit: USER_LAYER_LIMITS.maxPositions,
    });
  if (issues.list.length === 0 && features.length === 0) issues.add('empty', '(root)', null);
  if (issues.list.length > 0) return { ok: false, issues: issues.result() };
  return {
    ok: true,
    layer: {
      format,
      collection: { type: 'FeatureCollection', features },
      featureCount: features.length,
      positionCount: totals.positions,
      geometryTypes: [...totals.types].sort(),
      bbox: totals.bbox(),
      documentName,
    },
  };
}

function parseGeoJson(text: string, lang: Lang): ParseLayerResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? lineColumnAt(text, Number(pos[1])).line : undefined;
    return {
      ok: false,
      issues: [
        {
          path: '(root)',
          ...(line !== undefined ? { line } : {}),
          message: m(lang, 'json', { detail: msg }),
        },
      ],
    };
  }
  const issues = new Issues(lang, featureLines(text));
  const totals = new Totals();
  if (!isObject(data)) {
    issues.add('not-object', '(root)', null);
    return { ok: false, issues: issues.result() };
  }
  let raw: { f: unknown; path: string }[];
  if (data.type === 'FeatureCollection') {
    if (!Array.isArray(data.features)) {
      issues.add('features-array', 'features', null);
      return { ok: false, issues: issues.result() };
    }
    if (data.features.length > USER_LAYER_LIMITS.maxFeatures) {
      issues.add('too-many-features', 'features', null, {
        count: data.features.length,
        limit: USER_LAYER_LIMITS.maxFeatures,
      });
      return { ok: false, issues: issues.result() };
    }
    raw = data.features.map((f, i) => ({ f, path: `features[${i}]` }));
  } else if (data.type === 'Feature') {
    raw = [{ f: data, path: '' }];
  } else if (typeof data.type === 'string' && GEOMETRY_TYPES.has(data.type)) {
    const before = issues.list.length;
    checkGeometry(data, '', 0, issues, totals);
    const name = typeof data.name === 'string' ? data.name : null;
    const features: GeoJSON.Feature[] =
      issues.list.length === before
        ? [{ type: 'Feature', properties: {}, geometry: data as unknown as GeoJSON.Geometry }]
        : [];
    return finish('geojson', features, totals, issues, name);
  } else {
    issues.add('bad-type', 'type', null, { type: show(data.type) });
    return { ok: false, issues: issues.result() };
  }
  const features: GeoJSON.Feature[] = [];
  // Every feature is checked even past the listed problems, so that the count of the rest is true.
  raw.forEach(({ f, path }, k) => {
    const at = (sub: string) => (path ? `${path}.${sub}` : sub);
    if (!isObject(f) || f.type !== 'Feature') return issues.add('not-feature', at('type'), k);
    if (f.properties !== undefined && f.properties !== null && !isObject(f.properties))
      issues.add('bad-properties', at('properties'), k);
    if (f.geometry !== null) checkGeometry(f.geometry, at('geometry'), k, issues, totals);
    const id = typeof f.id === 'string' || typeof f.id === 'number' ? { id: f.id } : {};
    features.push({
      type: 'Feature',
      ...id,
      properties: isObject(f.properties) ? f.properties : {},
      geometry: f.geometry as GeoJSON.Geometry,
    });
  });
  return finish(
    'geojson',
    features,
    totals,
    issues,
    typeof data.name === 'string' ? data.name : null,
  );
}

// ---------------------------------------------------------------------------------------------
// KML

type XNode = Record<string, unknown>;
const META = XMLParser.getMetaDataSymbol() as symbol;

function startOf(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  return (node as Record<symbol, { startIndex?: number } | undefined>)[META]?.startIndex;
}

const KML_ARRAYS = new Set([
  'Document',
  'Folder',
  'Placemark',
  'Point',
  'LineString',
  'LinearRing',
  'Polygon',
  'MultiGeometry',
  'innerBoundaryIs',
  'Data',
  'SimpleData',
  'SchemaData',
]);

/** Text content of a node that may carry attributes (`#text`) or be a bare value. */
function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (isObject(v) && v['#text'] !== undefined) return textOf(v['#text']);
  return null;
}

function parseKml(text: string, lang: Lang): ParseLayerResult {
  // No DTD: KML needs none, and entity declarations are how XML bombs and external lookups start.
  const dtd = /<!(DOCTYPE|ENTITY)\b/i.exec(text);
  if (dtd)
    return {
      ok: false,
      issues: [
        {
          path: '(root)',
          line: lineColumnAt(text, dtd.index).line,
          message: m(lang, 'kml-dtd'),
        },
      ],
    };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return {
      ok: false,
      issues: [
        {
          path: '(root)',
          line: valid.err.line,
          message: m(lang, 'xml', { detail: valid.err.msg }),
        },
      ],
    };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    captureMetaData: true,
    processEntities: true,
    isArray: (name) => KML_ARRAYS.has(name),
  });
  const doc = parser.parse(text) as XNode;
  const placemarks: XNode[] = [];
  const lines: number[] = [];
  const issues = new Issues(lang, (k) => lines[k]);
  const kml = doc.kml;
  if (!isObject(kml)) {
    issues.add('kml-no-kml', '(root)', null);
    return { ok: false, issues: issues.result() };
  }
  let documentName: string | null = null;
  const found: { p: XNode; at: number }[] = [];
  const walk = (node: XNode, depth: number): void => {
    if (depth > 32) return;
    for (const p of (node.Placemark as XNode[] | undefined) ?? [])
      if (isObject(p)) found.push({ p, at: startOf(p) ?? 0 });
    for (const key of ['Document', 'Folder'] as const) {
      for (const child of (node[key] as XNode[] | undefined) ?? []) {
        if (!isObject(child)) continue;
        if (key === 'Document' && documentName === null) documentName = textOf(child.name);
        walk(child, depth + 1);
      }
    }
  };
  walk(kml, 0);
  // Document order (the parser groups children by tag).
  found.sort((a, b) => a.at - b.at);
  for (const { p, at } of found) {
    placemarks.push(p);
    lines.push(lineColumnAt(text, at).line);
  }
  if (placemarks.length > USER_LAYER_LIMITS.maxFeatures) {
    issues.add('too-many-features', 'Placemark', null, {
      count: placemarks.length,
      limit: USER_LAYER_LIMITS.maxFeatures,
    });
    return { ok: false, issues: issues.result() };
  }
  const totals = new Totals();
  const features: GeoJSON.Feature[] = [];

  const coordinates = (node: XNode, path: string, k: number): number[][] | null => {
    const raw = textOf(node.coordinates);
    if (raw === null) {
      issues.add('kml-no-coordinates', `${path}.coordinates`, k);
      return null;
    }
    const out: number[][] = [];
    let bad = false;
    const tuples = raw.split(/\s+/).filter((t) => t !== '');
    tuples.forEach((t, i) => {
      const at = `${path}.coordinates[${i}]`;
      const parts = t.split(',');
      if (parts.length < 2 || parts.length > 3 || parts.some((x) => x.trim() === '')) {
        bad = true;
        issues.add('kml-tuple', at, k, { value: t.length > 40 ? `${t.slice(0, 40)}…` : t });
        return;
      }
      const nums = parts.map(Number);
      const before = issues.list.length + issues.extra;
      // Same checks as GeoJSON (finite, ranges); the tuple text is shown when not a number.
      if (nums.some((x) => !Number.isFinite(x))) {
        bad = true;
        issues.add('kml-tuple', at, k, { value: t.length > 40 ? `${t.slice(0, 40)}…` : t });
        return;
      }
      checkPosition(nums, at, k, issues, totals);
      if (issues.list.length + issues.extra === before) out.push(nums);
      else bad = true;
    });
    // A bad tuple is reported once: no follow-on "line too short" from the tuples left.
    return bad ? null : out;
  };

  const geometries = (
    container: XNode,
    path: string,
    k: number,
    depth: number,
  ): GeoJSON.Geometry[] => {
    const out: GeoJSON.Geometry[] = [];
    const each = (tag: string, fn: (n: XNode, at: string) => GeoJSON.Geometry | null) => {
      const list = (container[tag] as XNode[] | undefined) ?? [];
      list.forEach((n, i) => {
        const at = `${path}.${tag}${list.length > 1 ? `[${i}]` : ''}`;
        const g = fn(isObject(n) ? n : {}, at);
        if (g) out.push(g);
      });
    };
    each('Point', (n, at) => {
      const c = coordinates(n, at, k);
      if (!c) return null;
      if (c.length !== 1) {
        issues.add('position', `${at}.coordinates`, k);
        return null;
      }
      totals.types.add('Point');
      return { type: 'Point', coordinates: c[0]! };
    });
    each('LineString', (n, at) => {
      const c = coordinates(n, at, k);
      if (!c) return null;
      if (c.length < 2) issues.add('line-short', `${at}.coordinates`, k, { count: c.length });
      totals.types.add('LineString');
      return { type: 'LineString', coordinates: c };
    });
    const ring = (n: XNode, at: string): number[][] | null => {
      const c = coordinates(n, at, k);
      if (!c) return null;
      if (c.length < 4) issues.add('ring-short', `${at}.coordinates`, k, { count: c.length });
      else if (!samePosition(c[0], c[c.length - 1]))
        issues.add('ring-open', `${at}.coordinates[${c.length - 1}]`, k);
      return c;
    };
    each('LinearRing', (n, at) => {
      const r = ring(n, at);
      if (!r) return null;
      totals.types.add('Polygon');
      return { type: 'Polygon', coordinates: [r] };
    });
    each('Polygon', (n, at) => {
      const outer = isObject(n.outerBoundaryIs)
        ? ((n.outerBoundaryIs.LinearRing as XNode[] | undefined) ?? [])[0]
        : undefined;
      if (!outer) {
        issues.add('kml-no-outer', `${at}.outerBoundaryIs`, k);
        return null;
      }
      const rings: number[][][] = [];
      const o = ring(outer, `${at}.outerBoundaryIs.LinearRing`);
      if (o) rings.push(o);
      ((n.innerBoundaryIs as XNode[] | undefined) ?? []).forEach((ib, i) => {
        const lr = isObject(ib) ? ((ib.LinearRing as XNode[] | undefined) ?? [])[0] : undefined;
        if (!lr) return;
        const r = ring(lr, `${at}.innerBoundaryIs[${i}].LinearRing`);
        if (r) rings.push(r);
      });
      totals.types.add('Polygon');
      return { type: 'Polygon', coordinates: rings };
    });
    if (depth < 8)
      each('MultiGeometry', (n, at) => {
        const parts = geometries(n, at, k, depth + 1);
        return parts.length === 0 ? null : merge(parts);
      });
    return out;
  };

  placemarks.forEach((p, k) => {
    const path = `Placemark[${k}]`;
    const before = issues.list.length;
    const parts = geometries(p, path, k, 0);
    if (parts.length === 0) {
      if (issues.list.length === before) issues.add('kml-no-geometry', path, k);
      return;
    }
    const properties: Record<string, unknown> = {};
    const name = textOf(p.name);
    if (name !== null) properties.name = name;
    const description = textOf(p.description);
    if (description !== null) properties.description = description;
    const ext = isObject(p.ExtendedData) ? p.ExtendedData : null;
    for (const d of (ext?.Data as XNode[] | undefined) ?? []) {
      const key = isObject(d) ? d['@_name'] : undefined;
      if (typeof key === 'string' && key !== '') properties[key] = textOf(d.value) ?? '';
    }
    for (const sd of (ext?.SchemaData as XNode[] | undefined) ?? []) {
      for (const d of (isObject(sd) ? (sd.SimpleData as unknown[] | undefined) : undefined) ?? []) {
        const key = isObject(d) ? d['@_name'] : undefined;
        if (typeof key === 'string' && key !== '') properties[key] = textOf(d) ?? '';
      }
    }
    const id = typeof p['@_id'] === 'string' ? { id: p['@_id'] } : {};
    features.push({ type: 'Feature', ...id, properties, geometry: merge(parts) });
  });
  if (placemarks.length === 0) issues.add('kml-no-placemark', 'Placemark', null);
  return finish('kml', features, totals, issues, documentName);
}

/** One geometry from parts: itself, a Multi* when all parts have one type, else a collection. */
function merge(parts: GeoJSON.Geometry[]): GeoJSON.Geometry {
  if (parts.length === 1) return parts[0]!;
  const types = new Set(parts.map((g) => g.type));
  if (types.size === 1) {
    const t = parts[0]!.type;
    if (t === 'Point')
      return {
        type: 'MultiPoint',
        coordinates: parts.map((g) => (g as GeoJSON.Point).coordinates),
      };
    if (t === 'LineString')
      return {
        type: 'MultiLineString',
        coordinates: parts.map((g) => (g as GeoJSON.LineString).coordinates),
      };
    if (t === 'Polygon')
      return {
        type: 'MultiPolygon',
        coordinates: parts.map((g) => (g as GeoJSON.Polygon).coordinates),
      };
  }
  return { type: 'GeometryCollection', geometries: parts };
}
