/**
 * Decodes the two lines of a TLE into an element set. The scenario carries its satellites as
 * TLE lines; the full reader lives in io/ (which domain code may not use), so this is the
 * small fixed-column decoder of the format, with the checksum, and a located message on the
 * first bad field.
 */
import type { ElementSet } from '../../orbit/element-set.js';
import { decodeCatalogNumber, designatorToObjectId, tleChecksum } from '../../orbit/tle-lines.js';

/** A TLE problem: which line (1 or 2), which columns, what was expected. */
export interface TleProblem {
  readonly line: 1 | 2;
  readonly column: number;
  readonly message: string;
}

function num(s: string): number {
  const t = s.trim();
  return t === '' ? NaN : Number(t);
}

/** `±NNNNN±E` implied-decimal field → number. */
function implied(s: string): number {
  const t = s.trim();
  if (t === '' || /^[+-]?0+[+-]0$/.test(t)) return 0;
  const m = /^([+-]?)(\d{1,5})([+-]\d)$/.exec(t);
  if (!m) return NaN;
  return Number(`${m[1]}0.${m[2]}e${m[3]}`);
}

/** Decodes lines 1 and 2; returns the element set or the first problem found. */
export function decodeTle(l1raw: string, l2raw: string, name: string): ElementSet | TleProblem {
  const l1 = l1raw.trimEnd();
  const l2 = l2raw.trimEnd();
  if (!l1.startsWith('1 ') || l1.length < 68)
    return { line: 1, column: 1, message: 'line 1 must start with "1 " and have 69 columns' };
  if (!l2.startsWith('2 ') || l2.length < 68)
    return { line: 2, column: 1, message: 'line 2 must start with "2 " and have 69 columns' };
  for (const [k, l] of [
    [1, l1],
    [2, l2],
  ] as const) {
    if (l.length >= 69 && l[68] !== String(tleChecksum(l)))
      return { line: k, column: 69, message: `checksum should be ${tleChecksum(l)}` };
  }
  const cat = decodeCatalogNumber(l1.slice(2, 7));
  if (cat === null || decodeCatalogNumber(l2.slice(2, 7)) !== cat)
    return {
      line: 2,
      column: 3,
      message: 'catalogue numbers of lines 1 and 2 differ or are malformed',
    };
  const yy = num(l1.slice(18, 20));
  const day = num(l1.slice(20, 32));
  if (!(Number.isInteger(yy) && day >= 1 && day < 367))
    return { line: 1, column: 19, message: 'epoch must be YYDDD.DDDDDDDD' };
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  const epochMs = Date.UTC(year, 0, 1) + (day - 1) * 86_400_000;
  const fields: Array<[number, 1 | 2, number, string]> = [];
  const inc = num(l2.slice(8, 16));
  const raan = num(l2.slice(17, 25));
  const ecc = num(`0.${l2.slice(26, 33).trim()}`);
  const argp = num(l2.slice(34, 42));
  const ma = num(l2.slice(43, 51));
  const n = num(l2.slice(52, 63));
  const ndot = num(l1.slice(33, 43));
  const nddot = implied(l1.slice(44, 52));
  const bstar = implied(l1.slice(53, 61));
  fields.push(
    [inc, 2, 9, 'inclination'],
    [raan, 2, 18, 'right ascension of the node'],
    [ecc, 2, 27, 'eccentricity'],
    [argp, 2, 35, 'argument of perigee'],
    [ma, 2, 44, 'mean anomaly'],
    [n, 2, 53, 'mean motion'],
    [ndot, 1, 34, 'mean motion derivative'],
    [nddot, 1, 45, 'second derivative of mean motion'],
    [bstar, 1, 54, 'B*'],
  );
  for (const [v, line, column, what] of fields)
    if (!Number.isFinite(v)) return { line, column, message: `${what} is not a number` };
  if (!(n > 0)) return { line: 2, column: 53, message: 'mean motion must be > 0 rev/day' };
  return {
    name,
    objectId: designatorToObjectId(l1.slice(9, 17).trim()),
    catalogNumber: cat,
    classification: l1[7] === ' ' ? 'U' : (l1[7] ?? 'U'),
    epochMs,
    epochYear: year,
    epochDayOfYear: day,
    meanMotionRevPerDay: n,
    eccentricity: ecc,
    inclinationDeg: inc,
    raanDeg: raan,
    argPerigeeDeg: argp,
    meanAnomalyDeg: ma,
    meanMotionDot: ndot,
    meanMotionDdot: nddot,
    bstar,
    ephemerisType: num(l1.slice(62, 63)) || 0,
    elementSetNumber: num(l1.slice(64, 68)) || 0,
    revolutionNumber: num(l2.slice(63, 68)) || 0,
  };
}
