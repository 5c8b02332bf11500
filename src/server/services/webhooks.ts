/**
 * Webhooks: registration (per nation), the deliveries queued with each alert, and the worker
 * that sends them. A webhook of nation N receives the alerts N may see (alliance alerts and N's
 * own). Each delivery is a row with its attempts and next attempt time, so a restarted server
 * continues the schedule; see store/alerts.ts for the lease that keeps two senders apart.
 *
 * Each POST carries the body (CAP XML or the alert JSON), `X-Sahelsat-Signature:
 * sha256=<hex HMAC-SHA256 of the body>`, `X-Sahelsat-Timestamp` (Unix seconds of the attempt)
 * and `X-Sahelsat-Delivery` (the delivery id, the same for every attempt, for de-duplication).
 */
import type { z } from 'zod';
import {
  type BackoffOptions,
  DEFAULT_BACKOFF,
  nextDelayMs,
  retryable,
} from '../../alerts/backoff.js';
import { capXml } from '../../alerts/cap.js';
import {
  DELIVERY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signBody,
} from '../../alerts/signature.js';
import type {
  AlertRecord,
  DeliveryRecord,
  Page,
  Repos,
  Store,
  WebhookRecord,
} from '../../store/index.js';
import { alertOut } from '../alerts-dto.js';
import type { ServiceDeps } from '../context.js';
import { notFound } from '../errors.js';
import { audienceIncludes } from '../events.js';
import { type Caller, requirePermission } from '../policy.js';
import type { WebhookBody } from '../schemas/alerts.js';
import { audit } from './audit.js';

/** Queues one delivery per format for every webhook that may receive the alert (in `tx`). */
export async function queueDeliveries(
  tx: Repos,
  a: AlertRecord,
  nowMs: number,
  newId: () => string,
): Promise<number> {
  const audience = {
    kind: 'item',
    ownerNation: a.ownerNation,
    releasability: a.releasability,
  } as const;
  const hooks = (await tx.alerts.allWebhooks()).filter((w) =>
    audienceIncludes(audience, w.ownerNation),
  );
  const rows: DeliveryRecord[] = hooks.flatMap((w) =>
    w.formats.map((format) => ({
      id: newId(),
      webhookId: w.id,
      alertId: a.id,
      format,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptMs: nowMs,
      lastStatusCode: null,
      lastError: null,
      createdAtMs: nowMs,
      updatedAtMs: nowMs,
      deliveredAtMs: null,
    })),
  );
  await tx.alerts.insertDeliveries(rows);
  return rows.length;
}

export function webhooksService(deps: ServiceDeps) {
  const { store, clock } = deps;
  const own = async (caller: Caller, id: string): Promise<WebhookRecord> => {
    requirePermission(caller, 'manage alerts');
    const w = await store.alerts.getWebhook(id, caller);
    if (!w) throw notFound('webhook');
    return w;
  };
  return {
    async list(caller: Caller): Promise<Page<WebhookRecord>> {
      requirePermission(caller, 'manage alerts');
      const items = await store.alerts.listWebhooks(caller);
      return { items, total: items.length };
    },
    async create(caller: Caller, b: z.infer<typeof WebhookBody>): Promise<WebhookRecord> {
      requirePermission(caller, 'manage alerts');
      const now = clock();
      const w: WebhookRecord = {
        id: deps.newId(),
        url: b.url,
        secret: b.secret,
        formats: b.formats,
        ownerNation: caller.nation,
        createdBy: caller.id,
        createdAtMs: now,
      };
      await store.transaction(async (tx) => {
        await tx.alerts.insertWebhook(w);
        await audit(
          tx,
          now,
          caller,
          'webhook.create',
          { type: 'webhook', id: w.id, nation: w.ownerNation },
          { url: w.url, formats: w.formats },
        );
      });
      return w;
    },
    async remove(caller: Caller, id: string): Promise<void> {
      const w = await own(caller, id);
      const now = clock();
      await store.transaction(async (tx) => {
        if (!(await tx.alerts.deleteWebhook(id))) return;
        await audit(
          tx,
          now,
          caller,
          'webhook.delete',
          { type: 'webhook', id, nation: w.ownerNation },
          { url: w.url },
        );
      });
    },
    async deliveries(
      caller: Caller,
      id: string,
      f: { limit: number; offset: number },
    ): Promise<Page<DeliveryRecord>> {
      await own(caller, id);
      return store.alerts.listDeliveries(id, f);
    },
  };
}

/** Options of the delivery worker. */
export interface DeliveryWorkerOptions {
  /** How often to look for due deliveries when not woken, ms (default 5 s). */
  readonly pollMs?: number;
  /** Time one attempt may take before it is abandoned, ms (default 10 s). */
  readonly timeoutMs?: number;
  /** Back-off schedule (default: 10 s doubling to 1 h, 8 attempts). */
  readonly backoff?: Partial<BackoffOptions>;
  /** Deliveries sent at once (default 4). */
  readonly concurrency?: number;
}

/** The worker sending due deliveries. */
export interface DeliveryWorker {
  start(): void;
  /** Look for due deliveries now (a new alert was queued). */
  wake(): void;
  /** Stops; waits for attempts in flight. */
  stop(): Promise<void>;
  /** One pass: claims and sends what is due; resolves when those attempts are recorded. */
  runOnce(): Promise<number>;
}

const errorText = (e: unknown): string => {
  const err = e as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return 'timeout';
  return String(err?.cause?.code ?? err?.cause?.message ?? err?.message ?? e).slice(0, 500);
};

export function createDeliveryWorker(
  store: Store,
  clock: () => number,
  capSender: string,
  o: DeliveryWorkerOptions = {},
  log: { warn(o: object, msg: string): void } = { warn: () => undefined },
): DeliveryWorker {
  const pollMs = o.pollMs ?? 5000;
  const timeoutMs = o.timeoutMs ?? 10_000;
  const backoff: BackoffOptions = { ...DEFAULT_BACKOFF, ...o.backoff };
  const concurrency = o.concurrency ?? 4;
  // A lease outlives an attempt (timeout) with room: a crashed sender's claim expires after it.
  const leaseMs = timeoutMs * 3;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let again = false;
  let stopped = true;

  async function attempt(d: DeliveryRecord): Promise<void> {
    const [w, a] = await Promise.all([
      store.alerts.getWebhookAny(d.webhookId),
      store.alerts.getAlertAny(d.alertId),
    ]);
    const now0 = clock();
    if (!w || !a) {
      await store.alerts.recordAttempt(d.id, {
        status: 'failed',
        attempts: d.attempts,
        nextAttemptMs: now0,
        statusCode: null,
        error: 'webhook or alert removed',
        nowMs: now0,
      });
      return;
    }
    const body =
      d.format === 'cap-xml' ? capXml(a, { sender: capSender }) : JSON.stringify(alertOut(a));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(w.url, {
        method: 'POST',
        headers: {
          'content-type':
            d.format === 'cap-xml' ? 'application/cap+xml; charset=utf-8' : 'application/json',
          'user-agent': 'Sahelsat-Webhook/1',
          [SIGNATURE_HEADER]: signBody(w.secret, body),
          [TIMESTAMP_HEADER]: String(Math.floor(now0 / 1000)),
          [DELIVERY_HEADER]: d.id,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (status < 200 || status >= 300) error = `HTTP ${status}`;
    } catch (e) {
      error = errorText(e);
    }
    const now = clock();
    const attempts = d.attempts + 1;
    if (error === null) {
      await store.alerts.recordAttempt(d.id, {
        status: 'delivered',
        attempts,
        nextAttemptMs: now,
        statusCode: status,
        error: null,
        nowMs: now,
      });
      return;
    }
    const delay = retryable(status) ? nextDelayMs(attempts, d.id, backoff) : null;
    await store.alerts.recordAttempt(d.id, {
      status: delay === null ? 'failed' : 'pending',
      attempts,
      nextAttemptMs: delay === null ? now : now + delay,
      statusCode: status,
      error,
      nowMs: now,
    });
  }

  async function pass(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await store.alerts.claimDue(clock(), leaseMs, concurrency);
      if (batch.length === 0) return sent;
      await Promise.all(
        batch.map((d) =>
          attempt(d).catch((err) => log.warn({ err, delivery: d.id }, 'webhook delivery failed')),
        ),
      );
      sent += batch.length;
      if (stopped) return sent;
    }
  }

  function schedule(ms: number): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), Math.max(0, Math.min(ms, pollMs)));
  }

  async function tick(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    timer = null;
    running = pass();
    let sent = 0;
    try {
      sent = await running;
    } catch (err) {
      log.warn({ err }, 'webhook delivery pass failed');
    } finally {
      running = null;
    }
    if (stopped) return;
    if (again) {
      again = false;
      schedule(0);
      return;
    }
    const next = await store.alerts.nextDueMs().catch(() => null);
    const delay = next === null ? pollMs : next - clock();
    // Due but not claimable (leased by another server): look again later, do not spin.
    schedule(delay > 0 ? delay : sent > 0 ? 0 : Math.min(pollMs, 1000));
  }

  return {
    start() {
      stopped = false;
      schedule(0);
    },
    wake() {
      if (!stopped) schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
    runOnce: () => pass(),
  };
}
