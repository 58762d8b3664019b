/**
 * Every refusal reason: the row is skipped with its code in the `kindred-refusals` header, the
 * rest of the push is stored, nothing refused comes back as a conflict, and the refusal is
 * written to the audit table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_CODES, type RefusalCode } from '../../shared/protocol';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  fresh,
  joinCommunity,
  newModeration,
  newPost,
  newReaction,
  newReport,
  newThread,
  push,
  register,
  setRoleOf,
  startServer,
} from './helpers';

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
const seen = new Set<RefusalCode>();

beforeAll(async () => {
  server = await startServer();
  await addCommunity(server.store, 'home');
  await addCommunity(server.store, 'away');
  await addCommunity(server.store, 'closed');
  alice = await register(server, 'refusal-alice');
  bob = await register(server, 'refusal-bob');
  for (const c of ['home', 'away', 'closed']) await joinCommunity(server, alice, c);
  await joinCommunity(server, bob, 'home');
  await setRoleOf(server, bob, 'closed', 'moderator');
  await push(server, bob, 'moderation', [fresh(newModeration(bob, 'closed', 'closed', 'locked'))]);
});
afterAll(async () => {
  await server.close();
});

/** Pushes `bad` between two good rows: expects exactly `code` for it and both good rows stored. */
async function expectRefused(
  collection: string,
  bad: { id: string; [field: string]: unknown },
  code: RefusalCode,
  assumed: unknown = null,
  as = alice,
) {
  const before = newThread(as, 'home');
  const after = newThread(as, 'home');
  const rows = [{ assumedMasterState: assumed, newDocumentState: bad }];
  const res =
    collection === 'threads'
      ? await push(server, as, 'threads', [fresh(before), ...rows, fresh(after)])
      : await push(server, as, collection, rows);
  expect(res.status).toBe(200);
  expect(res.body).toEqual([]);
  expect(res.refusals).toEqual([{ id: bad.id, error: code }]);
  if (collection === 'threads') {
    expect(await server.store.getDocument('threads', before.id)).toEqual(before);
    expect(await server.store.getDocument('threads', after.id)).toEqual(after);
  }
  seen.add(code);
}

describe('refusals', () => {
  it("not-author: a document naming someone else, or someone else's stored document", async () => {
    await expectRefused('threads', newThread(bob, 'home'), 'not-author');
    const bobs = newThread(bob, 'home');
    await push(server, bob, 'threads', [fresh(bobs)]);
    const hijack = { ...bobs, authorId: alice.userId, updatedAt: Date.now() };
    await expectRefused('threads', hijack, 'not-author', bobs);
    await expect(server.store.getDocument('threads', bobs.id)).resolves.toEqual(bobs);
  });

  it('not-member: a thread or reaction in a community the writer has not joined', async () => {
    await expectRefused('threads', newThread(bob, 'away'), 'not-member', null, bob);
    await expectRefused('reactions', newReaction(bob, 'x', 'away'), 'not-member', null, bob);
  });

  it('community-locked: a thread in a locked community, a reply in a locked thread', async () => {
    await expectRefused('threads', newThread(alice, 'closed'), 'community-locked');
    const thread = newThread(bob, 'home');
    await push(server, bob, 'threads', [fresh(thread)]);
    await setRoleOf(server, bob, 'home', 'moderator');
    await push(server, bob, 'moderation', [fresh(newModeration(bob, thread.id, 'home', 'locked'))]);
    await expectRefused('posts', newPost(alice, thread.id, 'home'), 'community-locked');
  });

  it('read-only-collection: communities, memberships, therapies, and moderation from a member', async () => {
    const community = await server.store.getDocument('communities', 'home');
    await expectRefused(
      'communities',
      { ...community!, name: 'Mine' },
      'read-only-collection',
      community,
    );
    const membership = await server.store.getDocument('memberships', `home:${alice.userId}`);
    await expectRefused(
      'memberships',
      { ...membership!, role: 'moderator' },
      'read-only-collection',
      membership,
    );
    const therapy = {
      id: 'made-up',
      updatedAt: 1,
      name: 'X',
      aliases: [],
      conditions: [],
      _deleted: false,
    };
    await expectRefused('therapies', therapy, 'read-only-collection');
    const thread = newThread(alice, 'home');
    await push(server, alice, 'threads', [fresh(thread)]);
    await expectRefused(
      'moderation',
      newModeration(alice, thread.id, 'home', 'approved'),
      'read-only-collection',
    );
  });

  it('future-timestamp: updatedAt or createdAt more than five minutes ahead', async () => {
    const later = Date.now() + 6 * 60 * 1000;
    await expectRefused(
      'threads',
      newThread(alice, 'home', { updatedAt: later }),
      'future-timestamp',
    );
    await expectRefused(
      'threads',
      newThread(alice, 'home', { createdAt: later }),
      'future-timestamp',
    );
  });

  it('unknown-community and community-changed', async () => {
    await expectRefused('threads', newThread(alice, 'nowhere'), 'unknown-community');
    const thread = newThread(alice, 'home');
    await push(server, alice, 'threads', [fresh(thread)]);
    const moved = { ...thread, communityId: 'away', updatedAt: Date.now() + 1 };
    await expectRefused('threads', moved, 'community-changed', thread);
  });

  it('invalid: a row that fails its schema or whose derived id does not match', async () => {
    await expectRefused('threads', newThread(alice, 'home', { title: 42 }), 'invalid');
    const reaction = { ...newReaction(alice, 'some-target', 'home'), id: 'not-the-derived-id' };
    await expectRefused('reactions', reaction, 'invalid');
  });

  it('too-large: a document over its collection size limit, checked before anything else', async () => {
    const huge = newPost(alice, 'any-thread', 'home', { body: 'é'.repeat(300_000) });
    await expectRefused('posts', huge, 'too-large');
  });

  it('thread-missing: a reply to a thread that does not exist or lives in another community', async () => {
    await expectRefused('posts', newPost(alice, 'no-such-thread', 'home'), 'thread-missing');
    const elsewhere = newThread(alice, 'away');
    await push(server, alice, 'threads', [fresh(elsewhere)]);
    await expectRefused('posts', newPost(alice, elsewhere.id, 'home'), 'thread-missing');
  });

  it('report-outdated and report-final: a stale snapshot, and a change to a stored report', async () => {
    const thread = newThread(bob, 'home');
    await push(server, bob, 'threads', [fresh(thread)]);
    await expectRefused(
      'reports',
      newReport(alice, { ...thread, body: 'not what it says' }),
      'report-outdated',
    );
    const report = newReport(alice, thread);
    await push(server, alice, 'reports', [fresh(report)]);
    const changed = { ...report, reason: 'other', updatedAt: report.updatedAt + 1 };
    await expectRefused('reports', changed, 'report-final', report);
  });

  it('protected-member: a moderator removing themselves from a community', async () => {
    await setRoleOf(server, bob, 'home', 'moderator');
    const self = newModeration(bob, `home:${bob.userId}`, 'home', 'removed');
    await expectRefused('moderation', self, 'protected-member', null, bob);
  });

  it('covers every refusal code, and writes each refusal to the audit table', async () => {
    expect([...seen].sort()).toEqual([...REFUSAL_CODES].sort());
    const audit = await server.store.listAudit({ kind: 'refusal', limit: 1000 });
    expect(new Set(audit.map((a) => a.detail.code))).toEqual(new Set(REFUSAL_CODES));
    expect(audit.every((a) => a.userId !== null && typeof a.subject === 'string')).toBe(true);
  });
});
