/**
 * Every route with hostile bodies: malformed JSON, wrong types, deep nesting, prototype keys,
 * invalid UTF-8, oversized bodies. Never a 5xx or a stack trace; a refusal changes nothing.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FuzzWorld,
  expectClientError,
  expectNoPollution,
  expectNoServerError,
  fuzzParams,
  hostileJson,
  invalidUtf8,
  send,
  startFuzzWorld,
} from './fuzz-server';

let world: FuzzWorld;
beforeAll(async () => {
  world = await startFuzzWorld();
});
afterAll(() => world.close());

/** Routes that take a body; join, leave and logout only without a valid token (they would
 * change who Ana is). */
const ROUTES = [
  { method: 'POST', path: '/auth/register', signedIn: false },
  { method: 'POST', path: '/auth/login', signedIn: false },
  { method: 'POST', path: '/auth/logout', signedIn: false },
  { method: 'POST', path: '/communities/fuzz/join', signedIn: false },
  { method: 'POST', path: '/communities/fuzz/leave', signedIn: false },
  { method: 'POST', path: '/communities/no-such-community/join', signedIn: true },
  ...['threads', 'posts', 'drafts', 'journal', 'memberships', 'communities', 'nope'].map((c) => ({
    method: 'POST',
    path: `/sync/${c}/push`,
    signedIn: true,
  })),
] as const;

const token = (signedIn: boolean) =>
  signedIn
    ? fc.constantFrom(world.ana.token, undefined, 'forged-token')
    : fc.constantFrom(undefined, 'forged-token', 'Bearer x');

describe('fuzzing every route with hostile bodies', () => {
  it('malformed, mistyped, deeply nested and prototype-polluting bodies are refused with a 4xx, never a 500, and change nothing', async () => {
    const before = world.snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES).chain((route) =>
          fc.record({
            route: fc.constant(route),
            body: hostileJson,
            token: token(route.signedIn),
          }),
        ),
        async ({ route, body, token }) => {
          const answer = await send(world.server, route.method, route.path, { token, body });
          const what = `${route.method} ${route.path} ${body.slice(0, 80)}`;
          expectNoServerError(answer, what);
          expectNoPollution();
          // A registration with a well-formed body is a documented success (a new account).
          if (answer.status >= 400 || route.path === '/auth/register') return;
          expect([200, 204], what).toContain(answer.status);
        },
      ),
      fuzzParams(250),
    );
    expect(world.snapshot().replace(/"user_id":"[^"]+"/g, '')).toBe(
      before.replace(/"user_id":"[^"]+"/g, ''),
    );
  });

  it('bodies that are not valid UTF-8 are a 400 on every route', async () => {
    const before = world.snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), invalidUtf8, async (route, body) => {
        const answer = await send(world.server, route.method, route.path, {
          token: route.signedIn ? world.ana.token : undefined,
          body,
        });
        expectClientError(answer, `${route.path} with invalid UTF-8`);
      }),
      fuzzParams(60),
    );
    expect(world.snapshot()).toBe(before);
  });

  it('a body over the size limit is a 413, and huge strings and arrays inside the limit are refused without a 500', async () => {
    const before = world.snapshot();
    const huge = `[{"newDocumentState":{"id":"x","body":"${'a'.repeat(11 * 1024 * 1024)}"}}]`;
    expectClientError(
      await send(world.server, 'POST', '/sync/posts/push', { token: world.ana.token, body: huge }),
      'an 11 MB push',
    );
    const longString = JSON.stringify([
      { newDocumentState: { ...world.post, body: 'b'.repeat(3 * 1024 * 1024) } },
    ]);
    const manyRows = JSON.stringify(
      Array.from({ length: 5_000 }, () => ({ newDocumentState: {} })),
    );
    const longArray = JSON.stringify([
      {
        newDocumentState: { ...world.thread, therapyIds: Array.from({ length: 100_000 }, String) },
      },
    ]);
    for (const [what, body] of [
      ['a 3 MB reply', longString],
      ['5000 rows', manyRows],
      ['a 100000-item array', longArray],
    ] as const) {
      const answer = await send(world.server, 'POST', '/sync/posts/push', {
        token: world.ana.token,
        body,
      });
      expectNoServerError(answer, what);
    }
    expect(world.snapshot()).toBe(before);
  });
});
