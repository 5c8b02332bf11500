/**
 * The local element-set cache for offline work: one OMM JSON file holding, for each catalogue
 * number, the element set with the latest epoch seen. Writes are atomic (temporary file, then
 * rename), so an interrupted import never leaves a corrupt cache.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ElementSet } from '../orbit/element-set.js';
import { formatOmmJson, parseOmmJson } from './omm-json.js';

/** Path of the cache file inside a data directory. */
export function catalogCachePath(dataDir: string): string {
  return join(dataDir, 'catalog', 'elements.omm.json');
}

/** Reads the cache (empty when absent). */
export function readCatalogCache(dataDir: string): ElementSet[] {
  const p = catalogCachePath(dataDir);
  if (!existsSync(p)) return [];
  const r = parseOmmJson(readFileSync(p, 'utf8'), p);
  return r.entries.map((e) => e.elements);
}

export interface MergeSummary {
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly total: number;
}

/** Merges element sets into the cache, keeping the latest epoch per catalogue number. */
export function mergeIntoCatalogCache(
  dataDir: string,
  incoming: readonly ElementSet[],
): MergeSummary {
  const byId = new Map<number, ElementSet>();
  for (const el of readCatalogCache(dataDir)) byId.set(el.catalogNumber, el);
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (const el of incoming) {
    const old = byId.get(el.catalogNumber);
    if (!old) {
      added++;
      byId.set(el.catalogNumber, el);
    } else if (el.epochMs > old.epochMs) {
      updated++;
      byId.set(el.catalogNumber, el);
    } else unchanged++;
  }
  const list = [...byId.values()].sort((a, b) => a.catalogNumber - b.catalogNumber);
  const p = catalogCachePath(dataDir);
  mkdirSync(dirname(p), { recursive: true });
  const tmp = `${p}.${process.pid}.tmp`;
  writeFileSync(tmp, formatOmmJson(list));
  renameSync(tmp, p);
  return { added, updated, unchanged, total: list.length };
}
