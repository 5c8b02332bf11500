/**
 * Retry schedule of webhook deliveries: exponential back-off, `baseMs · 2^(attempt − 1)` capped
 * at `maxMs`, with up to ±20 % deterministic jitter from the delivery id (so many receivers
 * failing together do not retry in lock-step, and a test can predict the schedule).
 */

/** Options of the schedule. */
export interface BackoffOptions {
  /** Delay after the first failure, ms (default 10 s). */
  readonly baseMs: number;
  /** Longest delay, ms (default 1 h). */
  readonly maxMs: number;
  /** Attempts in all, first one included (default 8: about 21 min of retries at the defaults). */
  readonly maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 10_000, maxMs: 3_600_000, maxAttempts: 8 };

function jitter(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) / 2 ** 32) * 0.4 - 0.2;
}

/**
 * When to try again after `attempts` failed attempts (ms after the failure), or null when no
 * attempt is left.
 */
export function nextDelayMs(attempts: number, key: string, o: BackoffOptions): number | null {
  if (attempts >= o.maxAttempts) return null;
  const d = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(0, Math.round(d * (1 + jitter(`${key}:${attempts}`))));
}

/**
 * Whether an HTTP answer is worth retrying: network errors, timeouts, 408, 425, 429 and 5xx
 * are; other 4xx say the receiver refuses this delivery for good.
 */
export function retryable(status: number | null): boolean {
  if (status === null) return true;
  return status === 408 || status === 425 || status === 429 || status >= 500;
}
