/** Placement of passes on a timeline window and the window's hour ticks. */

export const TIMELINE_BUCKET_MS = 10 * 60_000;

/** Start of the timeline's window: the shown instant rounded down to 10 minutes (the server's cache bucket). */
export function windowStart(nowMs: number): number {
  return Math.floor(nowMs / TIMELINE_BUCKET_MS) * TIMELINE_BUCKET_MS;
}

/** Fraction of the window [startMs, endMs] at which `ms` falls (clamped to 0…1). */
export function fractionAt(ms: number, startMs: number, endMs: number): number {
  return Math.min(1, Math.max(0, (ms - startMs) / (endMs - startMs)));
}

/** Whole hours (UTC) strictly inside the window, for tick marks. */
export function hourTicks(startMs: number, endMs: number, everyH = 3): number[] {
  const step = everyH * 3_600_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(startMs / step) * step; t < endMs; t += step)
    if (t > startMs) ticks.push(t);
  return ticks;
}

/** Instant a reminder for a pass rising at `aosMs` fires, `leadMin` minutes before. */
export function reminderAt(aosMs: number, leadMin: number): number {
  return aosMs - Math.max(0, leadMin) * 60_000;
}
