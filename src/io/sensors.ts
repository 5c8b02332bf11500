/**
 * Sensor files (JSON): one sensor object, or `{"sensors": [...]}`. Schema in docs/access.md;
 * the bundled library is data/sensors.json. Errors name the file, the line and the field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import type { Sensor } from '../access/sensor.js';
import { bundledDataPath } from './bundled-data.js';
import { parseJsonWith } from './validate-json.js';

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, dots, dashes'),
  name: z.string().min(1),
  /** Where the figures come from (free text, a citation). */
  source: z.string().optional(),
};
const deg = (min: number, max: number) => z.number().min(min).max(max);

export const sensorSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('optical'),
      ...common,
      maxOffNadirDeg: deg(0, 80),
      swathKm: z.number().positive().max(5000).optional(),
      minSunElevationDeg: deg(-90, 90).optional(),
      maxIncidenceDeg: deg(0, 90).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('sar'),
      ...common,
      incidenceNearDeg: deg(0, 89),
      incidenceFarDeg: deg(0, 89),
      lookSide: z.enum(['left', 'right', 'both']),
      swathKm: z.number().positive().max(5000).optional(),
    })
    .strict()
    .refine((s) => s.incidenceNearDeg < s.incidenceFarDeg, {
      message: 'incidenceNearDeg must be smaller than incidenceFarDeg',
      path: ['incidenceFarDeg'],
    }),
  z
    .object({
      kind: z.literal('nadir'),
      ...common,
      swathKm: z.number().positive().max(5000),
      minSunElevationDeg: deg(-90, 90).optional(),
    })
    .strict(),
]);

const sensorLibrary = z
  .object({ $comment: z.string().optional(), sensors: z.array(sensorSchema).min(1) })
  .strict();

/** A sensor with its citation, as read from a file. */
export type SensorEntry = Sensor & { readonly source?: string };

/** Parses a sensor file; duplicate ids are an error. */
export function parseSensors(text: string, fileName: string): SensorEntry[] {
  // A library has a "sensors" array; anything else is one sensor. Deciding first gives errors
  // about the sensor's own fields rather than "matches neither form".
  const isLibrary = /^\s*\{[\s\S]*"sensors"\s*:/.test(text);
  const list = (
    isLibrary
      ? parseJsonWith(sensorLibrary, text, fileName).sensors
      : [parseJsonWith(sensorSchema, text, fileName)]
  ) as SensorEntry[];
  const seen = new Set<string>();
  for (const [i, s] of list.entries()) {
    if (seen.has(s.id)) {
      throw new ValidationError(`duplicate sensor id "${s.id}"`, {
        location: { file: fileName, field: `sensors[${i}].id` },
      });
    }
    seen.add(s.id);
  }
  return list;
}

/** The bundled sensor library (data/sensors.json). */
export function loadBundledSensors(): SensorEntry[] {
  const p = bundledDataPath('sensors.json');
  return parseSensors(readFileSync(p, 'utf8'), p);
}
