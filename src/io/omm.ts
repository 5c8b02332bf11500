/**
 * CCSDS Orbit Mean-elements Messages (CCSDS 502.0-B-3) holding SGP4 mean elements, as CelesTrak
 * and Space-Track publish them. The three encodings (JSON, XML, KVN) share this conversion from
 * keyword/value pairs to an element set, and the writers' ordering of keywords.
 */
import type { ElementSet } from '../orbit/element-set.js';
import { designatorToObjectId } from '../orbit/tle-lines.js';
import { type CatalogIssue, issue } from './catalog-issue.js';

/** Where a keyword's value was found, for messages. */
export type LocateField = (keyword: string) => { line?: number; column?: number };

const REQUIRED = [
  'EPOCH',
  'MEAN_MOTION',
  'ECCENTRICITY',
  'INCLINATION',
  'RA_OF_ASC_NODE',
  'ARG_OF_PERICENTER',
  'MEAN_ANOMALY',
  'NORAD_CAT_ID',
] as const;

const NUMERIC_OPTIONAL = [
  'EPHEMERIS_TYPE',
  'ELEMENT_SET_NO',
  'REV_AT_EPOCH',
  'BSTAR',
  'MEAN_MOTION_DOT',
  'MEAN_MOTION_DDOT',
] as const;

const EPOCH_RE = /^(\d{4})-(?:(\d{2})-(\d{2})|(\d{3}))T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(Z)?$/;

/**
 * Parses an OMM epoch (`YYYY-MM-DDThh:mm:ss[.f…]` or `YYYY-DDDThh:mm:ss[.f…]`, UTC, optional
 * `Z`) keeping every fractional digit. Returns null when malformed.
 */
export function parseOmmEpoch(
  text: string,
): { epochMs: number; year: number; dayOfYear: number } | null {
  const m = EPOCH_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  let dayOfYear0: number;
  if (m[4] !== undefined) {
    dayOfYear0 = Number(m[4]) - 1;
  } else {
    const month = Number(m[2]);
    const day = Number(m[3]);
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
    dayOfYear0 = (d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000;
  }
  const h = Number(m[5]);
  const mi = Number(m[6]);
  const s = Number(m[7]);
  if (h > 23 || mi > 59 || s >= 61 || dayOfYear0 < 0 || dayOfYear0 > 365) return null;
  const secondsOfDay = h * 3600 + mi * 60 + s;
  const dayOfYear = 1 + dayOfYear0 + secondsOfDay / 86_400;
  const epochMs = Date.UTC(year, 0, 1) + dayOfYear0 * 86_400_000 + secondsOfDay * 1000;
  return { epochMs, year, dayOfYear };
}

/**
 * Converts the keyword/value pairs of one OMM into an element set, or the list of problems.
 * Values may be numbers or numeric strings (Space-Track writes strings).
 */
export function ommToElementSet(
  fields: Readonly<Record<string, unknown>>,
  file: string | undefined,
  locate: LocateField,
): { elements: ElementSet } | { problems: CatalogIssue[] } {
  const problems: CatalogIssue[] = [];
  const at = (k: string) => ({ file, field: k, ...locate(k) });
  const text = (k: string): string | undefined => {
    const v = fields[k];
    if (v === undefined || v === null) return undefined;
    return typeof v === 'string' ? v.trim() : String(v);
  };
  for (const k of REQUIRED) {
    if (text(k) === undefined || text(k) === '') {
      problems.push(issue(`missing keyword ${k}`, { ...at(k), expected: `a value for ${k}` }));
    }
  }
  const num = (k: string, fallback?: number): number => {
    const t = text(k);
    if (t === undefined || t === '') return fallback ?? NaN;
    const v = Number(t);
    if (!Number.isFinite(v)) {
      problems.push(issue(`bad ${k}`, { ...at(k), expected: 'a number', received: t }));
      return NaN;
    }
    return v;
  };
  const theory = text('MEAN_ELEMENT_THEORY');
  if (theory !== undefined && !/^SGP4$|^SGP\/SGP4$/i.test(theory)) {
    problems.push(
      issue('mean elements are not for SGP4', {
        ...at('MEAN_ELEMENT_THEORY'),
        expected: 'SGP4 (SGP4-XP and other theories need another propagator)',
        received: theory,
      }),
    );
  }
  const frame = text('REF_FRAME');
  if (frame !== undefined && frame.toUpperCase() !== 'TEME') {
    problems.push(
      issue('unsupported reference frame', {
        ...at('REF_FRAME'),
        expected: 'TEME',
        received: frame,
      }),
    );
  }
  const timeSystem = text('TIME_SYSTEM');
  if (timeSystem !== undefined && timeSystem.toUpperCase() !== 'UTC') {
    problems.push(
      issue('unsupported time system', {
        ...at('TIME_SYSTEM'),
        expected: 'UTC',
        received: timeSystem,
      }),
    );
  }
  const center = text('CENTER_NAME');
  if (center !== undefined && center.toUpperCase() !== 'EARTH') {
    problems.push(
      issue('unsupported centre', { ...at('CENTER_NAME'), expected: 'EARTH', received: center }),
    );
  }
  const epochText = text('EPOCH');
  const epoch = epochText === undefined ? null : parseOmmEpoch(epochText);
  if (epochText !== undefined && epochText !== '' && !epoch) {
    problems.push(
      issue('bad EPOCH', {
        ...at('EPOCH'),
        expected: 'YYYY-MM-DDThh:mm:ss[.ffffff] (UTC)',
        received: epochText,
      }),
    );
  }
  const catalogNumber = num('NORAD_CAT_ID');
  if (
    Number.isFinite(catalogNumber) &&
    !(Number.isInteger(catalogNumber) && catalogNumber >= 0 && catalogNumber <= 999_999_999)
  ) {
    problems.push(
      issue('bad NORAD_CAT_ID', {
        ...at('NORAD_CAT_ID'),
        expected: 'a non-negative integer',
        received: text('NORAD_CAT_ID'),
      }),
    );
  }
  const n = num('MEAN_MOTION');
  const e = num('ECCENTRICITY');
  const incl = num('INCLINATION');
  if (Number.isFinite(n) && !(n > 0)) {
    problems.push(
      issue('bad MEAN_MOTION', {
        ...at('MEAN_MOTION'),
        expected: 'rev/day > 0',
        received: text('MEAN_MOTION'),
      }),
    );
  }
  if (Number.isFinite(e) && !(e >= 0 && e < 1)) {
    problems.push(
      issue('bad ECCENTRICITY', {
        ...at('ECCENTRICITY'),
        expected: 'a value in [0, 1)',
        received: text('ECCENTRICITY'),
      }),
    );
  }
  if (Number.isFinite(incl) && !(incl >= 0 && incl <= 180)) {
    problems.push(
      issue('bad INCLINATION', {
        ...at('INCLINATION'),
        expected: 'degrees in [0, 180]',
        received: text('INCLINATION'),
      }),
    );
  }
  const raan = num('RA_OF_ASC_NODE');
  const argp = num('ARG_OF_PERICENTER');
  const mo = num('MEAN_ANOMALY');
  const optional: Record<string, number> = {};
  for (const k of NUMERIC_OPTIONAL) optional[k] = num(k, 0);
  const classification = text('CLASSIFICATION_TYPE') ?? 'U';
  if (!/^[UCS]$/.test(classification)) {
    problems.push(
      issue('bad CLASSIFICATION_TYPE', {
        ...at('CLASSIFICATION_TYPE'),
        expected: 'U, C or S',
        received: classification,
      }),
    );
  }
  if (problems.length > 0 || !epoch) return { problems };
  const objectId = text('OBJECT_ID') ?? '';
  return {
    elements: {
      name: text('OBJECT_NAME') ?? '',
      objectId: /^\d{5}[A-Z]{1,3}$/.test(objectId) ? designatorToObjectId(objectId) : objectId,
      catalogNumber,
      classification,
      epochMs: epoch.epochMs,
      epochYear: epoch.year,
      epochDayOfYear: epoch.dayOfYear,
      meanMotionRevPerDay: n,
      eccentricity: e,
      inclinationDeg: incl,
      raanDeg: raan,
      argPerigeeDeg: argp,
      meanAnomalyDeg: mo,
      meanMotionDot: optional.MEAN_MOTION_DOT!,
      meanMotionDdot: optional.MEAN_MOTION_DDOT!,
      bstar: optional.BSTAR!,
      ephemerisType: optional.EPHEMERIS_TYPE!,
      elementSetNumber: optional.ELEMENT_SET_NO!,
      revolutionNumber: optional.REV_AT_EPOCH!,
    },
  };
}

/** Formats an epoch with microseconds, as CelesTrak does: `2026-03-19T04:51:23.123456`. */
export function formatOmmEpoch(el: Pick<ElementSet, 'epochYear' | 'epochDayOfYear'>): string {
  const dayIndex = Math.floor(el.epochDayOfYear) - 1;
  let micro = Math.round((el.epochDayOfYear - 1 - dayIndex) * 86_400e6);
  let day = dayIndex;
  if (micro >= 86_400e6) {
    micro -= 86_400e6;
    day += 1;
  }
  const date = new Date(Date.UTC(el.epochYear, 0, 1) + day * 86_400_000);
  const h = Math.floor(micro / 3600e6);
  const mi = Math.floor((micro % 3600e6) / 60e6);
  const s = Math.floor((micro % 60e6) / 1e6);
  const us = micro % 1e6;
  const p = (v: number, w = 2) => String(v).padStart(w, '0');
  return `${date.toISOString().slice(0, 10)}T${p(h)}:${p(mi)}:${p(s)}.${p(us, 6)}`;
}

/** The OMM keywords of an element set, in CelesTrak's order (metadata then data). */
export function elementSetToOmm(el: ElementSet): {
  metadata: Record<string, string>;
  meanElements: Record<string, string | number>;
  tleParameters: Record<string, string | number>;
} {
  return {
    metadata: {
      OBJECT_NAME: el.name,
      OBJECT_ID: el.objectId,
      CENTER_NAME: 'EARTH',
      REF_FRAME: 'TEME',
      TIME_SYSTEM: 'UTC',
      MEAN_ELEMENT_THEORY: 'SGP4',
    },
    meanElements: {
      EPOCH: formatOmmEpoch(el),
      MEAN_MOTION: el.meanMotionRevPerDay,
      ECCENTRICITY: el.eccentricity,
      INCLINATION: el.inclinationDeg,
      RA_OF_ASC_NODE: el.raanDeg,
      ARG_OF_PERICENTER: el.argPerigeeDeg,
      MEAN_ANOMALY: el.meanAnomalyDeg,
    },
    tleParameters: {
      EPHEMERIS_TYPE: el.ephemerisType,
      CLASSIFICATION_TYPE: el.classification,
      NORAD_CAT_ID: el.catalogNumber,
      ELEMENT_SET_NO: el.elementSetNumber,
      REV_AT_EPOCH: el.revolutionNumber,
      BSTAR: el.bstar,
      MEAN_MOTION_DOT: el.meanMotionDot,
      MEAN_MOTION_DDOT: el.meanMotionDdot,
    },
  };
}
