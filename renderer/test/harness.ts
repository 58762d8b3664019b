/**
 * Several real clients in one test process: RxDB on fake-indexeddb, talking real HTTP to a real
 * sync server on a temporary SQLite file.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CollectionName } from '../../shared/collections';
import { buildApp } from '../../sync-server/app';
import { setRole } from '../../sync-server/admin/set-role';
import { seedDemo } from '../../sync-server/seed/demo';
import { openStore } from '../../sync-server/store/open';
import { ApiClient } from '../src/api/client';
import { type KindredDatabase, openDatabase } from '../src/db/database';
import type { SealingKey } from '../src/crypto/seal';
import { OutboxTracker } from '../src/data/outbox';
import { SyncEngine } from '../src/sync/sync-engine';
import type { SyncMemory } from '../src/sync/sync-memory';

export interface TestServer {
  url: string;
  /** the SQLite file: a restarted server opens the same one */
  file: string;
  close(options?: { keepFile?: boolean }): Promise<void>;
}

export async function startTestServer(options: { file?: string } = {}): Promise<TestServer> {
  const file =
    options.file ?? join(mkdtempSync(join(tmpdir(), 'kindred-client-test-')), 'kindred.sqlite');
  const store = await openStore(file);
  if (await store.isEmpty()) await seedDemo(store);
  const app = await buildApp({ store, heartbeatMs: 1_000 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  let closed = false;
  return {
    url: address,
    file,
    async close({ keepFile = false } = {}) {
      if (!closed) {
        closed = true;
        await app.close();
        await store.close();
      }
      if (!keepFile) rmSync(dirname(file), { recursive: true, force: true });
    },
  };
}

export interface TestClient {
  userId: string;
  displayName: string;
  token: string;
  sealingKey: SealingKey;
  api: ApiClient;
  db: KindredDatabase;
  sync: SyncEngine;
  close(): Promise<void>;
}

let clientCount = 0;

/** What a client opens by default: enough for sync tests, few enough for several clients. */
export const DEFAULT_TEST_COLLECTIONS: readonly CollectionName[] = [
  'communities',
  'memberships',
  'threads',
  'posts',
];

export interface ClientOptions {
  collections?: readonly CollectionName[];
  /** Reuse an account (a second device of the same person). */
  account?: { userId: string; token: string; displayName: string; sealingKey: SealingKey };
  /** Talk to the server through this URL instead (e.g. a fault-injecting proxy). */
  via?: string;
  /** Local-only collections to open (default: the outbox only). */
  localCollections?: ReadonlyArray<'outbox' | 'threadState'>;
}

export async function newSealingKey(): Promise<SealingKey> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  return { keyId: `k-${crypto.randomUUID()}`, key };
}

export async function startClient(
  serverUrl: string,
  name: string,
  options: ClientOptions = {},
): Promise<TestClient> {
  clientCount += 1;
  const api = new ApiClient(options.via ?? serverUrl);
  let account = options.account;
  if (!account) {
    const auth = await new ApiClient(serverUrl).register({
      username: `${name.toLowerCase()}-${Date.now().toString(36)}-${clientCount}`,
      password: 'correct horse battery',
      displayName: name,
    });
    account = {
      userId: auth.userId,
      token: auth.token,
      displayName: name,
      sealingKey: await newSealingKey(),
    };
  }
  api.setToken(account.token);
  const db = await openDatabase({
    name: `test-${clientCount}-${Date.now().toString(36)}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    // Only what the test needs: the free RxDB build caps open collections per process at 13.
    collections: options.collections ?? DEFAULT_TEST_COLLECTIONS,
    localCollections: options.localCollections ?? ['outbox'],
  });
  const outbox = new OutboxTracker(db, { userId: account.userId, sealingKey: account.sealingKey });
  const memory = new Map<string, SyncMemory>();
  const sync = new SyncEngine({
    db,
    api,
    scope: `test-${clientCount}`,
    outbox,
    memory: {
      load: (scope) => memory.get(scope) ?? { lastSyncedAt: null, firstSyncDone: false },
      save: (scope, value) => memory.set(scope, value),
    },
  });
  sync.start();
  return {
    userId: account.userId,
    displayName: account.displayName,
    token: account.token,
    sealingKey: account.sealingKey,
    api,
    db,
    sync,
    async close() {
      await sync.stop();
      await db.remove();
    },
  };
}

export interface MemberOptions {
  communityId: string;
  collections: readonly CollectionName[];
  /** Made a moderator of the community, as the operator's admin command does. */
  moderates?: boolean;
  /** Talk to the server through this URL (e.g. a fault-injecting proxy). */
  via?: string;
}

/** A new user who joined `communityId` (or moderates it), with a client on `collections`. */
export async function startCommunityMember(
  server: TestServer,
  name: string,
  options: MemberOptions,
): Promise<TestClient> {
  clientCount += 1;
  const username = `${name.toLowerCase()}-${Date.now().toString(36)}-${clientCount}`;
  const auth = await new ApiClient(server.url).register({
    username,
    password: 'correct horse battery',
    displayName: name,
  });
  if (options.moderates) {
    const store = await openStore(server.file);
    try {
      const result = await setRole(store, {
        communityId: options.communityId,
        username,
        role: 'moderator',
      });
      if (!result.ok) throw new Error(`could not make ${name} a moderator`);
    } finally {
      await store.close();
    }
  } else {
    const api = new ApiClient(server.url);
    api.setToken(auth.token);
    await api.join(options.communityId);
  }
  return startClient(server.url, name, {
    account: { ...auth, displayName: name, sealingKey: await newSealingKey() },
    collections: options.collections,
    ...(options.via ? { via: options.via } : {}),
  });
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
