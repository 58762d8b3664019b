/**
 * The local database: RxDB on Dexie (IndexedDB). It holds everything the user can read or has
 * written, so the app works with no network at all; replication keeps it in step with the server.
 */
import {
  type RxCollection,
  type RxDatabase,
  type RxStorage,
  addRxPlugin,
  createRxDatabase,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { RxDBQueryBuilderPlugin } from 'rxdb/plugins/query-builder';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import type { BaseDoc } from '../../../shared/schemas/common';
import type { Profile } from '../../../shared/schemas/profiles';
import { keepBothVersions, latestEditWins } from './conflicts';
import { MIGRATIONS } from './migrations';
import { type OutboxItem, outboxSchema } from './outbox-schema';
import { keepOtherProfileVersion } from './profile-conflict';
import { type ThreadState, threadStateSchema } from './thread-state-schema';
import {
  COLLECTION_NAMES,
  type CollectionDocs,
  type CollectionName,
  SCHEMAS,
} from '../../../shared/collections';

addRxPlugin(RxDBQueryBuilderPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);
// For the other version of a profile after a conflict (profile-conflict.ts): not a collection.
addRxPlugin(RxDBLocalDocumentsPlugin);

/**
 * Document types of the client's collections: the ten CONTRACT ones, `reports`, and two
 * local-only ones (outbox, threadState) — thirteen, exactly the free RxDB build's cap per
 * process. Another collection needs one of these folded into another, or a premium build.
 */
export type LocalDocs = CollectionDocs & { outbox: OutboxItem; threadState: ThreadState };
export type LocalCollectionName = keyof LocalDocs;
export type KindredCollections = { [K in LocalCollectionName]: RxCollection<LocalDocs[K]> };
export type KindredDatabase = RxDatabase<KindredCollections>;

export interface OpenDatabaseOptions {
  /** RxDB database name: lower-case letters, digits and dashes. One database per account. */
  name: string;
  /** Defaults to Dexie on the browser's IndexedDB; tests pass Dexie on fake-indexeddb. */
  storage?: RxStorage<unknown, unknown>;
  /** Development and tests: RxDB's dev-mode checks (never in production builds). */
  devMode?: boolean;
  /**
   * Which collections to open (default: all). The free RxDB build caps open collections per
   * process at 13, so a test that runs several clients in one process opens only what it needs.
   */
  collections?: readonly CollectionName[];
  /** Which local-only collections to open (default both: outbox and thread state). */
  localCollections?: ReadonlyArray<'outbox' | 'threadState'>;
}

/** See conflicts.ts: whose edit survives when this device and the server disagree. */
function conflictHandlerFor(name: CollectionName, getDb: () => KindredDatabase) {
  switch (name) {
    case 'threads':
    case 'posts':
    case 'reactions':
      return latestEditWins();
    case 'profiles':
      return latestEditWins<Profile>(
        () => (edit) => keepOtherProfileVersion(getDb().profiles, edit),
      );
    case 'drafts':
    case 'journal':
      return keepBothVersions(() => async (losing, copyId) => {
        const collection = getDb().collections[name] as unknown as RxCollection<BaseDoc>;
        if (await collection.findOne(copyId).exec()) return;
        const { _deleted: _ignored, ...copy } = losing as typeof losing & { _deleted?: boolean };
        await collection.insert({ ...copy, id: copyId, updatedAt: Date.now() });
      });
    case 'reports':
      return undefined; // written once: the server's stored report is the report
    default:
      return undefined; // server-owned: the server's version wins (RxDB's default)
  }
}

let devModeLoaded: Promise<void> | undefined;

async function loadDevMode(): Promise<void> {
  devModeLoaded ??= (async () => {
    const dev = await import('rxdb/plugins/dev-mode');
    dev.disableWarnings();
    addRxPlugin(dev.RxDBDevModePlugin);
  })();
  return devModeLoaded;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<KindredDatabase> {
  if (options.devMode) await loadDevMode();
  // z-schema, not Ajv: Ajv compiles validators with `new Function`, which our CSP forbids.
  const storage = wrappedValidateZSchemaStorage({
    storage: options.storage ?? getRxStorageDexie(),
  });
  const db = await createRxDatabase<KindredCollections>({
    name: options.name,
    storage,
    // One window owns the database; no cross-tab leader election needed.
    multiInstance: false,
    eventReduce: true,
    closeDuplicates: true,
  });
  const names = options.collections ?? COLLECTION_NAMES;
  const collections: Record<
    string,
    {
      schema: unknown;
      conflictHandler?: unknown;
      migrationStrategies?: unknown;
      localDocuments?: boolean;
    }
  > = {};
  for (const name of names) {
    collections[name] = {
      schema: SCHEMAS[name],
      conflictHandler: conflictHandlerFor(name, () => db),
      migrationStrategies: MIGRATIONS[name] ?? {},
      // Where the other version of the user's profile waits after a conflict.
      ...(name === 'profiles' && { localDocuments: true }),
    };
  }
  const local = options.localCollections ?? ['outbox', 'threadState'];
  if (local.includes('outbox')) collections.outbox = { schema: outboxSchema };
  if (local.includes('threadState')) collections.threadState = { schema: threadStateSchema };
  await db.addCollections(collections as never);
  return db;
}

/** RxDB accepts only `[a-z][a-z0-9_$-]*` as a database name. */
export function databaseNameFor(serverUrl: string, userId: string): string {
  let hash = 0x811c9dc5;
  for (const ch of serverUrl) {
    hash ^= ch.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  const user = userId.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  return `kindred-${hash.toString(16)}-${user}`;
}
