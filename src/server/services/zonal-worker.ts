/**
 * Worker-thread entry computing a product's zonal statistics, so a large product does not hold
 * the server's event loop (polygon clipping of thousands of polygons takes seconds).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ValidationError } from '../../core/errors.js';
import { loadBundledZones, zonalStatistics } from '../../imaging/zonal.js';
import type { ZonalThreadInput } from './zonal-thread.js';

const input = workerData as ZonalThreadInput;
try {
  const stats = zonalStatistics(
    input.product,
    { ...loadBundledZones(input.zonesDir), aois: input.aois },
    { previous: input.previous },
  );
  parentPort!.postMessage({ ok: true, stats });
} catch (err) {
  const e = err as Error & Partial<ValidationError>;
  parentPort!.postMessage({
    ok: false,
    error: {
      validation: err instanceof ValidationError,
      message: e.detail ?? e.message,
      code: e.code ?? 'zonal-failed',
      location: e.location,
      expected: e.expected,
      received: e.received,
    },
  });
}
