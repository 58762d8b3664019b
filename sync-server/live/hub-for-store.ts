import type { Store } from '../store/types';
import { type LiveHub, createLocalHub } from './hub';
import { createSharedHub } from './shared-hub';

/**
 * The hub a store calls for: shared with the other instances when the store has a ChangeBus
 * (PostgreSQL), in-process otherwise (SQLite). Resolves once the shared hub is listening, so
 * that a server never reports ready while deaf to the other instances.
 */
export async function hubFor(
  store: Store,
  onError: (message: string, err: unknown) => void,
): Promise<LiveHub> {
  const bus = store.openChangeBus();
  if (!bus) return createLocalHub();
  try {
    return await createSharedHub(bus, { onError });
  } catch (err) {
    await bus.close();
    throw err;
  }
}
