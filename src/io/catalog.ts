/**
 * Reading element-set catalogues in any supported format, detected from the content: TLE (2- or
 * 3-line), OMM JSON, OMM XML, OMM KVN.
 */
import type { CatalogFormat, CatalogReadResult } from './catalog-types.js';
import { parseOmmJson } from './omm-json.js';
import { parseOmmKvn } from './omm-kvn.js';
import { parseOmmXml } from './omm-xml.js';
import { parseTle } from './tle.js';

export interface CatalogReadOptions {
  readonly fileName?: string;
  /** Bad TLE checksums become warnings (the entries load). */
  readonly ignoreChecksum?: boolean;
  /** Force a format instead of detecting it. */
  readonly format?: CatalogFormat;
}

/** Guesses the format of a catalogue text from its first non-blank characters. */
export function detectCatalogFormat(text: string): CatalogFormat {
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('[') || head.startsWith('{')) return 'omm-json';
  if (head.startsWith('<')) return 'omm-xml';
  if (
    /^(CCSDS_OMM_VERS|COMMENT|OBJECT_NAME|CREATION_DATE)\b/m.test(head.slice(0, 2000)) &&
    /=/.test(head.slice(0, 200))
  ) {
    return 'omm-kvn';
  }
  return 'tle';
}

/** Reads a catalogue; bad entries are reported in `errors`, the good ones load. */
export function readCatalog(text: string, opts: CatalogReadOptions = {}): CatalogReadResult {
  const clean = text.replace(/^\uFEFF/, '');
  const format = opts.format ?? detectCatalogFormat(clean);
  switch (format) {
    case 'omm-json':
      return parseOmmJson(clean, opts.fileName);
    case 'omm-xml':
      return parseOmmXml(clean, opts.fileName);
    case 'omm-kvn':
      return parseOmmKvn(clean, opts.fileName);
    case 'tle': {
      const r = parseTle(clean, {
        ...(opts.fileName !== undefined ? { fileName: opts.fileName } : {}),
        ...(opts.ignoreChecksum !== undefined ? { ignoreChecksum: opts.ignoreChecksum } : {}),
      });
      return {
        format: 'tle',
        entries: r.entries.map((e) => ({ elements: e.elements, line: e.line })),
        errors: r.errors,
        warnings: r.warnings,
      };
    }
  }
}
