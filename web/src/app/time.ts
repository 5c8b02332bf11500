/**
 * The one clock of the dashboard. Live: follows the machine's clock, ticking on each second.
 * Otherwise: a chosen instant (replay the past, preview the future), optionally playing at a
 * speed (simulated seconds per real second).
 */
import { type ReadonlySignal, batch, signal } from '@preact/signals';
import type { TimeStore } from './context.js';

export interface PlayableTimeStore extends TimeStore {
  /** Simulated seconds per real second while not live; 0 = paused. */
  readonly speed: ReadonlySignal<number>;
  setSpeed(speed: number): void;
  /**
   * The instant to draw now, ms: between ticks it advances continuously (for smooth motion),
   * following the machine's clock when live or the play speed otherwise.
   */
  displayNow(): number;
  dispose(): void;
}

export function createTimeStore(clock: () => number = Date.now): PlayableTimeStore {
  const now = signal(clock());
  const live = signal(true);
  const speed = signal(0);
  // When not live: the shown instant was `anchorMs` at real time `anchorReal`.
  let anchorMs = now.value;
  let anchorReal = clock();
  const displayNow = (): number =>
    live.value ? clock() : anchorMs + (clock() - anchorReal) * speed.value;
  const tick = () => {
    now.value = live.value ? clock() : Math.round(displayNow());
    timer = setTimeout(tick, 1000 - (clock() % 1000) + 5);
  };
  let timer = setTimeout(tick, 1000 - (clock() % 1000) + 5);
  return {
    now,
    live,
    speed,
    displayNow,
    set(ms: number) {
      batch(() => {
        live.value = false;
        anchorMs = ms;
        anchorReal = clock();
        now.value = ms;
      });
    },
    goLive() {
      batch(() => {
        live.value = true;
        speed.value = 0;
        now.value = clock();
      });
    },
    setSpeed(s: number) {
      const at = displayNow();
      batch(() => {
        if (live.value) live.value = false;
        anchorMs = at;
        anchorReal = clock();
        speed.value = s;
        now.value = Math.round(at);
      });
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
