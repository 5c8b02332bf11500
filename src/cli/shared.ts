/**
 * Helpers shared by the CLI commands: reading catalogue files, resolving stations, validating
 * option values (a bad value is a ValidationError naming the option: exit code 2).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ValidationError } from '../core/errors.js';
import { parseIsoUtc } from '../core/time.js';
import { type CatalogIssue, formatIssue } from '../io/catalog-issue.js';
import type { CatalogEntry } from '../io/catalog-types.js';
import { readCatalog } from '../io/catalog.js';
import { loadBundledStations } from '../io/bundled-data.js';
import type { GroundStation } from '../passes/station.js';
import type { CliContext } from './context.js';
import { sharedMessages as m } from './shared-messages.js';

/** Reads a text file named by an option, with a located error when it cannot be read. */
export function readTextFile(ctx: CliContext, path: string, option: string): string {
  try {
    return readFileSync(resolve(ctx.cwd, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ValidationError(m(ctx.lang, 'file.unreadable', { code: code ?? 'error' }), {
      location: { file: path, field: option },
    });
  }
}

/** Prints reader warnings and errors on stderr, translated connecting words included. */
export function reportIssues(
  ctx: CliContext,
  warnings: readonly CatalogIssue[],
  errors: readonly CatalogIssue[],
): void {
  const words = { expected: m(ctx.lang, 'expected'), got: m(ctx.lang, 'got') };
  for (const w of warnings)
    ctx.stderr.write(`${m(ctx.lang, 'warning')} ${formatIssue(w, words)}\n`);
  for (const e of errors) ctx.stderr.write(`${m(ctx.lang, 'error')} ${formatIssue(e, words)}\n`);
}

/**
 * Loads a catalogue file in any supported format. Problems with single entries are printed on
 * stderr and the good entries are returned; a file with no usable entry is an error.
 */
export function loadCatalogFile(
  ctx: CliContext,
  path: string,
  opts: { ignoreChecksum?: boolean; option?: string } = {},
): CatalogEntry[] {
  const text = readTextFile(ctx, path, opts.option ?? '--tle');
  const r = readCatalog(text, { fileName: path, ignoreChecksum: opts.ignoreChecksum ?? false });
  reportIssues(ctx, r.warnings, r.errors);
  if (r.errors.length > 0) {
    ctx.stderr.write(
      `${m(ctx.lang, 'catalog.skipped', { bad: r.errors.length, good: r.entries.length })}\n`,
    );
  }
  if (r.entries.length === 0) {
    throw new ValidationError(m(ctx.lang, 'catalog.empty'), { location: { file: path } });
  }
  return r.entries;
}

/** Parses `--norad 25544,43013` into a set of catalogue numbers. */
export function parseNoradList(ctx: CliContext, text: string | undefined): Set<number> | null {
  if (text === undefined) return null;
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const t = part.trim();
    if (!/^\d+$/.test(t)) {
      throw new ValidationError(m(ctx.lang, 'norad.bad'), {
        location: { field: '--norad' },
        expected: 'catalogue numbers separated by commas',
        received: part,
      });
    }
    out.add(Number(t));
  }
  return out;
}

/** Keeps the entries whose catalogue number is in `wanted` (all when null); errors on unknown ids. */
export function selectEntries(
  ctx: CliContext,
  entries: CatalogEntry[],
  wanted: Set<number> | null,
): CatalogEntry[] {
  if (!wanted) return entries;
  const chosen = entries.filter((e) => wanted.has(e.elements.catalogNumber));
  const found = new Set(chosen.map((e) => e.elements.catalogNumber));
  const missing = [...wanted].filter((n) => !found.has(n));
  if (missing.length > 0) {
    throw new ValidationError(m(ctx.lang, 'norad.missing', { ids: missing.join(', ') }), {
      location: { field: '--norad' },
    });
  }
  return chosen;
}

/** Parses a number option with bounds. */
export function parseNumberOption(
  ctx: CliContext,
  text: string | undefined,
  option: string,
  bounds: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  const ok =
    text.trim() !== '' &&
    Number.isFinite(v) &&
    (bounds.min === undefined || v >= bounds.min) &&
    (bounds.max === undefined || v <= bounds.max) &&
    (!bounds.integer || Number.isInteger(v));
  if (!ok) {
    const range = `${bounds.integer ? 'an integer' : 'a number'}${bounds.min !== undefined ? ` ≥ ${bounds.min}` : ''}${bounds.max !== undefined ? ` ≤ ${bounds.max}` : ''}`;
    throw new ValidationError(m(ctx.lang, 'option.bad'), {
      location: { field: option },
      expected: range,
      received: text,
    });
  }
  return v;
}

/** Parses an ISO time option (default: now). */
export function parseTimeOption(text: string | undefined, option: string, nowMs: number): number {
  return text === undefined ? nowMs : parseIsoUtc(text, option);
}

/**
 * Resolves `--station` values: a bundled station id (`bamako`) or `NAME:LAT:LON:ALT_M`.
 * No value means the three bundled national stations.
 */
export function resolveStations(
  ctx: CliContext,
  values: readonly string[] | undefined,
  minElevationDeg: number | undefined,
): GroundStation[] {
  const bundled = loadBundledStations();
  const list = values && values.length > 0 ? values : bundled.map((s) => s.id);
  return list.map((v) => {
    const known = bundled.find((s) => s.id === v.toLowerCase());
    if (known) return known;
    const parts = v.split(':');
    const [name, lat, lon, alt] = parts;
    const nums = [lat, lon, alt].map(Number);
    const valid =
      parts.length === 4 &&
      name !== undefined &&
      name !== '' &&
      nums.every((x) => Number.isFinite(x)) &&
      Math.abs(nums[0]!) <= 90 &&
      Math.abs(nums[1]!) <= 180;
    if (!valid) {
      throw new ValidationError(m(ctx.lang, 'station.bad'), {
        location: { field: '--station' },
        expected: `${bundled.map((s) => s.id).join(', ')} or NAME:LAT_DEG:LON_DEG:ALT_M`,
        received: v,
      });
    }
    return {
      id: name!,
      name: name!,
      nation: '',
      latitudeDeg: nums[0]!,
      longitudeDeg: nums[1]!,
      altitudeM: nums[2]!,
      minElevationDeg: minElevationDeg ?? 0,
    };
  });
}

/** Quotes a CSV field when it holds a comma, a quote or a newline (RFC 4180). */
export function csvField(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Pads the columns of a table (first row = header) for terminal output. */
export function formatTable(
  rows: readonly (readonly string[])[],
  rightAlign: ReadonlySet<number> = new Set(),
): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (rightAlign.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

/** Rejects a value of a closed-list option (`--format` unless named) outside the allowed list. */
export function checkFormat<T extends string>(
  ctx: CliContext,
  value: string,
  allowed: readonly T[],
  option = '--format',
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(m(ctx.lang, 'option.bad'), {
      location: { field: option },
      expected: allowed.join(' | '),
      received: value,
    });
  }
  return value as T;
}
