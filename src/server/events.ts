/**
 * Events the live socket forwards (request status changes, new plan versions, job progress…).
 * Each event names its audience with the same releasability rule as the data it describes, so
 * the socket never tells a nation about an item it cannot see.
 */
import type { Nation, Releasability } from '../store/index.js';

/** Who may receive an event: everyone, or the holders of an item's releasability. */
export type Audience =
  | { readonly kind: 'all' }
  | { readonly kind: 'item'; readonly ownerNation: Nation; readonly releasability: Releasability };

export interface LiveEvent {
  /** e.g. `request.created`, `request.status`, `plan.version`, `job.progress`, `job.finished`. */
  readonly type: string;
  readonly at: string;
  readonly data: Record<string, unknown>;
  readonly audience: Audience;
}

/** Internal notices that are not sent to clients (e.g. sessions revoked: close their sockets). */
export type InternalNotice = {
  readonly type: 'sessions.revoked';
  readonly sessionIds: readonly string[];
};

export interface EventBus {
  publish(e: LiveEvent): void;
  notify(n: InternalNotice): void;
  subscribe(fn: (e: LiveEvent) => void): () => void;
  onNotice(fn: (n: InternalNotice) => void): () => void;
}

export function createEventBus(): EventBus {
  const subs = new Set<(e: LiveEvent) => void>();
  const notices = new Set<(n: InternalNotice) => void>();
  return {
    publish: (e) => subs.forEach((fn) => fn(e)),
    notify: (n) => notices.forEach((fn) => fn(n)),
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
    onNotice(fn) {
      notices.add(fn);
      return () => notices.delete(fn);
    },
  };
}

/** Whether a user of `nation` may receive an event. */
export function audienceIncludes(a: Audience, nation: Nation): boolean {
  return a.kind === 'all' || a.releasability === 'alliance' || a.ownerNation === nation;
}
