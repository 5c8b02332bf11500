/** What services share: the store, the clock, the event bus, and resolved options. */
import type { Store } from '../store/index.js';
import type { EventBus } from './events.js';

export interface ServiceDeps {
  readonly store: Store;
  /** Current instant, UTC ms (injectable for tests). */
  readonly clock: () => number;
  readonly events: EventBus;
  readonly newId: () => string;
}
