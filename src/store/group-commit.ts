/**
 * Group commit: concurrent writes of one kind are queued and written together, one transaction
 * (one lock of the audit head, one commit) for the whole batch instead of one per write.
 *
 * Guarantees, the same as one transaction per write:
 * - each caller's promise settles only after its batch's transaction has ended: it resolves once
 *   the commit succeeded (so an acknowledged write is durable) and rejects when the write was not
 *   committed (so nothing is acknowledged that is not stored);
 * - one failing item does not fail the others: when the batch's fast path (`writeAll`, a few
 *   multi-row statements) fails, the transaction is rolled back and the batch is written again
 *   item by item, each in its own savepoint (`writeOne`); the failing item gets its own error and
 *   the others commit together;
 * - order: items are written in the order they were submitted, so audit entries of one batch are
 *   consecutive in the chain.
 *
 * While a batch is being written the next one accumulates, so under load a batch holds every
 * write that arrived during the previous commit; alone, a write waits for no one (it starts at
 * the next turn of the event loop).
 */
import type { Repos, Store } from './store.js';

export interface GroupCommitOptions<I, R> {
  /** Writes every item, all or nothing (as few statements as possible); results in item order. */
  readonly writeAll: (tx: Repos, items: readonly I[]) => Promise<R[]>;
  /** Writes one item (in its own savepoint, when `writeAll` failed). */
  readonly writeOne: (tx: Repos, item: I) => Promise<R>;
  /** Largest batch (default 200). */
  readonly maxBatch?: number;
}

export interface GroupCommit<I, R> {
  /** Queues a write; settles after the transaction that holds it has ended (see above). */
  submit(item: I): Promise<R>;
  /** Resolves once nothing is queued or being written. */
  idle(): Promise<void>;
}

interface Waiter<I, R> {
  readonly item: I;
  readonly resolve: (r: R) => void;
  readonly reject: (e: unknown) => void;
}

export function groupCommit<I, R>(store: Store, opts: GroupCommitOptions<I, R>): GroupCommit<I, R> {
  const maxBatch = opts.maxBatch ?? 200;
  let queue: Waiter<I, R>[] = [];
  let running = false;
  let idleWaiters: (() => void)[] = [];

  async function writeBatch(batch: Waiter<I, R>[]): Promise<void> {
    const items = batch.map((w) => w.item);
    let results: R[];
    try {
      results = await store.transaction((tx) => opts.writeAll(tx, items));
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
      // Find the culprit(s): each item in its own savepoint, the others still commit together.
      let settled;
      try {
        settled = await store.transactionEach(items, opts.writeOne);
      } catch (err2) {
        for (const w of batch) w.reject(err2);
        return;
      }
      settled.forEach((s, i) => (s.ok ? batch[i]!.resolve(s.value) : batch[i]!.reject(s.error)));
      return;
    }
    if (!Array.isArray(results) || results.length !== batch.length) {
      // A programming error in writeAll; the transaction has committed, so say so loudly.
      const e = new Error(
        `group commit: ${String(results?.length)} results for ${batch.length} items`,
      );
      for (const w of batch) w.reject(e);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }

  async function drain(): Promise<void> {
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        // writeBatch settles every promise itself; this only guards against the unexpected
        // (settling a promise twice is a no-op).
        await writeBatch(batch).catch((e: unknown) => batch.forEach((w) => w.reject(e)));
      }
    } finally {
      running = false;
      const ws = idleWaiters;
      idleWaiters = [];
      for (const w of ws) w();
    }
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (!running) {
          running = true;
          // Let the writes that arrive in the same turn of the event loop join this batch.
          setImmediate(() => void drain());
        }
      });
    },
    idle() {
      if (!running) return Promise.resolve();
      return new Promise((r) => idleWaiters.push(r));
    },
  };
}
