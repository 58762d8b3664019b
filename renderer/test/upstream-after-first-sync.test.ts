/**
 * The first reply of a session must not wait for the replication to re-read what the first sync
 * pulled. After a big first sync, the upstream's stored checkpoint fell in the middle of the last
 * bulk of pulled documents (they all share one last-write time), and each of its reads walked
 * that whole bulk: the device benchmark's first reply after a 110,000-document sync took
 * 47–69 s to reach the server (see src/sync/exact-checkpoints.ts).
 *
 * Counted, not timed: the documents the replication's "changed since" reads return, and the
 * IndexedDB cursor steps the session takes until the reply has reached the server.
 */
import { IDBCursor, IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreparedQuery, RxStorageQueryResult } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WireDoc } from '../../shared/schemas/common';
import { seedDemo } from '../../sync-server/seed/demo';
import { openStore } from '../../sync-server/store/open';
import { writeDocs } from '../../sync-server/sync/write';
import { addCommunity } from '../../sync-server/test/helpers';
import { ApiClient } from '../src/api/client';
import { OutboxTracker } from '../src/data/outbox';
import { createReply } from '../src/data/writes';
import { type KindredDatabase, openDatabase } from '../src/db/database';
import { SyncEngine } from '../src/sync/sync-engine';
import type { SyncMemory } from '../src/sync/sync-memory';
import { type TestServer, eventually, newSealingKey, startTestServer } from './harness';

const COMMUNITY = 'busy-community';
// Fewer than one pull page each (200): each arrives as one bulk write, all of one last-write time.
const THREADS = 150;
const REPLIES = 190;

async function seedCommunity(file: string): Promise<void> {
  const store = await openStore(file);
  await seedDemo(store);
  await addCommunity(store, COMMUNITY);
  const base = Date.UTC(2025, 0, 1);
  const threadIds = Array.from({ length: THREADS }, () => crypto.randomUUID());
  const doc = (fields: object) => ({ ...fields, _deleted: false }) as unknown as WireDoc;
  await writeDocs(store, [
    ...threadIds.map((id, i) => ({
      collection: 'threads' as const,
      doc: doc({
        id,
        communityId: COMMUNITY,
        authorId: 'someone-else',
        authorName: 'Someone',
        title: `Thread ${i}`,
        body: 'What helped you?',
        therapyIds: [],
        shareToTherapyPages: false,
        createdAt: base + i,
        updatedAt: base + i,
      }),
    })),
    ...Array.from({ length: REPLIES }, (_, i) => ({
      collection: 'posts' as const,
      doc: doc({
        id: crypto.randomUUID(),
        threadId: threadIds[i % THREADS]!,
        communityId: COMMUNITY,
        authorId: 'someone-else',
        authorName: 'Someone',
        body: 'Walking every morning.',
        createdAt: base + i,
        updatedAt: base + i,
      }),
    })),
  ]);
  await store.close();
}

describe('the first reply after a first sync', () => {
  let server: TestServer;
  let api: ApiClient;
  let userId: string;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kindred-first-reply-')), 'kindred.sqlite');
    await seedCommunity(file);
    server = await startTestServer({ file });
    const auth = await new ApiClient(server.url).register({
      username: `reader-${Date.now().toString(36)}`,
      password: 'correct horse battery',
      displayName: 'Reader',
    });
    userId = auth.userId;
    api = new ApiClient(server.url);
    api.setToken(auth.token);
    await api.join(COMMUNITY);
  });
  afterAll(async () => {
    await server.close();
  });

  it('goes out without re-reading the documents that sync pulled', async () => {
    const name = `first-reply-${Date.now().toString(36)}`;
    const memory = new Map<string, SyncMemory>();
    const sealingKey = await newSealingKey();
    const open = () =>
      openDatabase({
        name,
        storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
        collections: ['communities', 'memberships', 'threads', 'posts'],
        localCollections: ['outbox'],
      });
    const engineFor = (db: KindredDatabase) =>
      new SyncEngine({
        db,
        api,
        scope: 'first-reply',
        outbox: new OutboxTracker(db, { userId, sealingKey }),
        memory: {
          load: (scope) => memory.get(scope) ?? { lastSyncedAt: null, firstSyncDone: false },
          save: (scope, value) => memory.set(scope, value),
        },
      });

    // The first session: everything pulled, then the app is closed.
    const first = await open();
    const firstSync = engineFor(first);
    firstSync.start();
    await eventually(
      async () =>
        (await first.posts.count().exec()) === REPLIES &&
        (await first.threads.count().exec()) === THREADS,
      'the community on the device',
      30_000,
    );
    await firstSync.awaitInSync();
    await new Promise((resolve) => setTimeout(resolve, 500)); // checkpoints are written after
    await firstSync.stop();
    await first.close();

    // The next session: a reply written at once.
    const db = await open();
    const reread = { threads: 0, posts: 0 };
    for (const collection of ['threads', 'posts'] as const) {
      const instance = db[collection].storageInstance as unknown as {
        query(prepared: PreparedQuery<unknown>): Promise<RxStorageQueryResult<unknown>>;
      };
      const query = instance.query.bind(instance);
      instance.query = async (prepared) => {
        const result = await query(prepared);
        // The replication's "changed since" reads are the ones sorted by last-write time.
        if (prepared.query.sort[0] && '_meta.lwt' in prepared.query.sort[0]) {
          reread[collection] += result.documents.length;
        }
        return result;
      };
    }
    const cursorSteps = vi.spyOn(IDBCursor.prototype, 'continue');
    try {
      const sync = engineFor(db);
      sync.start();
      const thread = (await db.threads.findOne().exec())!;
      const reply = await createReply(db, { userId, displayName: 'Reader' }, thread, 'Me too.');
      await eventually(
        async () => (await db.outbox.findOne(reply.id).exec())?.state === 'sent',
        'the reply on the server',
        60_000,
      );
      const steps = cursorSteps.mock.calls.length;
      await sync.stop();

      // Only the new reply may be read as changed (when a scan runs after its write).
      expect(reread).toEqual({ threads: 0, posts: expect.any(Number) });
      expect(reread.posts).toBeLessThanOrEqual(1);
      // Reading the pulled documents once would already take THREADS + REPLIES steps.
      expect(steps).toBeLessThan((THREADS + REPLIES) / 4);
    } finally {
      cursorSteps.mockRestore();
      await db.remove();
    }
  }, 120_000);
});
