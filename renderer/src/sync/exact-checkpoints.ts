/**
 * Lets the replication's upstream find "what changed since its checkpoint" without re-reading a
 * whole bulk write, which after a big first sync made the first push of a session wait a minute.
 *
 * RxDB gives every document of one bulk write the same last-write time (rx-storage-helper.js,
 * "Use the same timestamp for all docs of this rows-set"), and it merges the pages that arrive
 * while it writes into one bulk: after a first sync, thousands of replies share one time. Two
 * things then go wrong at the next start, when the upstream scans the local database for
 * unsent writes (upstreamInitialSync, in the queue every push waits in):
 *
 * 1. Its checkpoint is in the middle of that bulk. The change events say a bulk ended at its
 *    last row *in write order* (rx-storage-instance-dexie.js, `newestRow`), but checkpoints
 *    order documents by last-write time, then id, and pulled pages come in the server's order.
 *    About half of the last bulk seems "changed since" and is read and compared again.
 * 2. Each read walks the bulk from its beginning: RxDB's query (getChangedDocumentsSinceQuery)
 *    starts its index range at the last-write time and only filters the ids, so even a scan
 *    that finds nothing reads the whole bulk, and a scan through it costs its size squared.
 *
 * The device benchmark's first reply after a 110,000-document sync waited 47–69 s for that; a
 * test with 8,000 replies on fake-indexeddb, 330 s (renderer/test/upstream-restart.test.ts).
 * So the change events the replication sees end at their greatest (last-write time, id), never
 * earlier than RxDB's own checkpoint; and reads since a checkpoint start the index range right
 * after it.
 */
import {
  type RxCollection,
  type RxStorageInstance,
  getChangedDocumentsSinceQuery,
  getPrimaryFieldOfPrimaryKey,
  prepareQuery,
} from 'rxdb';
import { type Observable, map } from 'rxjs';

interface LwtCheckpoint {
  id: string;
  lwt: number;
}

interface ChangeBulk {
  checkpoint: unknown;
  events: ReadonlyArray<{ documentId: string; documentData?: { _meta?: { lwt?: unknown } } }>;
}

type Doc = { _meta: { lwt: number } } & Record<string, unknown>;

type ForkInstance = {
  changeStream(): Observable<ChangeBulk>;
  getChangedDocumentsSince?: (
    limit: number,
    checkpoint?: LwtCheckpoint,
  ) => Promise<{ documents: Doc[]; checkpoint: LwtCheckpoint }>;
} & Pick<RxStorageInstance<Doc, unknown, unknown>, 'schema' | 'query'>;

const corrected = new WeakSet<object>();

/**
 * Call before the collection's replication starts (it subscribes to the change stream then).
 * Once per storage instance: a replication started again later finds it done.
 */
export function exactChangeCheckpoints(collection: RxCollection<unknown>): void {
  const instance = collection.storageInstance as unknown as ForkInstance;
  if (corrected.has(instance)) return;
  corrected.add(instance);
  const changes = instance.changeStream.bind(instance);
  instance.changeStream = () => changes().pipe(map(endingAtLastDocument));
  // A storage that answers this itself (not Dexie) is trusted to seek.
  if (!instance.getChangedDocumentsSince) {
    instance.getChangedDocumentsSince = (limit, checkpoint) =>
      changedSince(instance, limit, checkpoint);
  }
}

/** The bulk, with a checkpoint after every document it holds (when the storage uses lwt+id). */
export function endingAtLastDocument<T extends ChangeBulk>(bulk: T): T {
  if (!isLwtCheckpoint(bulk.checkpoint)) return bulk;
  let last = bulk.checkpoint;
  for (const event of bulk.events) {
    const lwt = event.documentData?._meta?.lwt;
    if (typeof lwt !== 'number') continue;
    if (lwt > last.lwt || (lwt === last.lwt && event.documentId > last.id)) {
      last = { id: event.documentId, lwt };
    }
  }
  return last === bulk.checkpoint ? bulk : { ...bulk, checkpoint: last };
}

/**
 * RxDB's own query and answer (rx-storage-helper.js getChangedDocumentsSince), except that the
 * index range starts right after the checkpoint instead of at the first document of its
 * last-write time. The selector still applies, so the answer is the same, only found directly.
 */
async function changedSince(
  instance: ForkInstance,
  limit: number,
  checkpoint: LwtCheckpoint | undefined,
): Promise<{ documents: Doc[]; checkpoint: LwtCheckpoint }> {
  const primaryPath = getPrimaryFieldOfPrimaryKey(instance.schema.primaryKey) as string;
  const prepared = prepareQuery(
    instance.schema,
    getChangedDocumentsSinceQuery(instance as never, limit, checkpoint),
  );
  const plan = prepared.queryPlan;
  if (checkpoint && plan.index[0] === '_meta.lwt' && plan.index[1] === primaryPath) {
    prepared.queryPlan = {
      ...plan,
      startKeys: [checkpoint.lwt, checkpoint.id],
      inclusiveStart: false,
    };
  }
  const { documents } = await instance.query(prepared as never);
  const last = documents[documents.length - 1];
  return {
    documents,
    checkpoint: last
      ? { id: last[primaryPath] as string, lwt: last._meta.lwt }
      : (checkpoint ?? { id: '', lwt: 0 }),
  };
}

function isLwtCheckpoint(value: unknown): value is LwtCheckpoint {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LwtCheckpoint).id === 'string' &&
    typeof (value as LwtCheckpoint).lwt === 'number'
  );
}
