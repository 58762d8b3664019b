import type { LiveHub } from './live/hub';
import type { Store } from './store/types';

/** What every route module needs, passed explicitly (no globals). */
export interface ServerContext {
  store: Store;
  hub: LiveHub;
  /** the server clock (ms); injectable for tests */
  now: () => number;
}
