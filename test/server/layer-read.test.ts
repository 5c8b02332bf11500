/**
 * Big imported layers are read in a worker thread: the same answer as reading in place, and the
 * event loop keeps turning meanwhile (the longest timer gap compared with reading in place, in
 * the same run, so the check holds on a busy machine). Needs `npm run build` (the worker runs
 * from dist/).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  LAYER_THREAD_BYTES,
  readLayer,
  readLayerNow,
} from '../../src/server/services/layer-read.js';
import { featureCollectionToKml } from '../../web/src/panels/export/kml.js';
import { referencePath } from '../support/reference.js';

const COUNTRIES = readFileSync(
  referencePath('geodata', 'countries_west_africa_ne10m.geojson'),
  'utf8',
);
const KML = featureCollectionToKml(JSON.parse(COUNTRIES) as GeoJSON.FeatureCollection, 'Countries');

/** The longest gap between ticks of a 5 ms timer while `work` runs. */
async function longestGap(work: () => Promise<unknown>): Promise<number> {
  let last = performance.now();
  let gap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 5);
  try {
    await work();
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    clearInterval(timer);
  }
  return gap;
}

describe('reading big layers in a worker thread', () => {
  it('gives the same answer as reading in place, for GeoJSON and KML', async () => {
    expect(COUNTRIES.length).toBeGreaterThan(LAYER_THREAD_BYTES);
    expect(KML.length).toBeGreaterThan(LAYER_THREAD_BYTES);
    for (const text of [COUNTRIES, KML]) {
      const inThread = await readLayer({ text, lang: 'en' });
      expect(inThread).toEqual(readLayerNow({ text, lang: 'en' }));
      expect(inThread.ok && inThread.displayFeatures !== null).toBe(true);
    }
    const bad = COUNTRIES.replace('[', '[[').padEnd(LAYER_THREAD_BYTES + 10, ' ');
    const r = await readLayer({ text: bad, lang: 'fr' });
    expect(r).toMatchObject({ ok: false, issues: [{ path: '(root)', line: 1 }] });
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/^JSON invalide/);
  });

  it('keeps the event loop turning while a big KML is read', async () => {
    const inPlace = await longestGap(async () => readLayerNow({ text: KML, lang: 'en' }));
    const inThread = await longestGap(() => readLayer({ text: KML, lang: 'en' }));
    expect(inPlace).toBeGreaterThan(100);
    expect(inThread).toBeLessThan(inPlace / 2);
  }, 30_000);
});
