import type { MangoQuery, RxCollection } from 'rxdb';
import { useLiveRxQuery } from 'rxdb/plugins/react';
import { useMemo, useSyncExternalStore } from 'react';
import { useServices } from '../app/services';
import type { LocalCollectionName, LocalDocs } from '../db/database';
import type { SyncStatus } from '../sync/sync-engine';

/** Live results of a query as plain documents; re-renders when the local database changes. */
export function useLiveDocs<K extends LocalCollectionName>(
  name: K,
  query: MangoQuery<LocalDocs[K]>,
): { docs: LocalDocs[K][]; loading: boolean } {
  const { db } = useServices();
  // The RxDB hook re-runs the query whenever the object changes identity: keep one object per
  // distinct query (queries are small plain JSON).
  const key = JSON.stringify(query);
  const stableQuery = useMemo(() => JSON.parse(key) as MangoQuery<LocalDocs[K]>, [key]);
  const collection = db.collections[name] as unknown as RxCollection<LocalDocs[K]>;
  const { results, loading } = useLiveRxQuery<LocalDocs[K]>({
    collection,
    query: stableQuery,
  });
  const docs = useMemo(() => results.map((doc) => doc.toJSON() as LocalDocs[K]), [results]);
  return { docs, loading };
}

export function useSyncStatus(): SyncStatus {
  const { sync } = useServices();
  return useSyncExternalStore(sync.subscribe, sync.getStatus);
}
