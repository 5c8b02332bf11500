/**
 * CQL2-JSON filters (OGC 21-065): parsing with located errors, and evaluation against items.
 * Supported: comparison (`=`, `<>`, `<`, `<=`, `>`, `>=`, `isNull`), logical (`and`, `or`,
 * `not`) and the spatial function `s_intersects`, with property references, strings, numbers,
 * booleans, `{timestamp}`, `{date}`, `{bbox}` and GeoJSON geometry literals. Evaluation uses
 * three-valued logic: a comparison with a missing or null property, or between values of
 * different types, is unknown, and only items for which the filter is true are selected.
 */
import { badParameter } from './errors.js';
import { type Geometry, bboxPolygon, geometriesIntersect } from './geometry.js';
import { parseGeometry } from './geojson.js';

export type Scalar =
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'timestamp'; readonly ms: number }
  | { readonly kind: 'null' };

export type SpatialArg =
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'geometry'; readonly geometry: Geometry };

export type Filter =
  | { readonly op: 'and' | 'or'; readonly args: readonly Filter[] }
  | { readonly op: 'not'; readonly arg: Filter }
  | { readonly op: ComparisonOp; readonly left: Scalar; readonly right: Scalar }
  | { readonly op: 'isNull'; readonly arg: Scalar }
  | { readonly op: 's_intersects'; readonly left: SpatialArg; readonly right: SpatialArg }
  | { readonly op: 'literal'; readonly value: boolean };

export const COMPARISON_OPS = ['=', '<>', '<', '<=', '>', '>='] as const;
type ComparisonOp = (typeof COMPARISON_OPS)[number];

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 date-time to UTC ms, or null. */
export function parseRfc3339(text: string): number | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [, , mo, d, h, mi, s] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 60) return null;
  const ms = Date.parse(text.replace(/t/, 'T').replace(/z$/, 'Z').replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : null;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Parses a CQL2-JSON expression.
 * @throws StacError 400 naming the path of the first problem (e.g. `filter.args[1].op`).
 */
export function parseCql2(json: unknown, path = 'filter'): Filter {
  if (typeof json === 'boolean') return { op: 'literal', value: json };
  if (!isObject(json) || typeof json.op !== 'string') throw badParameter(path, 'cql2.expression');
  const op = json.op.toLowerCase();
  const args = json.args;
  if (!Array.isArray(args)) throw badParameter(`${path}.args`, 'cql2.args');
  const argPath = (i: number) => `${path}.args[${i}]`;
  const arity = (n: number) => {
    if (args.length !== n)
      throw badParameter(`${path}.args`, 'cql2.arity', {
        op: String(json.op),
        n,
        got: args.length,
      });
  };
  switch (op) {
    case 'and':
    case 'or':
      if (args.length < 2) throw badParameter(`${path}.args`, 'cql2.arity-min', { op });
      return { op, args: args.map((a, i) => parseCql2(a, argPath(i))) };
    case 'not':
      arity(1);
      return { op: 'not', arg: parseCql2(args[0], argPath(0)) };
    case '=':
    case '<>':
    case '<':
    case '<=':
    case '>':
    case '>=':
      arity(2);
      return { op, left: scalar(args[0], argPath(0)), right: scalar(args[1], argPath(1)) };
    case 'isnull':
      arity(1);
      return { op: 'isNull', arg: scalar(args[0], argPath(0)) };
    case 's_intersects':
      arity(2);
      return {
        op: 's_intersects',
        left: spatial(args[0], argPath(0)),
        right: spatial(args[1], argPath(1)),
      };
    default:
      throw badParameter(`${path}.op`, 'cql2.operator', { op: String(json.op) });
  }
}

function scalar(x: unknown, path: string): Scalar {
  if (x === null) return { kind: 'null' };
  if (typeof x === 'string') return { kind: 'string', value: x };
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) throw badParameter(path, 'cql2.number');
    return { kind: 'number', value: x };
  }
  if (typeof x === 'boolean') return { kind: 'boolean', value: x };
  if (isObject(x)) {
    if (typeof x.property === 'string') return { kind: 'property', name: x.property };
    if (typeof x.timestamp === 'string') {
      const ms = parseRfc3339(x.timestamp);
      if (ms === null) throw badParameter(`${path}.timestamp`, 'cql2.timestamp');
      return { kind: 'timestamp', ms };
    }
    if (typeof x.date === 'string') {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(x.date) || !Number.isFinite(Date.parse(x.date)))
        throw badParameter(`${path}.date`, 'cql2.date');
      return { kind: 'timestamp', ms: Date.parse(`${x.date}T00:00:00Z`) };
    }
  }
  throw badParameter(path, 'cql2.scalar');
}

function spatial(x: unknown, path: string): SpatialArg {
  if (isObject(x) && typeof x.property === 'string') return { kind: 'property', name: x.property };
  if (isObject(x) && Array.isArray(x.bbox)) {
    const b = x.bbox;
    if ((b.length !== 4 && b.length !== 6) || !b.every((v) => typeof v === 'number'))
      throw badParameter(`${path}.bbox`, 'cql2.bbox');
    const n = b as number[];
    const [w, s, e, nn] = n.length === 4 ? n : [n[0]!, n[1]!, n[3]!, n[4]!];
    return { kind: 'geometry', geometry: bboxPolygon([w!, s!, e!, nn!]) };
  }
  return { kind: 'geometry', geometry: parseGeometry(x, path) };
}

/** What a filter is evaluated against. */
export interface FilterTarget {
  readonly id: string;
  readonly collection: string;
  readonly geometry: Geometry;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** Properties holding RFC 3339 instants, compared as instants. */
const TEMPORAL = new Set(['datetime', 'start_datetime', 'end_datetime', 'created', 'updated']);

type Value = string | number | boolean | { readonly ms: number } | null;

function propertyName(name: string): string {
  return name.startsWith('properties.') ? name.slice('properties.'.length) : name;
}

function valueOf(s: Scalar, t: FilterTarget): Value {
  switch (s.kind) {
    case 'null':
      return null;
    case 'timestamp':
      return { ms: s.ms };
    case 'property': {
      const name = propertyName(s.name);
      if (name === 'id') return t.id;
      if (name === 'collection') return t.collection;
      const v = t.properties[name];
      if (v === undefined || v === null) return null;
      if (TEMPORAL.has(name) && typeof v === 'string') {
        const ms = parseRfc3339(v);
        return ms === null ? v : { ms };
      }
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
    }
    default:
      return s.value;
  }
}

/** Compares two values: negative, zero, positive, or null when they are not comparable. */
function compare(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'object' || typeof b === 'object') {
    const x = typeof a === 'object' ? a.ms : typeof a === 'string' ? parseRfc3339(a) : null;
    const y = typeof b === 'object' ? b.ms : typeof b === 'string' ? parseRfc3339(b) : null;
    return x === null || y === null ? null : x - y;
  }
  if (typeof a !== typeof b) return null;
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (typeof a === 'number') return a - (b as number);
  return Number(a) - Number(b as boolean);
}

function geometryOf(arg: SpatialArg, t: FilterTarget): Geometry | null {
  if (arg.kind === 'geometry') return arg.geometry;
  return propertyName(arg.name) === 'geometry' ? t.geometry : null;
}

/** Evaluates a filter: true, false, or null (unknown). */
export function evaluate(f: Filter, t: FilterTarget): boolean | null {
  switch (f.op) {
    case 'literal':
      return f.value;
    case 'and': {
      let unknown = false;
      for (const a of f.args) {
        const v = evaluate(a, t);
        if (v === false) return false;
        if (v === null) unknown = true;
      }
      return unknown ? null : true;
    }
    case 'or': {
      let unknown = false;
      for (const a of f.args) {
        const v = evaluate(a, t);
        if (v === true) return true;
        if (v === null) unknown = true;
      }
      return unknown ? null : false;
    }
    case 'not': {
      const v = evaluate(f.arg, t);
      return v === null ? null : !v;
    }
    case 'isNull':
      return valueOf(f.arg, t) === null;
    case 's_intersects': {
      const a = geometryOf(f.left, t);
      const b = geometryOf(f.right, t);
      return a === null || b === null ? null : geometriesIntersect(a, b);
    }
    default: {
      const c = compare(valueOf(f.left, t), valueOf(f.right, t));
      if (c === null) return null;
      switch (f.op) {
        case '=':
          return c === 0;
        case '<>':
          return c !== 0;
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        default:
          return c >= 0;
      }
    }
  }
}
