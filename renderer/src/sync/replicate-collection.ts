/**
 * Replication of one collection with the sync server, through RxDB's replication protocol:
 * pull pages from an opaque checkpoint, push rows with their assumed master state, and the
 * one shared event stream telling us when to pull.
 */
import type { RxCollection, RxReplicationPullStreamItem } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import type { Observable } from 'rxjs';
import { PULL_LIMIT_DEFAULT } from '../../../shared/protocol';
import type { RowRefusal } from '../../../shared/protocol';
import type { ApiClient } from '../api/client';

export interface CollectionReplicationOptions<T> {
  api: ApiClient;
  collection: RxCollection<T>;
  /** Stable per server and account; never change it for a live collection. */
  identifier: string;
  stream$: Observable<RxReplicationPullStreamItem<T, unknown>>;
  onPulled(): void;
  onRefusals(collection: string, refusals: RowRefusal[]): void;
}

export function replicateCollection<T>(
  options: CollectionReplicationOptions<T>,
): RxReplicationState<T, unknown> {
  const { api, collection } = options;
  return replicateRxCollection<T, unknown>({
    collection,
    replicationIdentifier: options.identifier,
    live: true,
    retryTime: 5_000,
    // A desktop app keeps syncing while its window is in the background.
    toggleOnDocumentVisible: false,
    waitForLeadership: false,
    pull: {
      batchSize: PULL_LIMIT_DEFAULT,
      stream$: options.stream$,
      async handler(checkpoint, batchSize) {
        const page = await api.pull<never>(collection.name, checkpoint, batchSize);
        options.onPulled();
        return page;
      },
    },
    push: {
      batchSize: 50,
      async handler(rows) {
        const result = await api.push<never>(collection.name, rows);
        if (result.refusals.length > 0) options.onRefusals(collection.name, result.refusals);
        return result.conflicts;
      },
    },
  });
}
