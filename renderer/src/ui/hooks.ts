import type { MangoQuery, RxCollection } from 'rxdb';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { useMemo, useSyncExternalStore } from 'react';
import type { CollectionDocs, CollectionName } from '../../../shared/collections';
import { useServices } from '../app/services';
import type { SyncStatus } from '../sync/sync-engine';

/** Live results of a query as plain documents; re-renders when the local database changes. */
export function useLiveDocs<K extends CollectionName>(
  name: K,
  query: MangoQuery<CollectionDocs[K]>,
): { docs: CollectionDocs[K][]; loading: boolean } {
  const { db } = useServices();
  // The RxDB hook re-runs the query whenever the object changes identity: keep one object per
  // distinct query (queries are small plain JSON).
  const key = JSON.stringify(query);
  const stableQuery = useMemo(() => JSON.parse(key) as MangoQuery<CollectionDocs[K]>, [key]);
  const collection = db.collections[name] as unknown as RxCollection<CollectionDocs[K]>;
  const { results, loading } = useLiveRxQuery<CollectionDocs[K]>({
    collection,
    query: stableQuery,
  });
  const docs = useMemo(() => results.map((doc) => doc.toJSON() as CollectionDocs[K]), [results]);
  return { docs, loading };
}

export function useSyncStatus(): SyncStatus {
  const { sync } = useServices();
  return useSyncExternalStore(sync.subscribe, sync.getStatus);
}
