/**
 * A progress bar on stderr for long commands. Drawn in place on a terminal; on a pipe or a file
 * it prints a plain line at most every few seconds, so logs stay readable.
 */
import type { Writable } from './context.js';

export interface ProgressBar {
  /** Sets the number of units done (0 … total). */
  update(done: number): void;
  /** Marks the end: draws 100 % (or the final state) and a newline. */
  finish(): void;
}

export interface ProgressOptions {
  readonly label: string;
  readonly total: number;
  /** Unit name for the counter, e.g. "satellites". */
  readonly unit?: string;
  /** Minimum interval between two redraws, ms (terminal) — plain lines use 5 × this. */
  readonly intervalMs?: number;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
}

const WIDTH = 30;

/** Creates a progress bar writing to `stream`. Quiet when `enabled` is false. */
export function createProgressBar(
  stream: Writable,
  opts: ProgressOptions,
  enabled = true,
): ProgressBar {
  const now = opts.now ?? (() => performance.now());
  const interval = opts.intervalMs ?? 100;
  const tty = stream.isTTY === true;
  const start = now();
  let last = -Infinity;
  let done = 0;
  const render = (final: boolean): string => {
    const frac = opts.total > 0 ? Math.min(1, done / opts.total) : 1;
    const filled = Math.round(frac * WIDTH);
    const elapsedS = (now() - start) / 1000;
    const eta = frac > 0 && !final ? (elapsedS / frac) * (1 - frac) : 0;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    const pct = (frac * 100).toFixed(0).padStart(3);
    const counter = `${done}/${opts.total}${opts.unit ? ` ${opts.unit}` : ''}`;
    const time = final
      ? `${elapsedS.toFixed(1)} s`
      : `${elapsedS.toFixed(0)} s, ~${eta.toFixed(0)} s left`;
    return `${opts.label} ${bar} ${pct}% ${counter} (${time})`;
  };
  return {
    update(n: number) {
      done = n;
      if (!enabled) return;
      const t = now();
      if (t - last < (tty ? interval : interval * 50)) return;
      last = t;
      stream.write(tty ? `\r${render(false)}\u001b[K` : `${render(false)}\n`);
    },
    finish() {
      if (!enabled) return;
      stream.write(tty ? `\r${render(true)}\u001b[K\n` : `${render(true)}\n`);
    },
  };
}
