/**
 * The job runner: claims jobs from the store's queue and runs each computation in a worker
 * thread. Several runners (threads of one server, or `sahelsat worker` processes on other
 * machines sharing a PostgreSQL database) can serve the same queue: claims are exclusive and
 * leased, and a runner renews its leases with heartbeats that also carry progress and the
 * latest checkpoint.
 *
 * Stopping (graceful shutdown) asks every running computation to stop, waits a grace period
 * for its checkpoint, and gives the job back to the queue without counting the attempt.
 */
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { formatIsoUtc } from '../../core/time.js';
import type { JobRecord, Store } from '../../store/index.js';
import type { EventBus } from '../events.js';
import type { JobDefinitions } from './definitions.js';

export interface JobRunnerOptions {
  readonly store: Store;
  readonly clock: () => number;
  readonly events: EventBus;
  readonly definitions: JobDefinitions;
  /** Jobs run at once (worker threads). */
  readonly threads: number;
  /** Lease of a claimed job, ms (default 30 s); renewed every third of it. */
  readonly leaseMs?: number;
  /** How often an idle runner looks for work, ms (default 1 s). */
  readonly pollMs?: number;
  /** How long a stopping computation may take to save its checkpoint, ms (default 5 s). */
  readonly graceMs?: number;
  readonly log?: {
    error(obj: unknown, msg?: string): void;
    info?(obj: unknown, msg?: string): void;
  };
}

export interface JobRunner {
  readonly workerId: string;
  start(): void;
  /** Looks for work now (after a job was queued in this process). */
  wake(): void;
  /** Checks a job's cancellation flag now if this runner holds it. */
  poke(jobId: string): void;
  /** Stops claiming, checkpoints and re-queues running jobs, and waits for their threads. */
  stop(): Promise<void>;
  active(): number;
}

type StopReason = 'cancel' | 'shutdown' | 'lost';

interface Running {
  readonly job: JobRecord;
  readonly stopFlag: Int32Array;
  reason: StopReason | null;
  beat: () => Promise<void>;
  done: Promise<void>;
  requestStop(reason: StopReason): void;
}

/** The compiled worker entry (under dist/ when this module runs from TypeScript sources in tests). */
export function workerScriptUrl(): URL {
  const here = new URL('./worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  const path = fileURLToPath(here).replace(
    /([/\\])src([/\\])server([/\\])jobs([/\\])/,
    '$1dist$2server$3jobs$4',
  );
  return pathToFileURL(path);
}

const RETRY_BACKOFF_MS = [5_000, 30_000, 120_000];

export function createJobRunner(o: JobRunnerOptions): JobRunner {
  const { store, clock, events, definitions } = o;
  const leaseMs = o.leaseMs ?? 30_000;
  const pollMs = o.pollMs ?? 1000;
  const graceMs = o.graceMs ?? 5000;
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const types = Object.keys(definitions);
  const running = new Map<string, Running>();
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let filling = false;
  let again = false;
  const script = workerScriptUrl();
  const logError = (err: unknown, msg: string) => o.log?.error({ err }, msg);

  const publish = (j: JobRecord, type: 'job.progress' | 'job.finished') =>
    events.publish({
      type,
      at: formatIsoUtc(clock()),
      data: {
        jobId: j.id,
        type: j.type,
        status: j.status,
        progress: j.progress,
        message: j.progressMessage,
      },
      audience: { kind: 'item', ownerNation: j.ownerNation, releasability: j.releasability },
    });

  async function fill(): Promise<void> {
    if (filling) {
      again = true;
      return;
    }
    filling = true;
    try {
      do {
        again = false;
        for (const j of await store.jobs.sweep(clock())) publish(j, 'job.finished');
        while (!stopping && running.size < o.threads) {
          const job = await store.jobs.claim(workerId, types, clock(), leaseMs);
          if (!job) break;
          run(job);
        }
      } while (again && !stopping);
    } catch (err) {
      logError(err, 'job queue poll failed');
    } finally {
      filling = false;
    }
  }

  function run(job: JobRecord): void {
    const def = definitions[job.type]!;
    const stopFlag = new Int32Array(new SharedArrayBuffer(4));
    let progress = job.progress;
    let message: string | null = job.progressMessage;
    let checkpoint: unknown = undefined;
    const w: { current: Worker | null } = { current: null };
    let killTimer: NodeJS.Timeout | null = null;
    const r: Running = {
      job,
      stopFlag,
      reason: null,
      beat: async () => undefined,
      done: Promise.resolve(),
      requestStop(reason) {
        if (r.reason === null || reason === 'lost') r.reason = reason;
        Atomics.store(stopFlag, 0, 1);
        if (reason === 'lost') void w.current?.terminate();
        killTimer ??= setTimeout(() => void w.current?.terminate(), graceMs);
      },
    };
    let beating = false;
    r.beat = async () => {
      if (beating) return;
      beating = true;
      try {
        const beat = await store.jobs.heartbeat(job.id, workerId, clock(), leaseMs, {
          progress,
          message,
          ...(checkpoint !== undefined ? { checkpoint } : {}),
        });
        if (beat === null) r.requestStop('lost');
        else if (beat.cancelRequested) r.requestStop('cancel');
        else publish({ ...job, progress, progressMessage: message }, 'job.progress');
      } catch (err) {
        logError(err, `heartbeat of job ${job.id} failed`);
      } finally {
        beating = false;
      }
    };
    const heartbeat = setInterval(() => void r.beat(), Math.max(50, Math.floor(leaseMs / 3)));

    type Outcome =
      | { kind: 'done'; output: unknown }
      | { kind: 'stopped' }
      | { kind: 'error'; code: string; message: string; fatal?: boolean };
    const execute = async (): Promise<Outcome> => {
      let input: unknown;
      try {
        const params = def.params.parse(job.params);
        input = await def.prepare(store, params as never, job);
      } catch (err) {
        return { kind: 'error', code: 'prepare-failed', message: (err as Error).message };
      }
      if (r.reason) return { kind: 'stopped' };
      return new Promise<Outcome>((resolve) => {
        let settled = false;
        const settle = (x: Outcome) => {
          if (!settled) {
            settled = true;
            resolve(x);
          }
        };
        const worker = new Worker(script, {
          workerData: { type: job.type, input, checkpoint: job.checkpoint, stopFlag },
        });
        w.current = worker;
        worker.on('message', (m: { kind: string; [k: string]: unknown }) => {
          if (m.kind === 'progress') {
            progress = m.fraction as number;
            message = (m.message as string | null) ?? null;
          } else if (m.kind === 'checkpoint') checkpoint = m.state;
          else if (m.kind === 'done') settle({ kind: 'done', output: m.output });
          else if (m.kind === 'stopped') settle({ kind: 'stopped' });
          else if (m.kind === 'error')
            settle({
              kind: 'error',
              code: String(m.code),
              message: String(m.message),
              fatal: m.fatal === true,
            });
        });
        worker.on('error', (err) =>
          settle({ kind: 'error', code: 'worker-crashed', message: err.message }),
        );
        worker.on('exit', (code) =>
          settle(
            r.reason
              ? { kind: 'stopped' }
              : {
                  kind: 'error',
                  code: 'worker-exited',
                  message: `worker thread exited with code ${code}`,
                },
          ),
        );
      });
    };

    r.done = (async () => {
      const outcome = await execute();
      clearInterval(heartbeat);
      if (killTimer) clearTimeout(killTimer);
      void w.current?.terminate();
      const now = clock();
      let ended: JobRecord | null = null;
      if (r.reason === 'lost') return;
      if (outcome.kind === 'done') {
        ended = await store.transaction(async (tx) => {
          const result = await def.commit(tx, job, outcome.output as never);
          const fin = await tx.jobs.finish(job.id, workerId, now, { status: 'succeeded', result });
          if (!fin) throw new LeaseLost();
          return fin;
        });
      } else if (outcome.kind === 'stopped' && r.reason === 'cancel') {
        ended = await store.jobs.finish(job.id, workerId, now, { status: 'cancelled' });
      } else if (outcome.kind === 'stopped') {
        await store.jobs.release(job.id, workerId, now, { checkpoint, refundAttempt: true });
      } else if (outcome.kind === 'error') {
        const retry =
          outcome.code !== 'prepare-failed' && !outcome.fatal && job.attempts < job.maxAttempts;
        if (retry) {
          const delay = RETRY_BACKOFF_MS[Math.min(job.attempts - 1, RETRY_BACKOFF_MS.length - 1)]!;
          await store.jobs.release(job.id, workerId, now, {
            checkpoint,
            refundAttempt: false,
            runAfterMs: now + delay,
            error: { code: outcome.code, message: outcome.message },
          });
        } else {
          ended = await store.jobs.finish(job.id, workerId, now, {
            status: 'failed',
            error: { code: outcome.code, message: outcome.message },
          });
        }
      }
      if (ended) publish(ended, 'job.finished');
    })()
      .catch((err) => {
        if (!(err instanceof LeaseLost)) logError(err, `job ${job.id} could not be recorded`);
      })
      .finally(() => {
        clearInterval(heartbeat);
        running.delete(job.id);
        if (!stopping) void fill();
      });
    running.set(job.id, r);
  }

  return {
    workerId,
    start() {
      if (timer || stopping) return;
      timer = setInterval(() => void fill(), pollMs);
      void fill();
    },
    wake: () => void fill(),
    poke(jobId) {
      void running.get(jobId)?.beat();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = null;
      const all = [...running.values()];
      for (const r of all) r.requestStop('shutdown');
      await Promise.all(all.map((r) => r.done));
      while (filling) await new Promise((res) => setTimeout(res, 10));
    },
    active: () => running.size,
  };
}

class LeaseLost extends Error {}
