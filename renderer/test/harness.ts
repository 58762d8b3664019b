/**
 * Several real clients in one test process: RxDB on fake-indexeddb, talking real HTTP to a real
 * sync server on a temporary SQLite file.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { REPLICATED_COLLECTIONS } from '../../shared/collections';
import { buildApp } from '../../sync-server/app';
import { seedDemo } from '../../sync-server/seed/demo';
import { openStore } from '../../sync-server/store/open';
import { ApiClient } from '../src/api/client';
import { type KindredDatabase, openDatabase } from '../src/db/database';
import { SyncEngine } from '../src/sync/sync-engine';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-client-test-'));
  const store = await openStore(join(dir, 'kindred.sqlite'));
  await seedDemo(store);
  const app = await buildApp({ store, heartbeatMs: 1_000 });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    async close() {
      await app.close();
      await store.close?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestClient {
  userId: string;
  displayName: string;
  api: ApiClient;
  db: KindredDatabase;
  sync: SyncEngine;
  close(): Promise<void>;
}

let clientCount = 0;

export async function startClient(serverUrl: string, name: string): Promise<TestClient> {
  clientCount += 1;
  const api = new ApiClient(serverUrl);
  const auth = await api.register({
    username: `${name.toLowerCase()}-${Date.now().toString(36)}-${clientCount}`,
    password: 'correct horse battery',
    displayName: name,
  });
  api.setToken(auth.token);
  const db = await openDatabase({
    name: `test-${clientCount}-${Date.now().toString(36)}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    // Only what replicates: the free RxDB build caps open collections per process.
    collections: REPLICATED_COLLECTIONS,
  });
  const sync = new SyncEngine({ db, api, scope: `test-${clientCount}` });
  sync.start();
  return {
    userId: auth.userId,
    displayName: name,
    api,
    db,
    sync,
    async close() {
      await sync.stop();
      await db.remove();
    },
  };
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
