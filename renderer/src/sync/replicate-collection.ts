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
import type { OutboxTracker } from '../data/outbox';
import { exactChangeCheckpoints } from './exact-checkpoints';
import { freshenRows } from './fresh-rows';
import type { ConnectionGate } from './gate';
import { PageSizer } from './page-size';

export interface CollectionReplicationOptions<T> {
  api: ApiClient;
  collection: RxCollection<T>;
  /** Stable per server and account; never change it for a live collection. */
  identifier: string;
  stream$: Observable<RxReplicationPullStreamItem<T, unknown>>;
  onPulled(count: number): void;
  /** A push was answered (whatever the answer): the server is working again. */
  onPushed?(): void;
  onRefusals(collection: string, refusals: RowRefusal[]): void;
  /**
   * Sees the refusals of each push first, inside the push, and returns those the user should
   * still hear about (a report refused as outdated is sent again instead, see reports.ts).
   */
  recover?(refusals: RowRefusal[]): Promise<RowRefusal[]>;
  /** Told about every push, so the outbox can show what is sending, sent or refused. */
  outbox?: OutboxTracker;
  /** Closed while the server cannot be reached: requests wait there instead of failing. */
  gate?: ConnectionGate;
}

/** What the push handler reads of any document it sends. */
interface PushedDoc {
  id: string;
  updatedAt: number;
  threadId?: string;
}

export function replicateCollection<T>(
  options: CollectionReplicationOptions<T>,
): RxReplicationState<T, unknown> {
  const { api, collection } = options;
  const pages = new PageSizer();
  // Without it, the first start after a big sync re-reads the pulled rows before any push.
  exactChangeCheckpoints(collection as RxCollection<unknown>);
  const replication: RxReplicationState<T, unknown> = replicateRxCollection<T, unknown>({
    collection,
    replicationIdentifier: options.identifier,
    live: true,
    retryTime: 2_000,
    // A desktop app keeps syncing while its window is in the background.
    toggleOnDocumentVisible: false,
    waitForLeadership: false,
    pull: {
      batchSize: PULL_LIMIT_DEFAULT,
      stream$: options.stream$,
      async handler(checkpoint) {
        await options.gate?.wait();
        const limit = pages.next();
        // RxDB takes a page shorter than its pull batch size to mean "up to date", and reads
        // that size after this handler returns: it must be the limit this page was asked with.
        const internal = replication.internalReplicationState;
        if (internal) internal.input.pullBatchSize = limit;
        const started = performance.now();
        let page: Awaited<ReturnType<typeof api.pull<never>>>;
        try {
          page = await api.pull<never>(collection.name, checkpoint, limit);
        } catch (error) {
          // Not arrived in time: maybe too big for the link now. RxDB asks again; ask for less.
          if ((error as { code?: string }).code === 'network') pages.failed();
          throw error;
        }
        pages.record(limit, page.documents.length, performance.now() - started);
        options.onPulled(page.documents.length);
        return page;
      },
    },
    push: {
      batchSize: 50,
      async handler(picked) {
        await options.gate?.wait();
        await options.outbox?.threadsFirst(
          collection.name,
          picked.flatMap((row) => {
            const threadId = (row.newDocumentState as unknown as PushedDoc).threadId;
            return threadId ? [threadId] : [];
          }),
        );
        // Right before the request: the version on the device now (see fresh-rows.ts).
        const { rows, replaced } = await freshenRows(collection, picked);
        const docs = rows.map((row) => row.newDocumentState as unknown as PushedDoc);
        const ids = docs.map((doc) => doc.id);
        await options.outbox?.sending(collection.name, ids);
        let result: Awaited<ReturnType<typeof api.push<{ id: string }>>>;
        try {
          result = await api.push<{ id: string }>(collection.name, rows);
        } catch (error) {
          // Not answered (offline, or no answer before the timeout although the server may
          // have stored the rows): RxDB sends the same rows again later, and the server takes a
          // replayed row only once.
          await options.outbox?.failed(collection.name, ids);
          throw error;
        }
        options.onPushed?.();
        const conflictIds = new Set(result.conflicts.map((doc) => doc.id));
        const refusals =
          options.recover && result.refusals.length > 0
            ? await options.recover(result.refusals)
            : result.refusals;
        // The status first: when the outbox shows a refusal, the reason is already there to read.
        if (refusals.length > 0) options.onRefusals(collection.name, refusals);
        const pushed = new Map(docs.map((doc) => [doc.id, doc.updatedAt]));
        await options.outbox?.answered(collection.name, ids, conflictIds, result.refusals, pushed);
        // A replaced row the server stored: its master state is now the version sent.
        const refused = new Set(result.refusals.map((r) => r.id));
        const sentInstead = docs.filter(
          (doc) => replaced.has(doc.id) && !conflictIds.has(doc.id) && !refused.has(doc.id),
        );
        return [...result.conflicts, ...sentInstead] as never[];
      },
    },
  });
  return replication;
}
