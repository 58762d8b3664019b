/**
 * The live hub of an instance that shares its database with other instances: each commit is
 * delivered to this instance's streams at once and broadcast on the store's ChangeBus
 * (LISTEN/NOTIFY on PostgreSQL) after the commit; what the other instances broadcast is
 * delivered to this instance's streams by the same routing rule. Streams only ever receive
 * RESYNC, so a client can connect to any instance: no sticky sessions.
 *
 * A lost broadcast is repaired, not prevented: when the LISTEN connection comes back after a
 * failure, every stream of this instance is told to pull everything.
 */
import { randomUUID } from 'node:crypto';
import type { ChangeBus } from '../store/types';
import { type LiveHub, createLocalHub } from './hub';
import { decodeNotices, encodeNotices } from './notice-codec';

export interface SharedHubOptions {
  /** where failed broadcasts are reported (the commit itself has succeeded) */
  onError?: (message: string, err: unknown) => void;
}

/** Resolves once the hub hears the other instances. */
export async function createSharedHub(
  bus: ChangeBus,
  options: SharedHubOptions = {},
): Promise<LiveHub> {
  const local = createLocalHub();
  const self = randomUUID();
  await bus.listen(
    (raw) => {
      const message = decodeNotices(raw);
      // Our own commits were delivered locally when they were published.
      if (message && message.from !== self) local.publish(message.changes);
    },
    () => local.resyncAll(),
  );
  return {
    publish(changes) {
      if (changes.length === 0) return;
      local.publish(changes);
      for (const message of encodeNotices(self, changes)) {
        bus
          .send(message)
          .catch((err: unknown) => options.onError?.('broadcasting a commit failed', err));
      }
    },
    subscribe: (listener) => local.subscribe(listener),
    async close() {
      await bus.close();
      await local.close();
    },
  };
}
