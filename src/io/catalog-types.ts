/**
 * What every catalogue reader returns: the element sets it could read, with their line, and an
 * issue per problem (errors drop the entry, warnings keep it).
 */
import type { ElementSet } from '../orbit/element-set.js';
import type { CatalogIssue } from './catalog-issue.js';

export type CatalogFormat = 'tle' | 'omm-json' | 'omm-xml' | 'omm-kvn';

export interface CatalogEntry {
  readonly elements: ElementSet;
  /** 1-based line where the entry starts in its file. */
  readonly line: number;
}

export interface CatalogReadResult {
  readonly format: CatalogFormat;
  readonly entries: CatalogEntry[];
  readonly errors: CatalogIssue[];
  readonly warnings: CatalogIssue[];
}
