/**
 * Option handling shared by `sahelsat access` and `sahelsat coverage`: the sensor (a file, a
 * file:ID, a bundled id, or ad-hoc flags), the satellites' tracks, and areas of interest (a
 * GeoJSON file or a bundled name).
 */
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { NotFoundError, ValidationError } from '../core/errors.js';
import type { Instant } from '../core/time.js';
import { formatIsoUtc } from '../core/time.js';
import type { Aoi } from '../access/aoi/types.js';
import { corridorAround } from '../access/aoi/corridor.js';
import type { Sensor } from '../access/sensor.js';
import { type SatelliteTrack, sampleTrack } from '../access/track.js';
import { parseAoiGeoJson } from '../io/aoi-geojson.js';
import { resolveBundledAoi } from '../io/bundled-aoi.js';
import type { CatalogEntry } from '../io/catalog-types.js';
import { loadBundledSensors, parseSensors } from '../io/sensors.js';
import { createPropagator } from '../orbit/propagator.js';
import { defineMessages } from '../i18n/index.js';
import type { CliContext } from './context.js';
import { parseNumberOption, readTextFile } from './shared.js';

const m = defineMessages({
  en: {
    sensorNeeded: 'a sensor is needed',
    sensorAmbiguous: 'the sensor file holds several sensors: add :ID',
    sensorUnknown: 'unknown sensor',
    targetsNeeded: 'targets are needed',
    linesNeedCorridor: 'line features need --corridor-km to become corridor areas',
    noTargets: 'no target in the file',
    aoiUnknown: 'unknown area of interest',
    issue: 'warning: {sat} could not be propagated from {at}: {message}',
  },
  fr: {
    sensorNeeded: 'un capteur est nécessaire',
    sensorAmbiguous: 'le fichier contient plusieurs capteurs : ajoutez :ID',
    sensorUnknown: 'capteur inconnu',
    targetsNeeded: 'des cibles sont nécessaires',
    linesNeedCorridor:
      'les entités linéaires ont besoin de --corridor-km pour devenir des zones couloirs',
    noTargets: 'aucune cible dans le fichier',
    aoiUnknown: 'zone d’intérêt inconnue',
    issue: 'avertissement : {sat} n’a pas pu être propagé à partir de {at} : {message}',
  },
});

export interface SensorOptions {
  sensor?: string;
  maxOffNadirDeg?: string;
  minSunElDeg?: string;
  swathKm?: string;
}

/**
 * The sensor: `--sensor FILE.json`, `--sensor FILE.json:ID`, `--sensor BUNDLED_ID`, or
 * `--max-off-nadir-deg X [--min-sun-el-deg Y] [--swath-km W]` (an agile optical sensor).
 */
export function resolveSensor(ctx: CliContext, o: SensorOptions): Sensor {
  if (o.sensor !== undefined) {
    const v = o.sensor;
    const colon = v.lastIndexOf(':');
    const [file, id] =
      colon > 1 && !existsSync(resolve(ctx.cwd, v))
        ? [v.slice(0, colon), v.slice(colon + 1)]
        : [v, undefined];
    let list;
    if (existsSync(resolve(ctx.cwd, file))) {
      list = parseSensors(readTextFile(ctx, file, '--sensor'), file);
    } else {
      list = loadBundledSensors();
      const s = list.find((x) => x.id === v);
      if (s) return s;
      throw new ValidationError(m(ctx.lang, 'sensorUnknown'), {
        location: { field: '--sensor' },
        expected: `a sensor file (JSON), FILE:ID, or a bundled id (${list.map((x) => x.id).join(', ')})`,
        received: v,
      });
    }
    if (id !== undefined) {
      const s = list.find((x) => x.id === id);
      if (!s) {
        throw new ValidationError(m(ctx.lang, 'sensorUnknown'), {
          location: { file, field: '--sensor' },
          expected: list.map((x) => x.id).join(', '),
          received: id,
        });
      }
      return s;
    }
    if (list.length > 1) {
      throw new ValidationError(m(ctx.lang, 'sensorAmbiguous'), {
        location: { file, field: '--sensor' },
        expected: list.map((x) => `${file}:${x.id}`).join(', '),
      });
    }
    return list[0]!;
  }
  const max = parseNumberOption(ctx, o.maxOffNadirDeg, '--max-off-nadir-deg', { min: 0, max: 80 });
  if (max === undefined) {
    throw new ValidationError(m(ctx.lang, 'sensorNeeded'), {
      location: { field: '--sensor' },
      expected: '--sensor FILE.json or --max-off-nadir-deg X',
    });
  }
  const minSun = parseNumberOption(ctx, o.minSunElDeg, '--min-sun-el-deg', { min: -90, max: 90 });
  const swath = parseNumberOption(ctx, o.swathKm, '--swath-km', { min: 1e-3, max: 5000 });
  return {
    kind: 'optical',
    id: 'cli',
    name: `off-nadir ≤ ${max}°`,
    maxOffNadirDeg: max,
    ...(minSun !== undefined ? { minSunElevationDeg: minSun } : {}),
    ...(swath !== undefined ? { swathKm: swath } : {}),
  };
}

/** Samples every satellite's track over the window; SGP4 failures are warned about on stderr. */
export function tracksFor(
  ctx: CliContext,
  entries: readonly CatalogEntry[],
  startMs: Instant,
  endMs: Instant,
): SatelliteTrack[] {
  return entries.map((e) => {
    const track = sampleTrack(createPropagator(e.elements), startMs, endMs);
    if (track.issue) {
      ctx.stderr.write(
        `${m(ctx.lang, 'issue', {
          sat: `${track.catalogNumber} ${track.satelliteName.trim()}`,
          at: formatIsoUtc(track.issue.atMs),
          message: track.issue.message,
        })}\n`,
      );
    }
    return track;
  });
}

/**
 * Areas from `--targets FILE.geojson` (lines buffered by `--corridor-km`) or `--aoi NAME`
 * (a bundled name, or a GeoJSON file path).
 */
export function resolveAreas(
  ctx: CliContext,
  o: { targets?: string; aoi?: string; corridorKm?: string },
  option = '--targets',
): Aoi[] {
  const corridor = parseNumberOption(ctx, o.corridorKm, '--corridor-km', { min: 1e-3, max: 2000 });
  const file =
    o.targets ?? (o.aoi !== undefined && /\.(geo)?json$/i.test(o.aoi) ? o.aoi : undefined);
  if (file !== undefined) {
    const layer = parseAoiGeoJson(readTextFile(ctx, file, option), file, ctx.lang);
    const aois = [...layer.aois];
    if (layer.lines.length > 0) {
      if (corridor === undefined) {
        throw new ValidationError(m(ctx.lang, 'linesNeedCorridor'), {
          location: { file, field: '--corridor-km' },
          received: layer.lines.map((l) => l.id).join(', '),
        });
      }
      for (const l of layer.lines) {
        aois.push({
          id: l.id,
          name: `${l.name} ±${corridor} km`,
          geometry: corridorAround(l.geometry, corridor),
          properties: { ...l.properties, corridor_km: corridor },
        });
      }
    }
    if (aois.length === 0) {
      throw new ValidationError(m(ctx.lang, 'noTargets'), { location: { file: basename(file) } });
    }
    return aois;
  }
  if (o.aoi !== undefined) {
    try {
      return [resolveBundledAoi(o.aoi)];
    } catch (err) {
      if (err instanceof NotFoundError) {
        throw new ValidationError(m(ctx.lang, 'aoiUnknown'), {
          location: { field: option },
          expected: err.message,
          received: o.aoi,
        });
      }
      throw err;
    }
  }
  throw new ValidationError(m(ctx.lang, 'targetsNeeded'), {
    location: { field: option },
    expected: '--targets FILE.geojson or --aoi NAME',
  });
}
