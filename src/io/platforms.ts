/**
 * Platform files (JSON, `{platforms: [...]}`; the bundled one is data/platforms.json): for each
 * imaging satellite, the sensor it carries (an id of the sensor library) and the limits the
 * planner needs (agility, recorder, data rates, duty per orbit). Errors name file, line, field.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ValidationError } from '../core/errors.js';
import { type Lang, defineMessages } from '../i18n/index.js';
import { bundledDataPath } from './bundled-data.js';
import { parseJsonWith } from './validate-json.js';

const platformSchema = z
  .object({
    satelliteId: z.string().min(1),
    sensor: z.string().min(1).describe('an id of the sensor library'),
    agility: z
      .object({
        maxRollDeg: z.number().min(0).max(90),
        maxPitchDeg: z.number().min(0).max(90),
        slewRateDegS: z.number().positive().max(90),
        settlingS: z.number().min(0).max(600),
      })
      .strict(),
    memoryGb: z.number().positive(),
    downlinkRateMbps: z.number().positive(),
    dataRateMbps: z.number().positive(),
    maxImagingSPerOrbit: z.number().positive(),
    source: z.string().optional(),
  })
  .strict();

const platformFile = z
  .object({ $comment: z.string().optional(), platforms: z.array(platformSchema) })
  .strict();

/** One satellite's platform as the planner sees it (units in the names: Gb, Mbit/s, s, deg). */
export type Platform = z.infer<typeof platformSchema>;

/** Parses a platform file; a satellite listed twice is an error. */
export function parsePlatforms(text: string, fileName: string): Platform[] {
  const list = parseJsonWith(platformFile, text, fileName).platforms;
  const seen = new Set<string>();
  for (const [i, p] of list.entries()) {
    if (seen.has(p.satelliteId)) {
      throw new ValidationError(`satellite "${p.satelliteId}" is listed twice`, {
        location: { file: fileName, field: `platforms[${i}].satelliteId` },
      });
    }
    seen.add(p.satelliteId);
  }
  return list;
}

/** The bundled platforms of the demo constellation (data/platforms.json). */
export function loadBundledPlatforms(): Platform[] {
  const p = bundledDataPath('platforms.json');
  return parsePlatforms(readFileSync(p, 'utf8'), p);
}

const m = defineMessages({
  en: { unreadable: 'cannot read the platform file ({code})' },
  fr: { unreadable: 'impossible de lire le fichier des plates-formes ({code})' },
});

/** Reads and checks a platform file; an unreadable file is a `ValidationError` naming it. */
export function readPlatformsFile(path: string, lang: Lang = 'en'): Platform[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new ValidationError(m(lang, 'unreadable', { code }), { location: { file: path } });
  }
  return parsePlatforms(text, path);
}
