/**
 * Push with documents that must be refused: wrong types, missing or extra fields, prototype
 * keys, negative and far-future timestamps, someone else's authorship or document, unknown
 * communities and threads, server-owned collections. Each row is refused by name (the
 * kindred-refusals header) or the whole push is a 400; nothing is stored.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FuzzWorld,
  expectNoPollution,
  expectNoServerError,
  fuzzParams,
  send,
  startFuzzWorld,
} from './fuzz-server';

let world: FuzzWorld;
beforeAll(async () => {
  world = await startFuzzWorld();
});
afterAll(() => world.close());

type Doc = Record<string, unknown>;

const wrongValue = fc.oneof(
  fc.constantFrom(null, true, -1, 1e308, '', [], {}, '\u0000', '\ud800'),
  fc.string({ maxLength: 20 }),
  fc.integer(),
);

/** Mutations that each make a reply of Ana's unacceptable. */
const badMutation: fc.Arbitrary<(doc: Doc) => Doc> = fc.oneof(
  // wrong type or value in a field the schema requires
  fc
    .tuple(
      fc.constantFrom(
        'id',
        'threadId',
        'communityId',
        'authorId',
        'body',
        'createdAt',
        'updatedAt',
        '_deleted',
      ),
      wrongValue,
    )
    // Only values that are really wrong for the field: a non-empty string can be a fine id, a
    // non-negative integer a fine (past) timestamp, a boolean a fine `_deleted`.
    .filter(([field, v]) => {
      if (typeof v === 'string') return v.length === 0 || v.includes('\u0000');
      if (field === 'createdAt' || field === 'updatedAt') {
        return !(typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= Date.now());
      }
      if (field === '_deleted') return typeof v !== 'boolean';
      return true;
    })
    .map(([field, value]) => (doc: Doc) => ({ ...doc, [field]: value })),
  // a required field missing
  fc
    .constantFrom('id', 'threadId', 'communityId', 'authorId', 'body', 'createdAt', 'updatedAt')
    .map(
      (field) => (doc: Doc) => Object.fromEntries(Object.entries(doc).filter(([k]) => k !== field)),
    ),
  // timestamps far in the future (the 5-minute rule) or before the epoch
  fc
    .tuple(
      fc.constantFrom('createdAt', 'updatedAt'),
      fc.oneof(
        fc.integer({ min: 6 * 60_000, max: 1e12 }).map((d) => Date.now() + d),
        fc.integer({ min: -1e12, max: -1 }),
      ),
    )
    .map(([field, value]) => (doc: Doc) => ({ ...doc, [field]: value })),
  // someone else named as the author, an unknown community, a missing thread
  fc.constant((doc: Doc) => ({ ...doc, authorId: world.ben.userId })),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .map((c) => (doc: Doc) => ({ ...doc, communityId: `no-${c}` })),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .map((t) => (doc: Doc) => ({ ...doc, threadId: `no-${t}` })),
  // an unknown field (the schema is closed) and prototype keys
  fc
    .constantFrom('__proto__', 'constructor', 'prototype', 'polluted', '$where')
    .map(
      (key) => (doc: Doc) =>
        JSON.parse(JSON.stringify(doc).replace(/^\{/, `{"${key}":{"polluted":true},`)) as Doc,
    ),
);

function reply(i: number): Doc {
  const now = Date.now();
  return {
    id: `fuzz-${i}-${now}`,
    threadId: world.thread.id,
    communityId: world.thread.communityId,
    authorId: world.ana.userId,
    body: 'fuzzed',
    createdAt: now,
    updatedAt: now,
    _deleted: false,
  };
}

let counter = 0;

describe('fuzzing push documents', () => {
  it('invalid, forged and foreign rows are each refused by name or the push is a 400; nothing is stored', async () => {
    const before = world.snapshot();
    await fc.assert(
      fc.asyncProperty(
        fc.array(badMutation, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('posts', 'threads', 'communities', 'memberships', 'moderation'),
        fc.boolean(),
        async (mutations, collection, withMaster) => {
          const base = reply(++counter);
          const doc = mutations.reduce((d, mutate) => mutate(d), base);
          const row = { assumedMasterState: withMaster ? world.post : null, newDocumentState: doc };
          const answer = await send(world.server, 'POST', `/sync/${collection}/push`, {
            token: world.ana.token,
            body: JSON.stringify([row]),
          });
          const what = `${collection} ${JSON.stringify(row).slice(0, 300)}`;
          expectNoServerError(answer, what);
          expectNoPollution();
          if (answer.status === 200) {
            // A conflict (the stored reply differs from a forged master) or a refusal by name.
            const refused = JSON.parse(answer.headers.get('kindred-refusals') ?? '[]') as unknown[];
            const conflicts = answer.body as unknown[];
            expect(refused.length + conflicts.length, what).toBe(1);
          }
        },
      ),
      fuzzParams(300),
    );
    expect(world.snapshot()).toBe(before);
  });

  it('another person’s document is neither overwritten nor deleted nor returned as a conflict', async () => {
    const before = world.snapshot();
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.string({ maxLength: 20 }), async (remove, text) => {
        // Valid apart from whose it is (the same sealed text), or also changed.
        const forged = {
          ...world.bensDraft,
          ...(text ? { ciphertext: text } : {}),
          _deleted: remove,
          updatedAt: Date.now(),
        };
        const answer = await send(world.server, 'POST', '/sync/drafts/push', {
          token: world.ana.token,
          body: JSON.stringify([{ assumedMasterState: null, newDocumentState: forged }]),
        });
        expectNoServerError(answer, 'forged draft');
        expect(answer.body, 'never returned as a conflict').toEqual([]);
        const refused = JSON.parse(answer.headers.get('kindred-refusals') ?? '[]') as Array<{
          id: string;
          error: string;
        }>;
        expect(refused.map((r) => r.id)).toEqual([forged.id]);
        if (!text) expect(refused[0]?.error).toBe('not-author');
      }),
      fuzzParams(30),
    );
    expect(world.snapshot()).toBe(before);
  });
});
