/** Pure logic of the panels: polygon drawing, Gantt layout and version diff, export files. */
import { readFileSync } from 'node:fs';
import area from '@turf/area';
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { NewRequestBody } from '../../src/server/schemas/requests.js';
import { diffVersions, ganttLanes } from '../../web/src/panels/plans/gantt.js';
import {
  EMPTY_DRAFT,
  addVertex,
  bboxOf,
  closeDraft,
  closeProblem,
  draftPolygon,
  selfIntersects,
  undoVertex,
} from '../../web/src/panels/requests/polygon.js';
import {
  areasCollection,
  fileName,
  passesCsv,
  planCsv,
} from '../../web/src/panels/export/build.js';
import type { Pass, PlanVersionDetail, RequestDto } from '../../web/src/panel-kit/dto.js';

const draw = (pts: Array<[number, number]>) => pts.reduce((d, p) => addVertex(d, p), EMPTY_DRAFT);

describe('polygon drawing', () => {
  it('closes a clockwise click order into a counter-clockwise closed ring the server accepts', () => {
    // around Mopti, clicked clockwise
    const d = closeDraft(
      draw([
        [-4.5, 14.8],
        [-3.9, 14.8],
        [-3.9, 14.2],
        [-4.5, 14.2],
      ]),
    );
    expect(d.closed).toBe(true);
    const poly = draftPolygon(d);
    const ring = poly.coordinates[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    let s = 0;
    for (let i = 0; i + 1 < ring.length; i++)
      s += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
    expect(s).toBeGreaterThan(0); // counter-clockwise (RFC 7946 §3.1.6)
    const km2 = area(poly) / 1e6;
    expect(km2).toBeGreaterThan(4000); // 0.6° x 0.6° at 14.5° N ≈ 4 300 km²
    expect(km2).toBeLessThan(4600);
    const body = NewRequestBody.safeParse({
      title: 't',
      aoi: poly,
      priority: 2,
      window: { start: '2026-12-01T00:00:00Z', end: '2026-12-03T00:00:00Z' },
      sensorType: 'any',
      releasability: 'alliance',
    });
    expect(body.success).toBe(true);
  });
  it('ignores the repeated click of a double-click and undoes the last vertex', () => {
    const d = draw([
      [0, 0],
      [1, 0],
      [1, 0],
    ]);
    expect(d.vertices).toHaveLength(2);
    expect(undoVertex(d).vertices).toEqual([[0, 0]]);
  });
  it('refuses to close fewer than three vertices or a bow-tie', () => {
    expect(
      closeProblem(
        draw([
          [0, 0],
          [1, 0],
        ]),
      ),
    ).toBe('requests.draw.tooFew');
    const bowtie = draw([
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(selfIntersects(bowtie.vertices)).toBe(true);
    expect(closeProblem(bowtie)).toBe('requests.draw.crossing');
    expect(closeDraft(bowtie).closed).toBe(false);
    expect(
      selfIntersects(
        draw([
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 1],
        ]).vertices,
      ),
    ).toBe(false);
  });
  it('bounds any geometry', () => {
    const regions = JSON.parse(readFileSync('data/aoi/regions.geojson', 'utf8')) as {
      features: Array<{ geometry: Polygon }>;
    };
    const bb = bboxOf(regions.features.map((f) => f.geometry.coordinates))!;
    // the three countries: roughly 12.3° W – 16° E, 9.4° N – 25° N
    expect(bb[0]).toBeGreaterThan(-13);
    expect(bb[0]).toBeLessThan(-12);
    expect(bb[2]).toBeGreaterThan(15.5);
    expect(bb[3]).toBeGreaterThan(24.5);
    expect(bboxOf([])).toBeNull();
  });
});

describe('plan Gantt', () => {
  const acq = (id: string, sat: string, req: string | null, start: string, end: string) => ({
    id,
    satelliteId: sat,
    requestId: req,
    start,
    end,
  });
  const T = (h: number) => new Date(Date.UTC(2026, 11, 1, h)).toISOString();
  it('puts bars in satellite lanes, clipped to the window, in time order', () => {
    const lanes = ganttLanes(
      [
        acq('a2', 'sat-b', 'r2', T(6), T(7)),
        acq('a1', 'sat-a', 'r1', T(-1), T(1)),
        acq('a3', 'sat-a', 'r3', T(30), T(31)),
      ],
      [{ satelliteId: 'sat-a', stationId: 'bamako', start: T(2), end: T(3) }],
      Date.parse(T(0)),
      Date.parse(T(24)),
      new Set(['a2']),
    );
    expect(lanes.map((l) => l.satelliteId)).toEqual(['sat-a', 'sat-b']);
    const a = lanes[0]!.bars;
    expect(a.map((b) => b.key)).toEqual(['a1', 'dl-0']); // a3 is outside the window
    expect(a[0]!.x).toBe(0);
    expect(a[0]!.w).toBeCloseTo(1 / 24, 12);
    expect(a[1]!.kind).toBe('downlink');
    expect(lanes[1]!.bars[0]!.changed).toBe(true);
  });
  it('tells added, removed and moved requests between versions', () => {
    const v1 = [
      acq('a1', 's1', 'r1', T(1), T(2)),
      acq('a2', 's1', 'r2', T(3), T(4)),
      acq('a3', 's2', 'r3', T(5), T(6)),
    ];
    const v2 = [
      acq('b1', 's1', 'r1', T(1), T(2)),
      acq('b3', 's1', 'r3', T(5), T(6)),
      acq('b4', 's2', 'r4', T(3), T(4)),
    ];
    expect(diffVersions(v1, v2)).toEqual({ added: ['r4'], removed: ['r2'], moved: ['r3'] });
  });
});

describe('export files', () => {
  const pass: Pass = {
    stationId: 'bamako',
    satelliteId: 'sahelsat-1',
    catalogNumber: 99001,
    satelliteName: 'SAHELSAT-1, "demo"',
    aos: '2026-12-01T10:00:00.000Z',
    tca: '2026-12-01T10:05:00.000Z',
    los: '2026-12-01T10:10:00.000Z',
    maxElevationDeg: 45.123456,
    aosAzimuthDeg: 10,
    losAzimuthDeg: 190,
    durationS: 600,
    flags: [],
  };
  it('writes passes with a header and one line per pass', () => {
    const lines = passesCsv([pass, pass]).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split(',')[4]).toBe('aos_utc');
    expect(lines[1]).toContain('"SAHELSAT-1, ""demo"""');
    expect(lines[1]).toContain(',45.123,');
  });
  it('writes a plan version with its acquisitions then its downlinks', () => {
    const v = {
      id: 'p1',
      version: {
        version: 3,
        details: {
          downlinks: [
            {
              satelliteId: 's',
              stationId: 'niamey',
              start: 'a',
              end: 'b',
              volumeGb: 1.23456,
              acquisitionIds: [],
            },
          ],
        },
      },
      acquisitions: [
        { id: 'a1', satelliteId: 's', requestId: null, start: 'x', end: 'y', status: 'planned' },
      ],
    } as unknown as PlanVersionDetail;
    const lines = planCsv(v).trimEnd().split('\r\n');
    expect(lines.slice(1)).toEqual([
      'p1,3,acquisition,a1,s,,,x,y,planned,',
      'p1,3,downlink,downlink-1,s,,niamey,a,b,,1.235',
    ]);
  });
  it('collects requests and AOIs as features and names files safely', () => {
    const r = {
      id: 'r1',
      title: 'T',
      status: 'submitted',
      aoi: { type: 'Point', coordinates: [1, 2] },
      window: { start: 'a', end: 'b' },
    } as unknown as RequestDto;
    const fc = areasCollection(
      [r],
      [
        {
          id: 'x',
          name: 'X',
          geometry: { type: 'Point', coordinates: [3, 4] },
          ownerNation: 'ML',
          releasability: 'alliance',
        },
      ],
    );
    expect(fc.features.map((f) => f.properties!.kind)).toEqual(['request', 'aoi']);
    expect(fileName('plan p1/v3', Date.UTC(2026, 11, 1, 10, 5, 7), 'csv')).toBe(
      'sahelsat-plan-p1-v3-2026-12-01-100507Z.csv',
    );
  });
});
