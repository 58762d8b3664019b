import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../shared/schemas/posts';
import type { Thread } from '../../shared/schemas/threads';
import { ThreadActivityIndexer, markRead } from '../src/data/thread-activity';
import { type TestClient, type TestServer, startClient, startTestServer } from './harness';

describe('the thread list index (reply counts, latest activity)', () => {
  let server: TestServer;
  let client: TestClient;

  beforeAll(async () => {
    server = await startTestServer();
    client = await startClient(server.url, 'Ana', {
      collections: ['threads', 'posts'],
      localCollections: ['outbox', 'threadState'],
    });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  const thread = (i: number): Thread => ({
    id: `t-${i}`,
    communityId: 'caregivers',
    authorId: 'someone',
    title: `Thread ${i}`,
    body: 'Hello',
    therapyIds: [],
    shareToTherapyPages: false,
    createdAt: 1_000 + i,
    updatedAt: 1_000 + i,
  });
  const reply = (threadIndex: number, n: number): Post => ({
    id: `p-${threadIndex}-${n}`,
    threadId: `t-${threadIndex}`,
    communityId: 'caregivers',
    authorId: 'someone',
    body: `Reply ${n}`,
    createdAt: 10_000 + threadIndex * 100 + n,
    updatedAt: 10_000 + threadIndex * 100 + n,
  });

  it('counts the replies of hundreds of threads arriving at once, and keeps what the user read', async () => {
    const indexer = new ThreadActivityIndexer(client.db);
    indexer.start();
    const threads = Array.from({ length: 450 }, (_, i) => thread(i));
    // Thread i has i % 7 replies: 0 to 6, across several chunks of the indexer.
    const replies = threads.flatMap((_, i) => Array.from({ length: i % 7 }, (_, n) => reply(i, n)));
    await client.db.threads.bulkInsert(threads);
    await client.db.posts.bulkInsert(replies);
    await markRead(client.db, 't-8', 'caregivers', 55_555);
    await indexer.settled();

    const states = await client.db.threadState.find().exec();
    expect(states).toHaveLength(450);
    for (const state of states) {
      const i = Number(state.id.slice(2));
      expect(state.replyCount).toBe(i % 7);
      expect(state.lastActivityAt).toBe(i % 7 === 0 ? 1_000 + i : 10_000 + i * 100 + (i % 7) - 1);
    }
    expect((await client.db.threadState.findOne('t-8').exec())?.lastReadAt).toBe(55_555);

    // One more reply later: only that thread changes, and the reading is kept.
    await client.db.posts.insert(reply(8, 50));
    await indexer.settled();
    const t8 = await client.db.threadState.findOne('t-8').exec();
    expect(t8?.replyCount).toBe(2);
    expect(t8?.lastActivityAt).toBe(10_000 + 800 + 50);
    expect(t8?.lastReadAt).toBe(55_555);
    await indexer.stop();
  });
});
