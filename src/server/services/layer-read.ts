/**
 * Reading an imported layer for storage: check it (src/io/user-layer.ts), make the drawing copy
 * (src/io/simplify-layer.ts) and serialise both. Files above {@link LAYER_THREAD_BYTES} are read
 * in a worker thread (layer-worker.ts), so a big KML does not hold the server's event loop (about
 * 0.3 s per MB of KML on a loaded machine, BENCHMARKS.md); small ones are read in place (a
 * thread costs tens of milliseconds to start).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Lang } from '../../i18n/index.js';
import {
  type LayerFormat,
  type LayerIssue,
  parseUserLayer,
  simplifyForDisplay,
} from '../../io/index.js';

/** Size from which a file is read in a worker thread, characters. */
export const LAYER_THREAD_BYTES = 512 * 1024;

export interface LayerReadInput {
  readonly text: string;
  readonly format?: LayerFormat;
  readonly lang: Lang;
}

export type LayerRead =
  | { readonly ok: false; readonly issues: LayerIssue[] }
  | {
      readonly ok: true;
      readonly format: LayerFormat;
      readonly featureCount: number;
      readonly positionCount: number;
      readonly geometryTypes: string[];
      readonly bbox: [number, number, number, number] | null;
      /** The FeatureCollection as imported, JSON text. */
      readonly features: string;
      /** The simplified copy for drawing, JSON text, or null when the layer is small. */
      readonly displayFeatures: string | null;
      readonly displayPositionCount: number;
    };

/** Reads a layer on the calling thread. */
export function readLayerNow(input: LayerReadInput): LayerRead {
  const parsed = parseUserLayer(input.text, {
    ...(input.format ? { format: input.format } : {}),
    lang: input.lang,
  });
  if (!parsed.ok) return parsed;
  const p = parsed.layer;
  const display = simplifyForDisplay(p.collection);
  return {
    ok: true,
    format: p.format,
    featureCount: p.featureCount,
    positionCount: p.positionCount,
    geometryTypes: p.geometryTypes,
    bbox: p.bbox,
    features: JSON.stringify(p.collection),
    displayFeatures: display ? JSON.stringify(display.collection) : null,
    displayPositionCount: display ? display.positionCount : p.positionCount,
  };
}

/** The compiled worker (under dist/ when this module runs from the TypeScript sources in tests). */
function workerUrl(): URL {
  const here = new URL('./layer-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return pathToFileURL(
    fileURLToPath(here).replace(
      /([/\\])src([/\\])server([/\\])services([/\\])/,
      '$1dist$2server$3services$4',
    ),
  );
}

/** Reads a layer, in a worker thread when it is big. */
export function readLayer(input: LayerReadInput): Promise<LayerRead> {
  if (input.text.length < LAYER_THREAD_BYTES) return Promise.resolve(readLayerNow(input));
  return new Promise((resolve, reject) => {
    const w = new Worker(workerUrl(), { workerData: input });
    let done = false;
    w.once('message', (m: { ok: true; read: LayerRead } | { ok: false; message: string }) => {
      done = true;
      if (m.ok) resolve(m.read);
      else reject(new Error(`layer reading thread: ${m.message}`));
      void w.terminate();
    });
    w.once('error', (err) => {
      if (!done) reject(err);
    });
    w.once('exit', (code) => {
      if (!done) reject(new Error(`layer reading thread exited with code ${code}`));
    });
  });
}
