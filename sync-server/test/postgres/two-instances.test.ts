/**
 * Two server instances (each with its own pool and LISTEN connection) on one PostgreSQL
 * database, as behind a load balancer without sticky sessions: a commit through one reaches
 * the streams of the other, and rate limits and the failed-login counter hold across both.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVED_COLLECTIONS } from '../../../shared/collections';
import {
  type TestServer,
  addCommunity,
  call,
  fresh,
  joinCommunity,
  newThread,
  pullAll,
  push,
  register,
  startServer,
} from '../helpers';
import { openStream } from '../sse';
import { describePostgres } from '../stores';

const N = SERVED_COLLECTIONS.length;
const limits = { perIp: { max: 10_000, windowMs: 60_000 }, perUser: { max: 8, windowMs: 60_000 } };

describePostgres('two instances on one $kind database', (kind) => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startServer({ kind, rateLimits: limits });
    b = await startServer({ database: a.database, rateLimits: limits });
    await addCommunity(a.store, 'shared');
    await addCommunity(a.store, 'elsewhere');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('delivers a post through instance A to a stream on instance B within a second', async () => {
    const writer = await register(a, 'writer-a');
    const reader = await register(b, 'reader-b');
    await joinCommunity(a, writer, 'shared');
    await joinCommunity(b, reader, 'shared');
    const stream = await openStream(b, reader.token);
    try {
      await stream.waitFor(N);
      // Not the reader's community: B must route it away, as a single instance would.
      await push(a, writer, 'threads', [fresh(newThread(writer, 'elsewhere'))]);
      const thread = newThread(writer, 'shared');
      const started = Date.now();
      await push(a, writer, 'threads', [fresh(thread)]);
      expect(await stream.waitFor(N + 1)).toContainEqual({ event: 'threads', data: '"RESYNC"' });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(stream.events.slice(N)).toEqual([{ event: 'threads', data: '"RESYNC"' }]);
      expect((await pullAll(b, reader, 'threads')).documents).toEqual([thread]);
    } finally {
      await stream.close();
    }
  });

  it("tells B's stream to pull everything when its user joins a community through A", async () => {
    const user = await register(a, 'joiner');
    const stream = await openStream(b, user.token);
    try {
      await stream.waitFor(N);
      await joinCommunity(a, user, 'elsewhere');
      expect(
        (await stream.waitFor(2 * N))
          .slice(N)
          .map((e) => e.event)
          .sort(),
      ).toEqual([...SERVED_COLLECTIONS].sort());
    } finally {
      await stream.close();
    }
  });

  it('counts a user’s requests on both instances against one limit', async () => {
    const busy = await register(a, 'busy-user');
    const answers: number[] = [];
    for (let i = 0; i < 10; i++) {
      const server = i % 2 ? b : a;
      answers.push((await call(server, 'GET', '/sync/threads/pull', { token: busy.token })).status);
    }
    expect(answers.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(answers.slice(8)).toEqual([429, 429]);
  });

  it('throttles sign-ins after five failures spread over both instances', async () => {
    await register(a, 'guarded-both');
    for (let i = 0; i < 5; i++) {
      const res = await call(i % 2 ? b : a, 'POST', '/auth/login', {
        body: { username: 'guarded-both', password: `wrong-${i}-xx` },
      });
      expect(res.status).toBe(401);
    }
    for (const server of [a, b]) {
      const locked = await call(server, 'POST', '/auth/login', {
        body: { username: 'guarded-both', password: 'secret-guarded-both-pw' },
      });
      expect(locked.status).toBe(429);
    }
  });
});
