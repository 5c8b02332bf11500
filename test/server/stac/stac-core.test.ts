/**
 * The STAC search core without a server: the spatial predicate, CQL2-JSON parsing and
 * three-valued evaluation, datetime intervals, and paging/sorting over a fixed item list.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, parseCql2, parseRfc3339 } from '../../../src/server/stac/cql2.js';
import { StacError } from '../../../src/server/stac/errors.js';
import {
  type Geometry,
  bboxPolygon,
  geometriesIntersect,
  pointInPolygon,
} from '../../../src/server/stac/geometry.js';
import {
  parseDatetime,
  parseSearchBody,
  parseSearchQuery,
  searchItems,
} from '../../../src/server/stac/search.js';
import type { StacItemRecord } from '../../../src/store/index.js';

const square = (x: number, y: number, d: number): Geometry => bboxPolygon([x, y, x + d, y + d]);
const pt = (x: number, y: number): Geometry => ({ type: 'Point', coordinates: [x, y] });

describe('geometriesIntersect', () => {
  it('follows the OGC Intersects predicate: overlap, containment, touching, disjoint', () => {
    expect(geometriesIntersect(square(0, 0, 2), square(1, 1, 2))).toBe(true); // overlap
    expect(geometriesIntersect(square(0, 0, 10), square(4, 4, 1))).toBe(true); // containment
    expect(geometriesIntersect(square(4, 4, 1), square(0, 0, 10))).toBe(true);
    expect(geometriesIntersect(square(0, 0, 1), square(1, 0, 1))).toBe(true); // shared edge
    expect(geometriesIntersect(square(0, 0, 1), square(1, 1, 1))).toBe(true); // shared corner
    expect(geometriesIntersect(square(0, 0, 1), square(1.0001, 0, 1))).toBe(false);
    expect(geometriesIntersect(pt(0.5, 0.5), square(0, 0, 1))).toBe(true);
    expect(geometriesIntersect(pt(1, 0.5), square(0, 0, 1))).toBe(true); // on the boundary
    expect(geometriesIntersect(pt(1.5, 0.5), square(0, 0, 1))).toBe(false);
    const line: Geometry = {
      type: 'LineString',
      coordinates: [
        [-1, 0.5],
        [2, 0.5],
      ],
    };
    expect(geometriesIntersect(line, square(0, 0, 1))).toBe(true); // crosses, no vertex inside
  });

  it('does not count a polygon inside another one’s hole', () => {
    const donut: Geometry = {
      type: 'Polygon',
      coordinates: [
        (bboxPolygon([0, 0, 10, 10]).coordinates as number[][][])[0]!,
        (bboxPolygon([3, 3, 7, 7]).coordinates as number[][][])[0]!,
      ],
    };
    expect(geometriesIntersect(donut, square(4, 4, 1))).toBe(false);
    expect(geometriesIntersect(donut, square(2, 2, 2))).toBe(true); // straddles the hole edge
    expect(pointInPolygon([5, 5], donut.coordinates as number[][][])).toBe(false);
    const multi: Geometry = {
      type: 'MultiPolygon',
      coordinates: [
        bboxPolygon([20, 20, 21, 21]).coordinates,
        bboxPolygon([0, 0, 1, 1]).coordinates,
      ] as never,
    };
    expect(geometriesIntersect(multi, pt(0.5, 0.5))).toBe(true);
  });

  it('agrees with a brute-force pixel test on random quadrilaterals', () => {
    // Random convex-ish quads on a small integer lattice; the reference tests lattice points
    // at 1/8 steps, so only pairs whose answer the lattice decides without ambiguity count.
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 8;
    let checked = 0;
    for (let k = 0; k < 300; k++) {
      const a = square(Math.floor(rnd()), Math.floor(rnd()), 1 + Math.floor(rnd() / 2));
      const b = square(Math.floor(rnd()), Math.floor(rnd()), 1 + Math.floor(rnd() / 2));
      const [ra] = a.coordinates as number[][][];
      const [rb] = b.coordinates as number[][][];
      let shared = false;
      for (let x = 0; x <= 16 * 8 && !shared; x++)
        for (let y = 0; y <= 16 * 8 && !shared; y++) {
          const p = [x / 8, y / 8];
          shared = pointInPolygon(p, [ra!]) && pointInPolygon(p, [rb!]);
        }
      expect(geometriesIntersect(a, b)).toBe(shared);
      checked++;
    }
    expect(checked).toBe(300);
  });
});

describe('CQL2-JSON', () => {
  const target = {
    id: 'a',
    collection: 'sahelsat-flood',
    geometry: square(0, 0, 1),
    properties: {
      datetime: '2026-08-01T10:00:00Z',
      'sahelsat:area_km2': 12.5,
      'sahelsat:nation': 'ML',
      flag: true,
    },
  };
  const f = (json: unknown) => evaluate(parseCql2(json), target);

  it('compares numbers, strings, booleans and instants', () => {
    expect(f({ op: '>', args: [{ property: 'sahelsat:area_km2' }, 10] })).toBe(true);
    expect(f({ op: '<=', args: [{ property: 'sahelsat:area_km2' }, 12.5] })).toBe(true);
    expect(f({ op: '<>', args: [{ property: 'sahelsat:nation' }, 'ML'] })).toBe(false);
    expect(f({ op: '=', args: [{ property: 'flag' }, true] })).toBe(true);
    expect(f({ op: '=', args: [{ property: 'id' }, 'a'] })).toBe(true);
    expect(f({ op: '=', args: [{ property: 'collection' }, 'sahelsat-flood'] })).toBe(true);
    expect(
      f({ op: '>=', args: [{ property: 'datetime' }, { timestamp: '2026-08-01T10:00:00Z' }] }),
    ).toBe(true);
    expect(f({ op: '<', args: [{ property: 'datetime' }, { date: '2026-08-01' }] })).toBe(false);
  });

  it('uses three-valued logic for missing properties and mismatched types', () => {
    expect(f({ op: '=', args: [{ property: 'missing' }, 1] })).toBe(null);
    expect(f({ op: 'not', args: [{ op: '=', args: [{ property: 'missing' }, 1] }] })).toBe(null);
    expect(f({ op: 'isNull', args: [{ property: 'missing' }] })).toBe(true);
    expect(f({ op: 'isNull', args: [{ property: 'sahelsat:nation' }] })).toBe(false);
    expect(f({ op: '=', args: [{ property: 'sahelsat:nation' }, 3] })).toBe(null);
    const unknown = { op: '=', args: [{ property: 'missing' }, 1] };
    const yes = { op: '=', args: [{ property: 'id' }, 'a'] };
    const no = { op: '=', args: [{ property: 'id' }, 'b'] };
    expect(f({ op: 'or', args: [unknown, yes] })).toBe(true);
    expect(f({ op: 'or', args: [unknown, no] })).toBe(null);
    expect(f({ op: 'and', args: [unknown, no] })).toBe(false);
    expect(f({ op: 'and', args: [yes, { op: 'not', args: [no] }] })).toBe(true);
  });

  it('evaluates s_intersects with geometries and bbox literals', () => {
    expect(f({ op: 's_intersects', args: [{ property: 'geometry' }, pt(0.5, 0.5)] })).toBe(true);
    expect(
      f({ op: 's_intersects', args: [{ property: 'geometry' }, { bbox: [2, 2, 3, 3] }] }),
    ).toBe(false);
  });

  it('refuses malformed filters with the path of the problem', () => {
    const path = (json: unknown) => {
      try {
        parseCql2(json);
        return 'accepted';
      } catch (err) {
        expect(err).toBeInstanceOf(StacError);
        expect((err as StacError).status).toBe(400);
        return (err as Error).message;
      }
    };
    expect(path({ op: 'like', args: [{ property: 'id' }, 'a%'] })).toMatch(
      /^filter\.op: unsupported/,
    );
    expect(path({ op: 'and', args: [{ op: '=', args: [1] }, true] })).toMatch(
      /^filter\.args\[0\]\.args/,
    );
    expect(path({ op: '=', args: [{ property: 'datetime' }, { timestamp: 'yesterday' }] })).toMatch(
      /^filter\.args\[1\]\.timestamp/,
    );
    expect(
      path({
        op: 's_intersects',
        args: [
          { property: 'geometry' },
          {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 0],
                [0, 0],
              ],
            ],
          },
        ],
      }),
    ).toMatch(/^filter\.args\[1\]\.coordinates\[0\]/);
    expect(path({ args: [] })).toMatch(/^filter: expected a CQL2-JSON/);
  });
});

describe('search parameters', () => {
  it('parses datetime instants and intervals with open ends, and refuses bad ones', () => {
    const t = parseRfc3339('2026-08-01T10:00:00Z')!;
    expect(parseDatetime('2026-08-01T10:00:00Z')).toEqual({ startMs: t, endMs: t });
    expect(parseDatetime('2026-08-01T10:00:00Z/..')).toEqual({ startMs: t });
    expect(parseDatetime('../2026-08-01T10:00:00Z')).toEqual({ endMs: t });
    expect(parseDatetime('/2026-08-01T10:00:00Z')).toEqual({ endMs: t });
    expect(parseDatetime('2026-08-01t12:00:00.5+02:00/')).toEqual({ startMs: t + 500 });
    for (const bad of [
      '../..',
      '/',
      '2026-08-01',
      '2026-13-01T00:00:00Z',
      'a/b/c',
      '2026-08-02T00:00:00Z/2026-08-01T00:00:00Z',
    ])
      expect(() => parseDatetime(bad), bad).toThrow(StacError);
  });

  it('refuses bad bbox, limit, token, sortby, unknown parameters and bbox with intersects', () => {
    const bad = (q: Record<string, unknown>) => () => parseSearchQuery(q);
    expect(bad({ bbox: '1,2,3' })).toThrow(/^bbox:/);
    expect(bad({ bbox: '0,10,1,5' })).toThrow(/^bbox: latitudes/);
    expect(bad({ limit: '0' })).toThrow(/^limit:/);
    expect(bad({ limit: 'ten' })).toThrow(/^limit:/);
    expect(bad({ token: 'garbage!' })).toThrow(/^token:/);
    expect(bad({ colour: 'red' })).toThrow(/^colour: unknown parameter/);
    expect(bad({ bbox: '0,0,1,1', intersects: '{"type":"Point","coordinates":[0,0]}' })).toThrow(
      /^intersects:/,
    );
    expect(bad({ filter: 'id = 1' })).toThrow(/cql2-text is not supported/);
    expect(bad({ filter: '{"op":"=","args":[1,1]}', 'filter-lang': 'cql2-text' })).toThrow(
      /^filter-lang/,
    );
    expect(() => parseSearchBody({ sortby: [{ field: 'id', direction: 'up' }] })).toThrow(
      /^sortby\[0\]\.direction/,
    );
    expect(parseSearchQuery({ limit: '100000' }).limit).toBe(1000);
    expect(parseSearchQuery({ sortby: '-properties.datetime,+id' }).sortby).toEqual([
      { field: 'properties.datetime', direction: 'desc' },
      { field: 'id', direction: 'asc' },
    ]);
  });

  it('pages over a total order: every item once, sorted as asked, missing values last', () => {
    const items: StacItemRecord[] = Array.from({ length: 23 }, (_, i) => ({
      collectionId: i % 2 ? 'b' : 'a',
      id: `item-${String(i).padStart(2, '0')}`,
      datetimeMs: Date.UTC(2026, 7, 1) + (i % 5) * 3600_000, // ties on purpose
      startMs: 0,
      endMs: 0,
      bbox: { minLon: i, minLat: 0, maxLon: i + 1, maxLat: 1 },
      geometry: square(i, 0, 1) as StacItemRecord['geometry'],
      properties: i % 4 === 0 ? {} : { score: i % 7 },
      assets: {},
      links: [],
      extensions: [],
      ownerNation: 'ML',
      releasability: 'alliance',
      createdAtMs: 0,
      updatedAtMs: 0,
    }));
    for (const sortby of [
      [],
      [{ field: 'score', direction: 'desc' as const }],
      [{ field: 'id', direction: 'asc' as const }],
    ]) {
      const seen: string[] = [];
      let offset = 0;
      for (;;) {
        const p = searchItems(items, { limit: 5, offset, sortby });
        seen.push(...p.items.map((i) => i.id));
        expect(p.matched).toBe(23);
        if (p.nextOffset === null) break;
        offset = p.nextOffset;
      }
      expect(seen).toHaveLength(23);
      expect(new Set(seen).size).toBe(23);
      if (sortby[0]?.field === 'score') {
        const scores = seen.map(
          (id) => items.find((i) => i.id === id)!.properties.score as number | undefined,
        );
        const present = scores.filter((s) => s !== undefined) as number[];
        expect(present).toEqual([...present].sort((a, b) => b - a));
        expect(scores.slice(present.length).every((s) => s === undefined)).toBe(true);
      }
    }
    const hit = searchItems(items, { limit: 50, offset: 0, sortby: [], intersects: pt(3.5, 0.5) });
    expect(hit.items.map((i) => i.id)).toEqual(['item-03']);
  });
});
