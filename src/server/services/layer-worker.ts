/** Worker-thread entry reading a big imported layer (layer-read.ts), off the event loop. */
import { parentPort, workerData } from 'node:worker_threads';
import { type LayerReadInput, readLayerNow } from './layer-read.js';

try {
  parentPort!.postMessage({ ok: true, read: readLayerNow(workerData as LayerReadInput) });
} catch (err) {
  parentPort!.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
}
