/**
 * Two-line element sets: reading (2-line and 3-line, Alpha-5 catalogue numbers, checksums) and
 * writing. Column numbers in messages are 1-based, as in the format's definition
 * (https://celestrak.org/NORAD/documentation/tle-fmt.php).
 */
import type { ElementSet } from '../orbit/element-set.js';
import { decodeCatalogNumber, designatorToObjectId, tleChecksum } from '../orbit/tle-lines.js';
import { type CatalogIssue, issue } from './catalog-issue.js';

/** Options for {@link parseTle}. */
export interface TleParseOptions {
  /** File name used in messages. */
  readonly fileName?: string;
  /** Report bad checksums as warnings instead of errors (and keep the entry). */
  readonly ignoreChecksum?: boolean;
}

/** One element set read from a file, with where it came from. */
export interface TleEntry {
  readonly elements: ElementSet;
  /** 1-based line number of TLE line 1. */
  readonly line: number;
  /** The two TLE lines, trimmed to 69 columns. */
  readonly lines: readonly [string, string];
}

/** Everything read from one text: the good entries, and an issue per problem found. */
export interface TleParseResult {
  readonly entries: TleEntry[];
  readonly errors: CatalogIssue[];
  readonly warnings: CatalogIssue[];
}

const RE_DECIMAL = /^\s*[+-]?\d*\.?\d+\s*$/;
const RE_IMPLIED = /^\s*([+-]|\s)?(\d{1,5})\s*([+-])(\d)\s*$/;
const RE_IMPLIED_NOEXP = /^\s*([+-]|\s)?(\d{1,5})\s*$/;

interface FieldContext {
  readonly file: string | undefined;
  readonly lineNo: number;
  readonly text: string;
  readonly problems: CatalogIssue[];
}

function field(ctx: FieldContext, from: number, to: number): string {
  return ctx.text.slice(from - 1, to);
}

function bad(ctx: FieldContext, from: number, to: number, name: string, expected: string): void {
  ctx.problems.push(
    issue(`bad ${name}`, {
      file: ctx.file,
      line: ctx.lineNo,
      column: from,
      field: name,
      expected,
      received: field(ctx, from, to),
    }),
  );
}

function decimal(
  ctx: FieldContext,
  from: number,
  to: number,
  name: string,
  allowBlank = false,
): number {
  const s = field(ctx, from, to);
  if (allowBlank && s.trim() === '') return 0;
  if (!RE_DECIMAL.test(s)) {
    bad(ctx, from, to, name, `a decimal number in columns ${from}–${to}`);
    return NaN;
  }
  return Number(s);
}

/** A field with an assumed leading decimal point, e.g. ` 12345-3` → 0.12345e-3. */
function impliedDecimal(ctx: FieldContext, from: number, to: number, name: string): number {
  const s = field(ctx, from, to);
  if (s.trim() === '') return 0;
  let m = RE_IMPLIED.exec(s);
  if (m) {
    const sign = m[1] === '-' ? -1 : 1;
    return sign * Number(`0.${m[2]}e${m[3]}${m[4]}`);
  }
  m = RE_IMPLIED_NOEXP.exec(s);
  if (m) return (m[1] === '-' ? -1 : 1) * Number(`0.${m[2]}`);
  bad(ctx, from, to, name, `an implied-decimal number such as " 12345-3" in columns ${from}–${to}`);
  return NaN;
}

function integer(ctx: FieldContext, from: number, to: number, name: string): number {
  const s = field(ctx, from, to);
  if (s.trim() === '') return 0;
  if (!/^\s*\d+\s*$/.test(s)) {
    bad(ctx, from, to, name, `digits in columns ${from}–${to}`);
    return NaN;
  }
  return Number(s);
}

function checkChecksum(ctx: FieldContext, opts: TleParseOptions, warnings: CatalogIssue[]): void {
  const c = ctx.text[68];
  const expected = tleChecksum(ctx.text);
  if (c === undefined || c === ' ') {
    // A missing checksum digit is tolerated as the format's older writers sometimes omit it.
    return;
  }
  if (c !== String(expected)) {
    const problem = issue('checksum mismatch', {
      file: ctx.file,
      line: ctx.lineNo,
      column: 69,
      field: 'checksum',
      expected: String(expected),
      received: c,
    });
    if (opts.ignoreChecksum) warnings.push(problem);
    else ctx.problems.push(problem);
  }
}

function isLine1(text: string, next: string | undefined): boolean {
  return text.startsWith('1 ') && (text.length >= 60 || (next?.startsWith('2 ') ?? false));
}

/**
 * Reads TLE text: 2-line or 3-line (a title line before each pair, with or without Space-Track's
 * `0 ` prefix), CR/LF or LF, text after column 69 ignored, `#` comment lines skipped. A bad
 * entry is reported and skipped; the others load.
 */
export function parseTle(text: string, opts: TleParseOptions = {}): TleParseResult {
  const file = opts.fileName;
  const rawLines = text.split('\n');
  const entries: TleEntry[] = [];
  const errors: CatalogIssue[] = [];
  const warnings: CatalogIssue[] = [];
  let pendingName: { text: string; lineNo: number } | null = null;
  for (let i = 0; i < rawLines.length; i++) {
    const lineText = stripEnd(rawLines[i]!);
    const lineNo = i + 1;
    if (lineText.trim() === '' || lineText.startsWith('#')) continue;
    const next = i + 1 < rawLines.length ? stripEnd(rawLines[i + 1]!) : undefined;
    if (isLine1(lineText, next)) {
      if (next === undefined || !next.startsWith('2')) {
        errors.push(
          issue('TLE line 1 is not followed by line 2', {
            file,
            line: lineNo + 1,
            column: 1,
            field: 'line number',
            expected: 'a line starting with "2 "',
            received: next ?? '<end of file>',
          }),
        );
        pendingName = null;
        continue;
      }
      const name = pendingName && pendingName.lineNo === lineNo - 1 ? pendingName.text : '';
      const parsed = parsePair(lineText, next, lineNo, name, opts, warnings);
      if ('problems' in parsed) errors.push(...parsed.problems);
      else entries.push(parsed);
      pendingName = null;
      i++;
      continue;
    }
    if (lineText.startsWith('2 ') && lineText.length >= 60) {
      errors.push(
        issue('TLE line 2 without a line 1 before it', {
          file,
          line: lineNo,
          column: 1,
          field: 'line number',
          expected: 'a line starting with "1 " on the previous line',
          received: pendingName?.text ?? '',
        }),
      );
      pendingName = null;
      continue;
    }
    if (pendingName && pendingName.lineNo === lineNo - 1) {
      warnings.push(
        issue('title line not followed by an element set; ignored', {
          file,
          line: pendingName.lineNo,
          field: 'name',
          received: pendingName.text,
        }),
      );
    }
    pendingName = { text: lineText.replace(/^0 /, '').trim(), lineNo };
  }
  return { entries, errors, warnings };
}

function stripEnd(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1).trimEnd() : s.trimEnd();
}

function parsePair(
  raw1: string,
  raw2: string,
  lineNo: number,
  name: string,
  opts: TleParseOptions,
  warnings: CatalogIssue[],
): TleEntry | { problems: CatalogIssue[] } {
  const file = opts.fileName;
  const problems: CatalogIssue[] = [];
  const l1 = raw1.slice(0, 69);
  const l2 = raw2.slice(0, 69);
  const c1: FieldContext = { file, lineNo, text: l1, problems };
  const c2: FieldContext = { file, lineNo: lineNo + 1, text: l2, problems };
  for (const [ctx, min] of [
    [c1, 64],
    [c2, 63],
  ] as const) {
    if (ctx.text.length < min) {
      problems.push(
        issue('TLE line too short', {
          file,
          line: ctx.lineNo,
          column: ctx.text.length + 1,
          field: 'length',
          expected: `at least ${min} columns (69 with the checksum)`,
          received: ctx.text,
        }),
      );
      return { problems };
    }
  }
  if (l2[0] !== '2') bad(c2, 1, 1, 'line number', '"2"');
  const sat1 = decodeCatalogNumber(field(c1, 3, 7));
  const sat2 = decodeCatalogNumber(field(c2, 3, 7));
  if (sat1 === null) bad(c1, 3, 7, 'catalogue number', '5 digits or Alpha-5 (letter + 4 digits)');
  if (sat2 === null) bad(c2, 3, 7, 'catalogue number', '5 digits or Alpha-5 (letter + 4 digits)');
  if (sat1 !== null && sat2 !== null && sat1 !== sat2) {
    problems.push(
      issue('catalogue numbers of lines 1 and 2 differ', {
        file,
        line: lineNo + 1,
        column: 3,
        field: 'catalogue number',
        expected: field(c1, 3, 7),
        received: field(c2, 3, 7),
      }),
    );
  }
  let classification = field(c1, 8, 8);
  if (classification === ' ') classification = 'U';
  else if (!/^[UCS]$/.test(classification)) bad(c1, 8, 8, 'classification', 'U, C or S');
  const designator = field(c1, 10, 17).trim();
  const epochYY = field(c1, 19, 20);
  if (!/^\d\d$/.test(epochYY)) bad(c1, 19, 20, 'epoch year', 'two digits');
  const epochDay = decimal(c1, 21, 32, 'epoch day');
  if (!(epochDay >= 1 && epochDay < 367)) {
    if (!Number.isNaN(epochDay)) bad(c1, 21, 32, 'epoch day', 'a day of year in [1, 367)');
  }
  const ndot = decimal(c1, 34, 43, 'mean motion derivative');
  const nddot = impliedDecimal(c1, 45, 52, 'mean motion second derivative');
  const bstar = impliedDecimal(c1, 54, 61, 'B* drag term');
  const ephemerisType = integer(c1, 63, 63, 'ephemeris type');
  const elementSetNumber = integer(c1, 65, 68, 'element set number');
  const incl = decimal(c2, 9, 16, 'inclination');
  const raan = decimal(c2, 18, 25, 'right ascension of the ascending node');
  const eccField = field(c2, 27, 33);
  let ecc = NaN;
  if (/^\d{7}$/.test(eccField) || /^ *\d+$/.test(eccField))
    ecc = Number(`0.${eccField.replace(/ /g, '0')}`);
  else bad(c2, 27, 33, 'eccentricity', 'seven digits with an assumed leading decimal point');
  const argp = decimal(c2, 35, 42, 'argument of perigee');
  const mo = decimal(c2, 44, 51, 'mean anomaly');
  const n = decimal(c2, 53, 63, 'mean motion');
  const rev = integer(c2, 64, 68, 'revolution number');
  if (incl < 0 || incl > 180) bad(c2, 9, 16, 'inclination', 'degrees in [0, 180]');
  if (!(n > 0)) {
    if (!Number.isNaN(n)) bad(c2, 53, 63, 'mean motion', 'revolutions per day > 0');
  }
  checkChecksum(c1, opts, warnings);
  checkChecksum(c2, opts, warnings);
  if (problems.length > 0) return { problems };
  const yy = Number(epochYY);
  const year = yy < 57 ? 2000 + yy : 1900 + yy;
  const epochMs = Date.UTC(year, 0, 1) + (epochDay - 1) * 86_400_000;
  const elements: ElementSet = {
    name,
    objectId: designatorToObjectId(designator),
    catalogNumber: sat1!,
    classification,
    epochMs,
    epochYear: year,
    epochDayOfYear: epochDay,
    meanMotionRevPerDay: n,
    eccentricity: ecc,
    inclinationDeg: incl,
    raanDeg: raan,
    argPerigeeDeg: argp,
    meanAnomalyDeg: mo,
    meanMotionDot: ndot,
    meanMotionDdot: nddot,
    bstar,
    ephemerisType,
    elementSetNumber,
    revolutionNumber: rev,
  };
  return { elements, line: lineNo, lines: [l1, l2] };
}

export {
  decodeCatalogNumber,
  designatorToObjectId,
  encodeCatalogNumber,
  formatTle,
  objectIdToDesignator,
  tleChecksum,
} from '../orbit/tle-lines.js';
