/**
 * Pull and the event stream with forged checkpoints, bad limits, unknown collections and bad
 * tokens: a 200 that shows only what the reader may see, or a 4xx — never a 500 — and a forged
 * checkpoint never reveals another person's private documents.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_COLLECTIONS } from '../../../shared/collections';
import { API_BASE } from '../../../shared/protocol';
import {
  type FuzzWorld,
  expectNoServerError,
  fuzzParams,
  hostileJson,
  send,
  startFuzzWorld,
} from './fuzz-server';

let world: FuzzWorld;
beforeAll(async () => {
  world = await startFuzzWorld();
});
afterAll(() => world.close());

const channel = fc.oneof(
  fc.constantFrom('own', 'public', 'community:fuzz', 'mod:fuzz', 'therapy:x', '__proto__'),
  fc.string({ maxLength: 30 }),
);
const position = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 63, -0, 1.5, Date.now() + 1e12),
  fc.string({ maxLength: 5 }),
  fc.constant(null),
);
/** Checkpoints a client could forge: well-shaped with odd positions, or anything at all. */
const checkpoint = fc.oneof(
  fc
    .record({
      v: fc.oneof(fc.constant(1), fc.integer()),
      pos: fc.dictionary(channel, position, { maxKeys: 6 }),
    })
    .map((c) => JSON.stringify(c)),
  // Inside Node's 16 kB header limit; beyond it, see the over-long query test below.
  hostileJson.filter((text) => encodeURIComponent(text).length < 8_000),
);
const limit = fc.oneof(
  fc.integer({ min: -5, max: 2_000 }).map(String),
  fc.constantFrom('NaN', '1e3', '', '0x10', '10abc', '-0'),
);
const collection = fc.oneof(
  fc.constantFrom(...SERVED_COLLECTIONS),
  fc.constantFrom('nope', '__proto__', 'constructor', '..%2f..%2fetc', 'users', 'sessions'),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
);

describe('fuzzing pull and the stream', () => {
  it('forged checkpoints, bad limits and unknown collections answer 200 or a 4xx, and never show Ben’s draft to Ana', async () => {
    const before = world.snapshot();
    await fc.assert(
      fc.asyncProperty(
        collection,
        fc.option(checkpoint, { nil: undefined }),
        fc.option(limit, { nil: undefined }),
        fc.array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })), {
          maxLength: 3,
        }),
        async (name, cp, max, extra) => {
          const query = new URLSearchParams(extra);
          if (cp !== undefined) query.set('checkpoint', cp);
          if (max !== undefined) query.set('limit', max);
          const answer = await send(world.server, 'GET', `/sync/${name}/pull?${query}`, {
            token: world.ana.token,
          });
          const what = `pull ${name} ?${query}`;
          expectNoServerError(answer, what);
          if (answer.status !== 200) return;
          const body = answer.body as { documents: Array<{ id: string; ownerId?: string }> };
          expect(Array.isArray(body.documents), what).toBe(true);
          for (const doc of body.documents) {
            expect(doc.id, what).not.toBe(world.bensDraft.id);
            if (doc.ownerId !== undefined) expect(doc.ownerId, what).toBe(world.ana.userId);
          }
        },
      ),
      fuzzParams(300),
    );
    expect(world.snapshot()).toBe(before);
  });

  it('the stream refuses bad tokens with a 401 and ignores query strings (a token there does not count)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(undefined),
          fc.string({ maxLength: 60 }).filter((t) => /^[\x21-\x7e]*$/.test(t)),
          fc.constant(`${world.ana.token}x`),
        ),
        fc.string({ maxLength: 40 }),
        async (token, junk) => {
          const query = new URLSearchParams({ token: world.ana.token, junk });
          const answer = await send(world.server, 'GET', `/sync/stream?${query}`, { token });
          expect(answer.status, `stream with token ${token}`).toBe(401);
          expectNoServerError(answer, 'stream');
        },
      ),
      fuzzParams(60),
    );
  });

  it('with a valid token and any query string the stream opens and starts with RESYNC', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), async (junk) => {
        const controller = new AbortController();
        const res = await fetch(
          `${world.server.url}${API_BASE}/sync/stream?${new URLSearchParams({ junk })}`,
          { headers: { authorization: `Bearer ${world.ana.token}` }, signal: controller.signal },
        );
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
        const reader = res.body!.getReader();
        const { value } = await reader.read();
        expect(new TextDecoder().decode(value)).toMatch(/RESYNC/);
        controller.abort();
      }),
      fuzzParams(15),
    );
  });

  // Node refuses a request head over 16 kB before Fastify routes it; app.ts's clientErrorHandler
  // answers it in the protocol's shape rather than Fastify's default body.
  it('a query string over the 16 kB header limit answers {error, message} like every refusal', async () => {
    const checkpoint = JSON.stringify({ v: 1, pos: { own: 1, pad: 'x'.repeat(20_000) } });
    const answer = await send(
      world.server,
      'GET',
      `/sync/posts/pull?${new URLSearchParams({ checkpoint })}`,
      { token: world.ana.token },
    );
    expect(answer.status).toBe(431);
    expectNoServerError(answer, 'a 20 kB query string');
  });
});
