/**
 * Job type `availability-map`: the yearly availability of a GEO link over the three countries (or
 * a box), its terminal moved over a grid (src/telecom/link-map.ts). The parameters are checked
 * when the job is created, in the caller's language: the grid's size, the box, and the model on
 * the fixed station and one site (a frequency out of range, a map that does not cover the area
 * is a 400 at once, not a failed job). The ITU-R maps come from the server's directory; without
 * it the map is refused (each site's climate must come from the maps).
 *
 * The stored result holds the grid (base64 of little-endian 16-bit integers, see
 * {@link AvailabilityMapOutput}); the PNG and the GeoJSON are drawn from it on request.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { z } from 'zod';
import { SahelsatError } from '../../core/errors.js';
import { type Lang, defineMessages } from '../../i18n/index.js';
import { maskTest, parseMaskPolygons } from '../../io/availability-map.js';
import { openMapDirectory, readOxygenHeightTable } from '../../io/itur-maps.js';
import { linkSchema, toGeoLinkInput } from '../../io/link-config.js';
import { modcodTable } from '../../telecom/dvbs2.js';
import { geoLook, nominalGeoPositionItrf } from '../../telecom/geo-look.js';
import {
  MAP_MIN_ELEVATION_DEG,
  atSite,
  linkThresholdDb,
  prepareLinkMap,
} from '../../telecom/link-map.js';
import type { JobRecord } from '../../store/index.js';
import { ApiError, type FieldIssue } from '../errors.js';
import type { JobDefinition } from '../jobs/definitions.js';
import { BUNDLED_DATA_DIR } from '../seed.js';
import {
  type AvailabilityMapInput,
  type AvailabilityMapOutput,
  type MapGrid,
  NOT_VISIBLE,
  NO_MARGIN,
  NO_SITE,
} from './availability-map-computation.js';

export const AVAILABILITY_MAP_JOB = 'availability-map';
/** Most grid nodes a map may have (0.1° over the three countries: 44 588 nodes, ≈ 23 000 sites). */
export const MAX_MAP_NODES = 100_000;
/** The three countries' box (the CLI's default), [minLon, minLat, maxLon, maxLat]. */
export const COUNTRIES_BBOX = [-12.3, 9.4, 16, 25] as const;

export const AvailabilityMapParams = z.strictObject({
  link: linkSchema.describe(
    'one link of the `sahelsat link budget` configuration (the link calculator’s body holds a list of them)',
  ),
  terminal: z
    .enum(['receiver', 'transmitter'])
    .default('receiver')
    .describe(
      'the station moved over the map: the receiver of a forward link (default) or the transmitter of a return link; the other one stays where the link puts it',
    ),
  bbox: z
    .tuple([
      z.number().min(-180).max(180),
      z.number().min(-90).max(90),
      z.number().min(-180).max(180),
      z.number().min(-90).max(90),
    ])
    .optional()
    .describe(
      '[minLon, minLat, maxLon, maxLat]: every grid node of the box; absent: the sites inside Mali, Burkina Faso and Niger',
    ),
  resolutionDeg: z
    .number()
    .min(0.01)
    .max(1)
    .default(0.1)
    .describe('grid step, degrees (0.01 … 1; at most 100 000 grid nodes)'),
});
export type AvailabilityMapParams = z.infer<typeof AvailabilityMapParams>;

const m = defineMessages({
  en: {
    'bbox.order': 'the box must be [minLon, minLat, maxLon, maxLat] with min < max',
    'too.many':
      'the map would have {nodes} grid nodes ({rows} rows × {cols} columns); at most {max}: choose a coarser resolution or a smaller box',
    'no.maps':
      'this server has no ITU-R maps (SAHELSAT_ITUR_MAPS): an availability map takes every site’s climate from them',
    model: 'the models refuse this link: {detail}',
    'threshold.fixed': 'fixed MODCOD {modcod}',
    'threshold.acm': 'ACM: the most robust MODCOD, {modcod}',
    climate:
      'every site: the server’s ITU-R maps (P.837-7 Annex 1, P.839-4, P.1510-1, P.1511, P.836-6, P.453-14, P.840-9; gas P.676-13); the fixed station: its given climatic parameters, the others from the maps',
  },
  fr: {
    'bbox.order': 'la boîte doit être [lonMin, latMin, lonMax, latMax] avec min < max',
    'too.many':
      'la carte aurait {nodes} nœuds ({rows} lignes × {cols} colonnes) ; au plus {max} : choisir une résolution plus grossière ou une boîte plus petite',
    'no.maps':
      'ce serveur n’a pas les cartes UIT-R (SAHELSAT_ITUR_MAPS) : une carte de disponibilité prend le climat de chaque site dans ces cartes',
    model: 'les modèles refusent cette liaison : {detail}',
    'threshold.fixed': 'MODCOD fixe {modcod}',
    'threshold.acm': 'ACM : le MODCOD le plus robuste, {modcod}',
    climate:
      'chaque site : les cartes UIT-R du serveur (P.837-7 annexe 1, P.839-4, P.1510-1, P.1511, P.836-6, P.453-14, P.840-9 ; gaz P.676-13) ; la station fixe : ses paramètres climatiques donnés, les autres tirés des cartes',
  },
});

/** The grid of the parameters (nodes from the box's north-west corner, inside the box). */
export function mapGrid(p: AvailabilityMapParams): MapGrid {
  const [minLon, minLat, maxLon, maxLat] = p.bbox ?? COUNTRIES_BBOX;
  const s = p.resolutionDeg;
  return {
    rows: Math.floor((maxLat - minLat) / s + 1e-9) + 1,
    cols: Math.floor((maxLon - minLon) / s + 1e-9) + 1,
    latMaxDeg: maxLat,
    lonMinDeg: minLon,
    stepDeg: s,
  };
}

let countries: number[][][][] | null = null;
/** The bundled borders of the three countries (data/aoi/countries.geojson). */
function countryMask(): number[][][][] {
  const file = join(BUNDLED_DATA_DIR, 'aoi', 'countries.geojson');
  countries ??= parseMaskPolygons(readFileSync(file, 'utf8'), file);
  return countries;
}

const opened = new Map<string, ReturnType<typeof openSources>>();
function openSources(mapsDir: string) {
  const table = readOxygenHeightTable(mapsDir);
  return { maps: openMapDirectory(mapsDir), ...(table ? { oxygenHeight: table } : {}) };
}
/**
 * The maps for the checks made when a map is asked for, opened once per directory: a map file is
 * read (synchronously) the first time a check needs it, then kept (the Sahel crops: 2.8 MB).
 */
function sourcesOf(mapsDir: string) {
  let s = opened.get(mapsDir);
  if (!s) opened.set(mapsDir, (s = openSources(mapsDir)));
  return s;
}

/**
 * Every problem of the parameters, located and in `lang`: the box, the grid's size, the maps,
 * and the models on the fixed station and the first site of the grid's middle row.
 */
export function mapIssues(
  p: AvailabilityMapParams,
  mapsDir: string | undefined,
  lang: Lang,
  prefix = 'body',
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (p.bbox && !(p.bbox[0] < p.bbox[2] && p.bbox[1] < p.bbox[3]))
    issues.push({ path: `${prefix}.bbox`, message: m(lang, 'bbox.order') });
  const g = mapGrid(p);
  if (g.rows * g.cols > MAX_MAP_NODES)
    issues.push({
      path: `${prefix}.resolutionDeg`,
      message: m(lang, 'too.many', {
        nodes: g.rows * g.cols,
        rows: g.rows,
        cols: g.cols,
        max: MAX_MAP_NODES,
      }),
    });
  if (!mapsDir) issues.push({ path: `${prefix}.link`, message: m(lang, 'no.maps') });
  if (issues.length > 0) return issues;
  const refuse = (err: unknown) => {
    if (!(err instanceof SahelsatError)) throw err;
    issues.push({ path: `${prefix}.link`, message: m(lang, 'model', { detail: err.message }) });
  };
  try {
    const site = prepareLinkMap(toGeoLinkInput(p.link), p.terminal, sourcesOf(mapsDir!));
    // a site of the middle row that is on the map and sees the satellite
    const include = p.bbox ? () => true : maskTest(countryMask());
    const i = g.rows >> 1;
    const lat = g.latMaxDeg - i * g.stepDeg;
    const sat = nominalGeoPositionItrf(p.link.satelliteLongitudeDeg);
    for (let j = 0; j < g.cols; j++) {
      const lon = g.lonMinDeg + j * g.stepDeg;
      if (!include(lat, lon)) continue;
      const el = geoLook({ latitudeDeg: lat, longitudeDeg: lon, altitudeKm: 0 }, sat).elevationDeg;
      if (el < MAP_MIN_ELEVATION_DEG) continue;
      try {
        site(lat, lon);
      } catch (err) {
        refuse(atSite(err, lat, lon));
      }
      break;
    }
  } catch (err) {
    refuse(err);
  }
  return issues;
}

/** A 400 with every issue, in `lang`. */
export function mapParamsError(issues: FieldIssue[]): ApiError {
  return new ApiError(400, 'invalid-input', 'error.validation', { count: issues.length }, issues);
}

/** What the job stores as its result. */
export interface AvailabilityMapResult {
  readonly grid: MapGrid;
  readonly terminal: 'receiver' | 'transmitter';
  readonly requiredAvailabilityPercent: number;
  readonly thresholdEsN0Db: number;
  /** The MODCOD whose threshold is counted on, and whether it is ACM's most robust one. */
  readonly modcod: string;
  readonly acm: boolean;
  readonly sites: number;
  readonly notVisible: number;
  readonly summary: {
    readonly minAvailabilityPercent: number | null;
    readonly medianAvailabilityPercent: number | null;
    readonly maxAvailabilityPercent: number | null;
    readonly shareMeetingRequirement: number | null;
  };
  readonly legend: LegendClass[];
  /** base64 of the little-endian Uint16 unavailabilities and Int16 margins, row-major. */
  readonly data: { readonly unavailability: string; readonly margin: string };
}

export interface LegendClass {
  /** Lower bound of the class, % (inclusive). */
  readonly fromPercent: number;
  /** Upper bound, % (exclusive; 100 for the last class). */
  readonly toPercent: number;
  /** `#rrggbb`. */
  readonly colour: string;
  /** Whether the class meets the link's required availability. */
  readonly meetsRequirement: boolean;
}

const hex = (c: readonly number[]) =>
  `#${c.map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;
const mix = (a: readonly number[], b: readonly number[], t: number) =>
  a.map((x, k) => x + (b[k]! - x) * t);
const RED = [178, 24, 43];
const ORANGE = [244, 165, 130];
const LIGHT_GREEN = [166, 219, 160];
const DARK_GREEN = [27, 120, 55];

/**
 * The colour classes: fixed breaks a planner reads (99, 99.5, 99.7, 99.8, 99.9, 99.93, 99.95,
 * 99.97, 99.99 %: Sahel Ka-band links mostly fall between 99.7 and 99.99 %) plus the link's
 * required availability; reds below the requirement, greens from it up.
 */
export function legendFor(requiredPercent: number): LegendClass[] {
  const breaks = [
    ...new Set([99, 99.5, 99.7, 99.8, 99.9, 99.93, 99.95, 99.97, 99.99, requiredPercent]),
  ]
    .filter((b) => b > 50 && b < 100)
    .sort((a, b) => a - b);
  const edges = [50, ...breaks, 100];
  const below = edges.slice(0, -1).filter((e) => e < requiredPercent).length;
  const above = edges.length - 1 - below;
  return edges.slice(0, -1).map((from, k) => {
    const meets = from >= requiredPercent;
    const colour = meets
      ? mix(LIGHT_GREEN, DARK_GREEN, above > 1 ? (k - below) / (above - 1) : 1)
      : mix(RED, ORANGE, below > 1 ? k / (below - 1) : 1);
    return {
      fromPercent: from,
      toPercent: edges[k + 1]!,
      colour: hex(colour),
      meetsRequirement: meets,
    };
  });
}

const b64u16 = (xs: number[]) => Buffer.from(Uint16Array.from(xs).buffer).toString('base64');
const b64i16 = (xs: number[]) => Buffer.from(Int16Array.from(xs).buffer).toString('base64');
function decode(r: AvailabilityMapResult): { un: Uint16Array; margin: Int16Array } {
  const a = Buffer.from(r.data.unavailability, 'base64');
  const b = Buffer.from(r.data.margin, 'base64');
  return {
    un: new Uint16Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)),
    margin: new Int16Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)),
  };
}

export function availabilityMapJobDefinition(o: {
  iturMapsDir?: string | undefined;
}): JobDefinition<AvailabilityMapParams, AvailabilityMapInput, AvailabilityMapOutput> {
  return {
    params: AvailabilityMapParams,
    permission: 'compute telecom maps',
    async check(_store, p) {
      const issues = mapIssues(p, o.iturMapsDir, 'en', 'body.params');
      if (issues.length > 0) throw mapParamsError(issues);
    },
    async prepare(_store, p) {
      if (!o.iturMapsDir) throw new Error('the server has no ITU-R maps');
      return {
        link: p.link,
        terminal: p.terminal,
        grid: mapGrid(p),
        mask: p.bbox ? null : countryMask(),
        mapsDir: o.iturMapsDir,
      };
    },
    async commit(_tx, job, out): Promise<AvailabilityMapResult> {
      const p = AvailabilityMapParams.parse(job.params);
      const values: number[] = [];
      let notVisible = 0;
      let meets = 0;
      for (const u of out.unavailabilityMilliPercent) {
        if (u === NO_SITE) continue;
        if (u === NOT_VISIBLE) notVisible++;
        else {
          const a = 100 - u / 1000;
          values.push(a);
          if (a >= p.link.availabilityPercent - 1e-9) meets++;
        }
      }
      values.sort((a, b) => a - b);
      const round = (x: number | undefined) => (x === undefined ? null : Number(x.toFixed(3)));
      const link = toGeoLinkInput(p.link);
      return {
        grid: mapGrid(p),
        terminal: p.terminal,
        requiredAvailabilityPercent: p.link.availabilityPercent,
        thresholdEsN0Db: Number(linkThresholdDb(link).toFixed(3)),
        modcod: link.modcod ?? modcodTable(link.standard)[0]!.name,
        acm: !link.modcod,
        sites: values.length + notVisible,
        notVisible,
        summary: {
          minAvailabilityPercent: round(values[0]),
          medianAvailabilityPercent: round(values[values.length >> 1]),
          maxAvailabilityPercent: round(values[values.length - 1]),
          shareMeetingRequirement:
            values.length > 0 ? Number((meets / values.length).toFixed(4)) : null,
        },
        legend: legendFor(p.link.availabilityPercent),
        data: {
          unavailability: b64u16(out.unavailabilityMilliPercent),
          margin: b64i16(out.marginCentiDb),
        },
      };
    },
  };
}

/** The map's outer edges (cells are centred on the nodes). */
export function mapBounds(g: MapGrid): {
  west: number;
  east: number;
  north: number;
  south: number;
} {
  const h = g.stepDeg / 2;
  return {
    west: g.lonMinDeg - h,
    east: g.lonMinDeg + (g.cols - 1) * g.stepDeg + h,
    north: g.latMaxDeg + h,
    south: g.latMaxDeg - (g.rows - 1) * g.stepDeg - h,
  };
}

const mercatorY = (latDeg: number) => Math.log(Math.tan(Math.PI / 4 + (latDeg * Math.PI) / 360));
const inverseMercator = (y: number) => (Math.atan(Math.sinh(y)) * 180) / Math.PI;

/**
 * The map as a PNG: one column per grid column; rows either one per grid row (equal steps of
 * latitude, `plate-carree`) or equal steps of Web Mercator y (`web-mercator`, for a web map's
 * image source, whose corners are stretched linearly in Mercator). Transparent where there is no
 * site; grey where the satellite is below 5°; the legend's colours elsewhere.
 */
export function mapPng(
  r: AvailabilityMapResult,
  projection: 'plate-carree' | 'web-mercator',
): { png: Buffer; width: number; height: number } {
  const g = r.grid;
  const { un } = decode(r);
  const classes = r.legend.map((c) => ({
    ...c,
    rgb: [1, 3, 5].map((k) => parseInt(c.colour.slice(k, k + 2), 16)),
  }));
  const b = mapBounds(g);
  const yN = mercatorY(b.north);
  const yS = mercatorY(b.south);
  const height =
    projection === 'plate-carree'
      ? g.rows
      : Math.max(1, Math.ceil((yN - yS) / ((g.stepDeg * Math.PI) / 180)));
  const rowOf = (y: number) => {
    if (projection === 'plate-carree') return y;
    const lat = inverseMercator(yN - ((y + 0.5) / height) * (yN - yS));
    return Math.min(g.rows - 1, Math.max(0, Math.round((g.latMaxDeg - lat) / g.stepDeg)));
  };
  const png = new PNG({ width: g.cols, height });
  for (let y = 0; y < height; y++) {
    const i = rowOf(y);
    for (let j = 0; j < g.cols; j++) {
      const u = un[i * g.cols + j]!;
      const o = (y * g.cols + j) * 4;
      if (u === NO_SITE) {
        png.data[o + 3] = 0;
        continue;
      }
      let rgb = [150, 150, 150];
      if (u !== NOT_VISIBLE) {
        const a = 100 - u / 1000;
        rgb = (classes.find((c) => a < c.toPercent) ?? classes[classes.length - 1]!).rgb;
      }
      png.data[o] = rgb[0]!;
      png.data[o + 1] = rgb[1]!;
      png.data[o + 2] = rgb[2]!;
      png.data[o + 3] = 255;
    }
  }
  return { png: PNG.sync.write(png), width: g.cols, height };
}

/** The sites as GeoJSON cells with `availability_percent`, `margin_db`, `elevation_deg`. */
export function mapGeoJson(r: AvailabilityMapResult, satelliteLongitudeDeg: number): string {
  const g = r.grid;
  const { un, margin } = decode(r);
  const sat = nominalGeoPositionItrf(satelliteLongitudeDeg);
  const h = g.stepDeg / 2;
  const q = (x: number) => Number(x.toFixed(6));
  const feats: string[] = [];
  for (let i = 0; i < g.rows; i++) {
    const lat = g.latMaxDeg - i * g.stepDeg;
    for (let j = 0; j < g.cols; j++) {
      const k = i * g.cols + j;
      const u = un[k]!;
      if (u === NO_SITE) continue;
      const lon = g.lonMinDeg + j * g.stepDeg;
      const visible = u !== NOT_VISIBLE;
      const el = geoLook({ latitudeDeg: lat, longitudeDeg: lon, altitudeKm: 0 }, sat).elevationDeg;
      feats.push(
        JSON.stringify({
          type: 'Feature',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [q(lon - h), q(lat - h)],
                [q(lon + h), q(lat - h)],
                [q(lon + h), q(lat + h)],
                [q(lon - h), q(lat + h)],
                [q(lon - h), q(lat - h)],
              ],
            ],
          },
          properties: {
            lat_deg: q(lat),
            lon_deg: q(lon),
            visible,
            availability_percent: visible ? Number((100 - u / 1000).toFixed(3)) : null,
            margin_db: visible && margin[k] !== NO_MARGIN ? margin[k]! / 100 : null,
            elevation_deg: Number(el.toFixed(2)),
          },
        }),
      );
    }
  }
  return `{"type":"FeatureCollection","features":[\n${feats.join(',\n')}\n]}\n`;
}

/**
 * The job as the telecom endpoints show it, in `lang`: its state, and the result without the raw
 * grid (the threshold and the climate's origin described in the caller's language).
 */
export function mapView(j: JobRecord, lang: Lang) {
  const r = j.result as AvailabilityMapResult | null;
  const base = `/api/v1/telecom/availability-maps/${j.id}`;
  const b = r ? mapBounds(r.grid) : null;
  return {
    id: j.id,
    status: j.status,
    progress: j.progress,
    progressMessage: j.progressMessage,
    cancelRequested: j.cancelRequested,
    params: j.params,
    ownerNation: j.ownerNation,
    releasability: j.releasability,
    createdAt: new Date(j.createdAtMs).toISOString(),
    finishedAt: j.finishedAtMs === null ? null : new Date(j.finishedAtMs).toISOString(),
    error: j.error,
    result:
      r && b
        ? {
            terminal: r.terminal,
            requiredAvailabilityPercent: r.requiredAvailabilityPercent,
            modcod: r.modcod,
            acm: r.acm,
            threshold: m(lang, r.acm ? 'threshold.acm' : 'threshold.fixed', { modcod: r.modcod }),
            thresholdEsN0Db: r.thresholdEsN0Db,
            sites: r.sites,
            notVisible: r.notVisible,
            summary: r.summary,
            legend: r.legend,
            climate: m(lang, 'climate'),
            grid: r.grid,
            bounds: b,
            png: {
              url: `${base}/map.png`,
              webMercatorUrl: `${base}/map.png?projection=web-mercator`,
              coordinates: [
                [b.west, b.north],
                [b.east, b.north],
                [b.east, b.south],
                [b.west, b.south],
              ],
            },
            geojson: { url: `${base}/map.geojson` },
          }
        : null,
  };
}
