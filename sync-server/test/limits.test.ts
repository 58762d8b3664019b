/**
 * Limits against abuse: body size, batch size, request rates (per address and per user), and
 * open streams per user. The defaults are generous; these servers are started with small ones.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PUSH_ROWS_MAX } from '../../shared/protocol';
import {
  type TestServer,
  addCommunity,
  call,
  fresh,
  joinCommunity,
  newThread,
  register,
  startServer,
} from './helpers';
import { openStream } from './sse';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const generous = { max: 10_000, windowMs: 60_000 };

describe('limits', () => {
  it('answers 413 to a body over 10 MB and 400 to a push over the batch limit', async () => {
    server = await startServer();
    await addCommunity(server.store, 'c');
    const user = await register(server);
    await joinCommunity(server, user, 'c');
    const huge = await call(server, 'POST', '/sync/threads/push', {
      token: user.token,
      rawBody: JSON.stringify([fresh({ id: 'x', body: 'x'.repeat(11 * 1024 * 1024) })]),
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error).toBe('payload-too-large');

    const rows = Array.from({ length: PUSH_ROWS_MAX + 1 }, () => fresh(newThread(user, 'c')));
    const batch = await call(server, 'POST', '/sync/threads/push', {
      token: user.token,
      body: rows,
    });
    expect(batch.status).toBe(400);
    expect(batch.body.error).toBe('bad-request');
    const atLimit = await call(server, 'POST', '/sync/threads/push', {
      token: user.token,
      body: rows.slice(0, PUSH_ROWS_MAX),
    });
    expect(atLimit.status).toBe(200);
  });

  it('answers 429 with Retry-After once a user exceeds their rate, without slowing other users', async () => {
    server = await startServer({
      rateLimits: { perIp: generous, perUser: { max: 3, windowMs: 60_000 } },
    });
    const busy = await register(server);
    const calm = await register(server);
    for (let i = 0; i < 3; i++) {
      expect((await call(server, 'GET', '/sync/threads/pull', { token: busy.token })).status).toBe(
        200,
      );
    }
    const limited = await call(server, 'GET', '/sync/threads/pull', { token: busy.token });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'too-many-requests', message: expect.any(String) });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call(server, 'GET', '/sync/threads/pull', { token: calm.token })).status).toBe(
      200,
    );
  });

  it('answers 429 with Retry-After to an address that sends too many requests, signed in or not', async () => {
    server = await startServer({
      rateLimits: { perIp: { max: 4, windowMs: 60_000 }, perUser: generous },
    });
    for (let i = 0; i < 4; i++) expect((await call(server, 'GET', '/health')).status).toBe(200);
    const limited = await call(server, 'GET', '/health');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('too-many-requests');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it("closes a user's oldest stream when they open more than the cap allows", async () => {
    server = await startServer({ streamsPerUser: 2 });
    const user = await register(server);
    const first = await openStream(server, user.token);
    await first.waitFor(1);
    const second = await openStream(server, user.token);
    await second.waitFor(1);
    const third = await openStream(server, user.token);
    await third.waitFor(1);
    await expect(first.waitFor(1_000)).rejects.toThrow(/ended/);
    expect(second.ended).toBe(false);
    expect(third.ended).toBe(false);
    for (const s of [first, second, third]) await s.close();
  });
});
