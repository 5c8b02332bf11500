/**
 * A seeded scenario generator over Mali, Burkina Faso and Niger, for tests and benchmarks.
 * Pure: the caller passes the constellation designs, sensors, stations and the bundled areas
 * (io/planner-inputs.ts loads them from data/). Satellites beyond the designed ones are copies
 * of them moved along the orbit and across local times, so that 6 satellites fly in 3 planes.
 *
 * Requests: the nation drawn with equal odds (5 % alliance); AOI a town point (35 %), a box of
 * 10–60 km around a town or inside a region (45 %), a 50 × 80 km piece of a border strip
 * (15 %, recurring every day or every 3 days), a small region (5 %); a window of 6 h to the
 * whole horizon; priority 1–5 (more low-priority ones); sensor optical 70 %, radar 20 %, any
 * 10 %; a third of them with a tighter off-nadir limit.
 */
import type { Aoi, PolygonCoords } from '../../access/aoi/types.js';
import { polygonsOf } from '../../access/aoi/types.js';
import type { Sensor } from '../../access/sensor.js';
import { type OrbitDesign, buildElementSet } from '../../orbit/builder.js';
import { formatTle } from '../../orbit/tle-lines.js';
import { createRandom } from '../selection/random.js';
import { KM_PER_DEG } from './strips.js';
import type {
  PlanNation,
  PlanRequestNation,
  Scenario,
  ScenarioRequest,
  ScenarioSatellite,
  ScenarioStation,
} from './types.js';

export interface GeneratorInputs {
  readonly satellites: readonly {
    readonly id: string;
    readonly design: OrbitDesign;
    readonly sensor: Sensor;
  }[];
  readonly stations: readonly ScenarioStation[];
  /** Town points with `properties.country` = MLI | BFA | NER. */
  readonly towns: readonly Aoi[];
  /** Regions with `properties.country`. */
  readonly regions: readonly Aoi[];
  /** Border strips with `properties.side`. */
  readonly borderStrips: readonly Aoi[];
}

export interface GeneratorOptions {
  readonly seed: number;
  readonly requests: number;
  readonly satellites?: number;
  readonly hours?: number;
  /** Start instant (default 2026-12-01T00:00:00Z). */
  readonly start?: string;
  readonly fairness?: Scenario['fairness'];
}

const COUNTRY: Record<string, PlanNation> = { MLI: 'ML', BFA: 'BF', NER: 'NE' };

function box(lon: number, lat: number, wKm: number, hKm: number): PolygonCoords {
  const dx = wKm / 2 / (KM_PER_DEG * Math.cos((lat * Math.PI) / 180));
  const dy = hKm / 2 / KM_PER_DEG;
  const r = (x: number): number => Number(x.toFixed(5));
  return [
    [
      [r(lon - dx), r(lat - dy)],
      [r(lon + dx), r(lat - dy)],
      [r(lon + dx), r(lat + dy)],
      [r(lon - dx), r(lat + dy)],
      [r(lon - dx), r(lat - dy)],
    ],
  ];
}

function polygon(c: PolygonCoords): ScenarioRequest['aoi'] {
  return { type: 'Polygon', coordinates: c as unknown as GeoJSON.Position[][] };
}

function satelliteSpec(
  id: string,
  design: OrbitDesign,
  sensor: Sensor,
  epochMs: number,
): ScenarioSatellite {
  const el = buildElementSet(design, epochMs);
  const sar = sensor.kind === 'sar';
  return {
    id,
    name: design.name,
    tle: formatTle(el),
    sensor,
    agility: {
      maxRollDeg: sar ? 45 : 40,
      maxPitchDeg: sar ? 5 : 40,
      slewRateDegS: sar ? 1 : 2,
      settlingS: sar ? 10 : 5,
    },
    memoryGb: sar ? 512 : 256,
    downlinkRateMbps: 300,
    dataRateMbps: sar ? 1000 : 600,
    maxImagingSPerOrbit: sar ? 600 : 400,
  };
}

/** Generates a scenario (deterministic for a seed and inputs). */
export function generateScenario(o: GeneratorOptions, inp: GeneratorInputs): Scenario {
  const rand = createRandom(o.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const start = o.start ?? '2026-12-01T00:00:00Z';
  const startMs = Date.parse(start);
  const hours = o.hours ?? 24;
  const nSat = o.satellites ?? 6;
  const base = inp.satellites;
  if (base.length === 0)
    throw new RangeError('the generator needs at least one designed satellite');
  const satellites: ScenarioSatellite[] = [];
  for (let k = 0; k < nSat; k++) {
    const b = base[k % base.length]!;
    const copy = Math.floor(k / base.length);
    let design = b.design;
    if (copy > 0 && design.kind === 'sun-synchronous') {
      design = {
        ...design,
        name: `${design.name}-${copy + 1}`,
        catalogNumber: design.catalogNumber + 100 * copy,
        ltanHours: (design.ltanHours + 1.5 * copy) % 24,
        argumentOfLatitudeDeg: ((design.argumentOfLatitudeDeg ?? 0) + 97 * copy) % 360,
      };
    }
    satellites.push(
      satelliteSpec(copy > 0 ? `${b.id}-${copy + 1}` : b.id, design, b.sensor, startMs),
    );
  }
  const byNation = (xs: readonly Aoi[], key: string, n: PlanNation): Aoi[] =>
    xs.filter((a) => COUNTRY[String(a.properties[key])] === n);
  const requests: ScenarioRequest[] = [];
  const horizonMs = hours * 3600_000;
  for (let i = 0; i < o.requests; i++) {
    const x = rand();
    const nation: PlanRequestNation = x < 0.05 ? 'AES' : pick(['ML', 'BF', 'NE'] as const);
    const home: PlanNation = nation === 'AES' ? pick(['ML', 'BF', 'NE'] as const) : nation;
    const towns = byNation(inp.towns, 'country', home);
    const regions = byNation(inp.regions, 'country', home);
    const strips = byNation(inp.borderStrips, 'side', home);
    const kind = rand();
    let aoi: ScenarioRequest['aoi'];
    let recurrence: ScenarioRequest['recurrence'];
    if (kind < 0.35 && towns.length > 0) {
      const t = pick(towns).geometry;
      aoi = {
        type: 'Point',
        coordinates: t.type === 'Point' ? [t.coordinates[0], t.coordinates[1]] : [0, 0],
      };
    } else if (kind < 0.8 || strips.length === 0) {
      const useTown = rand() < 0.5 && towns.length > 0;
      let lon: number;
      let lat: number;
      if (useTown) {
        const t = pick(towns).geometry;
        [lon, lat] = t.type === 'Point' ? [t.coordinates[0], t.coordinates[1]] : [0, 0];
      } else {
        const ring = polygonsOf(pick(regions).geometry)[0]![0]!;
        const p = ring[Math.floor(rand() * ring.length)]!;
        const c = ring.reduce(
          (a, q) => [a[0] + q[0] / ring.length, a[1] + q[1] / ring.length],
          [0, 0],
        );
        const f = rand() * 0.7;
        lon = c[0] + (p[0] - c[0]) * f;
        lat = c[1] + (p[1] - c[1]) * f;
      }
      aoi = polygon(box(lon, lat, 10 + rand() * 50, 10 + rand() * 50));
    } else if (kind < 0.95) {
      const ring = polygonsOf(pick(strips).geometry)[0]![0]!;
      const p = ring[Math.floor(rand() * ring.length)]!;
      aoi = polygon(box(p[0], p[1], 50, 80));
      if (hours > 24) recurrence = { everyDays: rand() < 0.5 ? 1 : 3 };
    } else {
      const small = regions.length > 0 ? pick(regions) : null;
      const ring = small ? polygonsOf(small.geometry)[0]![0]! : [];
      const c = ring.reduce(
        (a, q) => [a[0] + q[0] / ring.length, a[1] + q[1] / ring.length],
        [0, 0],
      );
      aoi = polygon(box(c[0], c[1], 80, 120));
    }
    const whole = rand() < 0.3 || recurrence !== undefined;
    const len = whole ? horizonMs : Math.max(6 * 3600_000, rand() * horizonMs);
    const ws = whole
      ? startMs
      : startMs + Math.floor((rand() * (horizonMs - len + 1)) / 60_000) * 60_000;
    const st = rand();
    const prio = Math.min(
      5,
      1 + Math.floor(rand() * rand() * 5 + rand() * 2),
    ) as ScenarioRequest['priority'];
    requests.push({
      id: `r${String(i + 1).padStart(4, '0')}`,
      nation,
      priority: (6 - prio) as ScenarioRequest['priority'],
      aoi,
      window: { start: new Date(ws).toISOString(), end: new Date(ws + len).toISOString() },
      sensorType: st < 0.7 ? 'optical' : st < 0.9 ? 'sar' : 'any',
      ...(rand() < 0.33 ? { maxOffNadirDeg: 20 + Math.round(rand() * 15) } : {}),
      ...(recurrence ? { recurrence } : {}),
    });
  }
  return {
    version: 1,
    start,
    horizonH: hours,
    satellites,
    stations: inp.stations,
    nations: { ML: { entitlement: 1 }, BF: { entitlement: 1 }, NE: { entitlement: 1 } },
    fairness: o.fairness ?? 'leximin',
    requests,
  };
}
