import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  call,
  joinCommunity,
  newPost,
  newThread,
  pullAll,
  push,
  register,
  startServer,
} from './helpers';
import { STORES } from './stores';

describe.each(STORES)('on the $kind store', (kind) => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    server = await startServer({ kind });
    await addCommunity(server.store, 'shared');
    await addCommunity(server.store, 'elsewhere');
    alice = await register(server, 'alice');
    bob = await register(server, 'bob');
    await joinCommunity(server, alice, 'shared');
    await joinCommunity(server, bob, 'shared');
  });
  afterAll(async () => {
    await server.close();
  });

  const fresh = (doc: object) => ({ assumedMasterState: null, newDocumentState: doc });

  describe('push', () => {
    it('stores a new thread exactly as pushed and reports no refusals', async () => {
      const thread = newThread(alice, 'shared', { therapyIds: ['osimertinib'] });
      const res = await push(server, alice, 'threads', [fresh(thread)]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
      expect(res.refusals).toEqual([]);
      expect(await server.store.getDocument('threads', thread.id)).toEqual(thread);
      expect(JSON.stringify(await server.store.getDocument('threads', thread.id))).toBe(
        JSON.stringify(thread),
      );
    });

    it("refuses to overwrite or delete another member's thread, while the other rows of the push are stored", async () => {
      const bobs = newThread(bob, 'shared', { title: "Bob's question" });
      await push(server, bob, 'threads', [fresh(bobs)]);

      const overwrite = {
        ...bobs,
        title: 'Hijacked',
        authorId: alice.userId,
        updatedAt: bobs.updatedAt + 1,
      };
      const removal = { ...bobs, _deleted: true, updatedAt: bobs.updatedAt + 2 };
      const mine = newThread(alice, 'shared');
      const res = await push(server, alice, 'threads', [
        { assumedMasterState: bobs, newDocumentState: overwrite },
        { assumedMasterState: bobs, newDocumentState: removal },
        fresh(mine),
      ]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]); // refusals are never conflicts
      expect(res.refusals).toEqual([
        { id: bobs.id, error: 'not-author' },
        { id: bobs.id, error: 'not-author' },
      ]);
      expect(await server.store.getDocument('threads', bobs.id)).toEqual(bobs);
      expect(await server.store.getDocument('threads', mine.id)).toEqual(mine);
    });

    it('never returns a document the user may not read as a conflict', async () => {
      const secret = newThread(bob, 'shared', { title: 'Only for members' });
      await push(server, bob, 'threads', [fresh(secret)]);
      const outsider = await register(server);
      await joinCommunity(server, outsider, 'elsewhere');
      const probe = { ...secret, authorId: outsider.userId, communityId: 'elsewhere' };
      const res = await push(server, outsider, 'threads', [fresh(probe)]);
      expect(res.body).toEqual([]);
      expect(res.refusals).toEqual([{ id: secret.id, error: 'not-author' }]);
    });

    it('refuses a thread from a non-member, into an unknown community, and a move to another community', async () => {
      const outsider = await register(server);
      const a = newThread(outsider, 'shared');
      const b = newThread(outsider, 'no-such-community');
      const res = await push(server, outsider, 'threads', [fresh(a), fresh(b)]);
      expect(res.refusals).toEqual([
        { id: a.id, error: 'not-member' },
        { id: b.id, error: 'unknown-community' },
      ]);
      expect(await server.store.getDocument('threads', a.id)).toBeNull();

      await joinCommunity(server, alice, 'elsewhere');
      const t = newThread(alice, 'shared');
      await push(server, alice, 'threads', [fresh(t)]);
      const moved = { ...t, communityId: 'elsewhere', updatedAt: t.updatedAt + 1 };
      const move = await push(server, alice, 'threads', [
        { assumedMasterState: t, newDocumentState: moved },
      ]);
      expect(move.refusals).toEqual([{ id: t.id, error: 'community-changed' }]);
    });

    it('reports refused ids that are not ASCII intact in the header', async () => {
      const outsider = await register(server);
      const t = newThread(outsider, 'shared', { id: 'café-😀-thread' });
      const res = await push(server, outsider, 'threads', [fresh(t)]);
      expect(res.status).toBe(200);
      expect(res.refusals).toEqual([{ id: 'café-😀-thread', error: 'not-member' }]);
    });

    it('refuses documents dated more than five minutes in the future', async () => {
      const future = Date.now() + 10 * 60 * 1000;
      const a = newThread(alice, 'shared', { updatedAt: future });
      const b = newPost(alice, 'some-thread', 'shared', { createdAt: future });
      const ok = newThread(alice, 'shared', { updatedAt: Date.now() + 60 * 1000 });
      const threads = await push(server, alice, 'threads', [fresh(a), fresh(ok)]);
      expect(threads.refusals).toEqual([{ id: a.id, error: 'future-timestamp' }]);
      const posts = await push(server, alice, 'posts', [fresh(b)]);
      expect(posts.refusals).toEqual([{ id: b.id, error: 'future-timestamp' }]);
      expect(await server.store.getDocument('threads', ok.id)).toEqual(ok);
    });

    it('refuses pushes to server-owned collections', async () => {
      const community = (await pullAll(server, alice, 'communities')).documents.find(
        (c) => c.id === 'shared',
      );
      const renamed = { ...community, name: 'Mine now', updatedAt: Date.now() };
      const res = await push(server, alice, 'communities', [
        { assumedMasterState: community, newDocumentState: renamed },
      ]);
      expect(res.refusals).toEqual([{ id: 'shared', error: 'read-only-collection' }]);
      const membership = {
        id: `shared:${bob.userId}`,
        updatedAt: Date.now(),
        communityId: 'shared',
        userId: bob.userId,
        role: 'moderator',
        status: 'banned',
        _deleted: false,
      };
      const m = await push(server, alice, 'memberships', [fresh(membership)]);
      expect(m.refusals).toEqual([{ id: membership.id, error: 'read-only-collection' }]);
    });

    it('returns the master as a conflict when the assumed state is stale, and writes nothing', async () => {
      const t = newThread(alice, 'shared');
      await push(server, alice, 'threads', [fresh(t)]);
      const edited = { ...t, body: 'Edited on the laptop', updatedAt: t.updatedAt + 1 };
      await push(server, alice, 'threads', [{ assumedMasterState: t, newDocumentState: edited }]);
      const stale = { ...t, body: 'Edited on the other device', updatedAt: t.updatedAt + 2 };
      const res = await push(server, alice, 'threads', [
        { assumedMasterState: t, newDocumentState: stale },
      ]);
      expect(res.body).toEqual([edited]);
      expect(res.refusals).toEqual([]);
      expect(await server.store.getDocument('threads', t.id)).toEqual(edited);
      // A new document whose id already exists conflicts too.
      const again = await push(server, alice, 'threads', [
        fresh({ ...t, body: 'dup', updatedAt: t.updatedAt + 3 }),
      ]);
      expect(again.body).toEqual([edited]);
    });

    it('compares documents independently of key order', async () => {
      const t = newThread(alice, 'shared');
      await push(server, alice, 'threads', [fresh(t)]);
      const reordered = Object.fromEntries(Object.entries(t).reverse());
      const next = { ...t, title: 'Clarified title', updatedAt: t.updatedAt + 1 };
      const res = await push(server, alice, 'threads', [
        { assumedMasterState: reordered, newDocumentState: next },
      ]);
      expect(res.body).toEqual([]);
      expect(await server.store.getDocument('threads', t.id)).toEqual(next);
    });

    it('treats a replayed push as harmless: no conflict, stored once', async () => {
      const t = newThread(alice, 'shared');
      const rows = [fresh(t)];
      const reader = await register(server);
      await joinCommunity(server, reader, 'shared');
      const { checkpoint } = await pullAll(server, reader, 'threads');
      expect((await push(server, alice, 'threads', rows)).body).toEqual([]);
      const replay = await push(server, alice, 'threads', rows);
      expect(replay.body).toEqual([]);
      expect(replay.refusals).toEqual([]);
      const { documents } = await pullAll(server, reader, 'threads', checkpoint);
      expect(documents).toEqual([t]); // once: the replay took no new sequence number
    });

    it('refuses an invalid row on its own as invalid, and stores the valid rows of the push', async () => {
      const good = newThread(alice, 'shared');
      const bad = newThread(alice, 'shared', { title: '' });
      const extra = { ...newThread(alice, 'shared'), sneaky: true };
      const noDeleted = newThread(alice, 'shared') as Record<string, unknown>;
      delete noDeleted._deleted;
      const res = await push(server, alice, 'threads', [
        fresh(good),
        fresh(bad),
        fresh(extra),
        fresh(noDeleted),
      ]);
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
      expect(res.refusals).toEqual([
        { id: bad.id, error: 'invalid' },
        { id: extra.id, error: 'invalid' },
        { id: noDeleted.id, error: 'invalid' },
      ]);
      expect(await server.store.getDocument('threads', good.id)).toEqual(good);
      expect(await server.store.getDocument('threads', bad.id)).toBeNull();
    });

    it('answers 400 to a malformed body, 404 to an unknown collection and 401 without a token', async () => {
      for (const body of [
        {},
        [{}],
        [{ newDocumentState: 'text' }],
        Array.from({ length: 501 }, () => fresh(newThread(alice, 'shared'))),
      ]) {
        const res = await call(server, 'POST', '/sync/threads/push', { token: alice.token, body });
        expect(res.status).toBe(400);
        expect(res.body.error).toBe('bad-request');
      }
      const broken = await call(server, 'POST', '/sync/threads/push', {
        token: alice.token,
        rawBody: '[{"newDocumentState": ',
      });
      expect(broken.status).toBe(400);
      expect(broken.body).toEqual({ error: 'bad-request', message: expect.any(String) });

      const unknown = await call(server, 'POST', '/sync/nope/push', {
        token: alice.token,
        body: [],
      });
      expect(unknown.status).toBe(404);
      const anonymous = await call(server, 'POST', '/sync/threads/push', {
        body: [fresh(newThread(alice, 'shared'))],
      });
      expect(anonymous.status).toBe(401);
    });
  });
});
