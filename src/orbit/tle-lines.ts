/**
 * The text form of an element set as the two 69-column lines of a TLE. It lives in orbit/
 * because satellite.js initialises SGP4 most exactly from these lines (see satrec.ts); io/tle.ts
 * re-exports it beside the reader.
 */
import type { ElementSet } from './element-set.js';

const ALPHA5 = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * Decodes a 5-character catalogue-number field: five digits, or Alpha-5 (a letter other than
 * I and O standing for 10…33, then four digits). Returns null when the field is malformed.
 */
export function decodeCatalogNumber(field: string): number | null {
  const f = field.trim();
  if (/^\d{1,5}$/.test(f)) return Number(f);
  if (/^[A-Z]\d{4}$/.test(field)) {
    const k = ALPHA5.indexOf(field[0]!);
    if (k < 0) return null;
    return (k + 10) * 10_000 + Number(field.slice(1));
  }
  return null;
}

/** Encodes a catalogue number 0…339 999 as the 5-character TLE field (Alpha-5 above 99 999). */
export function encodeCatalogNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 339_999) {
    throw new RangeError(`catalogue number ${n} cannot be written in a TLE (0 … 339 999)`);
  }
  if (n < 100_000) return String(n).padStart(5, '0');
  return ALPHA5[Math.floor(n / 10_000) - 10]! + String(n % 10_000).padStart(4, '0');
}

/** The modulo-10 checksum of the first 68 columns: digits count their value, '-' counts 1. */
export function tleChecksum(line: string): number {
  let sum = 0;
  const end = Math.min(68, line.length);
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) sum += c - 48;
    else if (c === 45) sum += 1;
  }
  return sum % 10;
}

/** `98067A` → `1998-067A` (years 57–99 are 19xx). Returns the input when it does not match. */
export function designatorToObjectId(d: string): string {
  const m = /^(\d\d)(\d{3})([A-Z]{0,3})$/.exec(d);
  if (!m) return d;
  const yy = Number(m[1]);
  return `${yy < 57 ? 2000 + yy : 1900 + yy}-${m[2]}${m[3]}`;
}

/** `1998-067A` → `98067A`; anything else → blank (8 spaces are written). */
export function objectIdToDesignator(id: string): string {
  const m = /^\d\d(\d\d)-(\d{3})([A-Z]{0,3})$/.exec(id);
  return m ? `${m[1]}${m[2]}${m[3]}` : '';
}

function formatImplied(x: number): string {
  // ±.12345-6 style: 5 significant digits and a one-digit exponent.
  if (x === 0) return ' 00000+0';
  const sign = x < 0 ? '-' : ' ';
  let exp = Math.floor(Math.log10(Math.abs(x))) + 1;
  let mant = Math.round(Math.abs(x) / 10 ** (exp - 5));
  if (mant >= 100_000) {
    mant = Math.round(mant / 10);
    exp += 1;
  }
  if (exp > 9 || exp < -9) {
    if (exp < -9) return ' 00000+0';
    throw new RangeError(`${x} cannot be written in a TLE implied-decimal field`);
  }
  return `${sign}${String(mant).padStart(5, '0')}${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
}

function formatNdot(x: number): string {
  const s = Math.abs(x).toFixed(8); // 0.00001234
  if (Math.abs(x) >= 1) throw new RangeError(`mean motion derivative ${x} does not fit a TLE`);
  return (x < 0 ? '-' : ' ') + s.slice(1);
}

function fixed(x: number, width: number, decimals: number): string {
  return x.toFixed(decimals).padStart(width, ' ');
}

/** Writes an element set as the two lines of a TLE, checksums included. */
export function formatTle(el: ElementSet): [string, string] {
  const sat = encodeCatalogNumber(el.catalogNumber);
  const yy = String(el.epochYear % 100).padStart(2, '0');
  const day = el.epochDayOfYear.toFixed(8).padStart(12, '0');
  let l1 =
    `1 ${sat}${el.classification || 'U'} ${objectIdToDesignator(el.objectId).padEnd(8, ' ')} ` +
    `${yy}${day} ${formatNdot(el.meanMotionDot)} ${formatImplied(el.meanMotionDdot)} ` +
    `${formatImplied(el.bstar)} ${el.ephemerisType % 10} ${String(el.elementSetNumber % 10_000).padStart(4, ' ')}`;
  const ecc = Math.round(el.eccentricity * 1e7);
  let l2 =
    `2 ${sat} ${fixed(el.inclinationDeg, 8, 4)} ${fixed(wrap360(el.raanDeg), 8, 4)} ` +
    `${String(Math.min(ecc, 9_999_999)).padStart(7, '0')} ${fixed(wrap360(el.argPerigeeDeg), 8, 4)} ` +
    `${fixed(wrap360(el.meanAnomalyDeg), 8, 4)} ${fixed(el.meanMotionRevPerDay, 11, 8)}` +
    `${String(el.revolutionNumber % 100_000).padStart(5, ' ')}`;
  l1 += String(tleChecksum(l1));
  l2 += String(tleChecksum(l2));
  return [l1, l2];
}

function wrap360(a: number): number {
  const r = a % 360;
  const w = r < 0 ? r + 360 : r;
  // 359.99995 would print as 360.0000
  return Number(w.toFixed(4)) >= 360 ? 0 : w;
}
