import type { Store } from '../store/types';
import { type LiveHub, createLocalHub } from './hub';
import { createSharedHub } from './shared-hub';

/**
 * The hub a store calls for: shared with the other instances when the store has a ChangeBus
 * (PostgreSQL), in-process otherwise (SQLite). Resolves once the shared hub is listening, so
 * that a server never reports ready while deaf to the other instances.
 *
 * A SQLite file is also written by the admin command (roles) from its own process: when the
 * store sees another writer commit, every stream reloads what its user may see and pulls. That
 * is coarse, and rare (an operator's command), and it needs no message from the command.
 */
export async function hubFor(
  store: Store,
  onError: (message: string, err: unknown) => void,
): Promise<LiveHub> {
  const bus = store.openChangeBus();
  if (!bus) {
    const hub = createLocalHub();
    const stop = store.watchOtherWriters?.(() => hub.resyncAll());
    if (!stop) return hub;
    return {
      ...hub,
      async close() {
        stop();
        await hub.close();
      },
    };
  }
  try {
    return await createSharedHub(bus, { onError });
  } catch (err) {
    await bus.close();
    throw err;
  }
}
