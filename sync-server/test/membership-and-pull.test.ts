import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestServer,
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
import { writeDocs } from '../sync/write';
import { STORES } from './stores';

describe.each(STORES)('on the $kind store', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ kind });
    await addCommunity(server.store, 'open-one', { joinPolicy: 'open' });
    await addCommunity(server.store, 'open-two', { joinPolicy: 'open' });
    await addCommunity(server.store, 'by-approval', { joinPolicy: 'approval' });
  });
  afterAll(async () => {
    await server.close();
  });

  const ids = (docs: { id: string }[]) => docs.map((d) => d.id);

  describe('joining and leaving', () => {
    it('makes a member active at once in an open community and pending in one by approval', async () => {
      const user = await register(server);
      const open = await joinCommunity(server, user, 'open-one');
      expect(open).toMatchObject({
        id: `open-one:${user.userId}`,
        communityId: 'open-one',
        userId: user.userId,
        role: 'member',
        status: 'active',
        _deleted: false,
      });
      const pending = await joinCommunity(server, user, 'by-approval');
      expect(pending.status).toBe('pending');
    });

    it('marks the membership left on leave, and joining twice changes nothing', async () => {
      const user = await register(server);
      const first = await joinCommunity(server, user, 'open-two');
      const again = await joinCommunity(server, user, 'open-two');
      expect(again).toEqual(first);
      const left = await call(server, 'POST', '/communities/open-two/leave', { token: user.token });
      expect(left.status).toBe(200);
      expect(left.body.membership).toMatchObject({
        id: `open-two:${user.userId}`,
        status: 'left',
        role: 'member',
      });
    });

    it('answers 404 for an unknown community and 403 to a banned member, who cannot leave to rejoin either', async () => {
      const user = await register(server);
      const unknown = await call(server, 'POST', '/communities/no-such-place/join', {
        token: user.token,
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error).toBe('not-found');

      const membership = {
        id: `open-one:${user.userId}`,
        updatedAt: Date.now(),
        communityId: 'open-one',
        userId: user.userId,
        role: 'member',
        status: 'banned',
        _deleted: false,
      };
      await writeDocs(server.store, [{ collection: 'memberships', doc: membership }]);
      const join = await call(server, 'POST', '/communities/open-one/join', { token: user.token });
      expect(join.status).toBe(403);
      expect(join.body.error).toBe('forbidden');
      const leave = await call(server, 'POST', '/communities/open-one/leave', {
        token: user.token,
      });
      expect(leave.status).toBe(403);
    });
  });

  describe('pull visibility', () => {
    it('shows every signed-in user the community directory', async () => {
      const user = await register(server);
      const { documents } = await pullAll(server, user, 'communities');
      expect(ids(documents)).toEqual(
        expect.arrayContaining(['open-one', 'open-two', 'by-approval']),
      );
      expect(documents[0]._deleted).toBe(false);
    });

    it("does not show a community's threads to a non-member, and shows them to a member", async () => {
      const author = await register(server);
      await joinCommunity(server, author, 'open-one');
      const thread = newThread(author, 'open-one');
      expect(
        (
          await push(server, author, 'threads', [
            { assumedMasterState: null, newDocumentState: thread },
          ])
        ).body,
      ).toEqual([]);

      const outsider = await register(server);
      expect(ids((await pullAll(server, outsider, 'threads')).documents)).not.toContain(thread.id);

      const pendingUser = await register(server);
      await joinCommunity(server, pendingUser, 'by-approval');
      await joinCommunity(server, pendingUser, 'open-two');
      expect(ids((await pullAll(server, pendingUser, 'threads')).documents)).not.toContain(
        thread.id,
      );

      const member = await register(server);
      await joinCommunity(server, member, 'open-one');
      const seen = (await pullAll(server, member, 'threads')).documents;
      expect(seen.find((d) => d.id === thread.id)).toEqual(thread);
    });

    it('shows a user their own memberships (any status) and those of communities where they are active', async () => {
      const me = await register(server);
      const other = await register(server);
      await joinCommunity(server, other, 'open-two');
      await joinCommunity(server, other, 'by-approval');
      await joinCommunity(server, me, 'by-approval'); // pending
      await joinCommunity(server, me, 'open-two'); // active

      const docs = (await pullAll(server, me, 'memberships')).documents;
      const mine = ids(docs);
      expect(mine).toContain(`by-approval:${me.userId}`);
      expect(mine).toContain(`open-two:${me.userId}`);
      expect(mine).toContain(`open-two:${other.userId}`);
      // me is only pending in by-approval: other's membership there stays hidden.
      expect(mine).not.toContain(`by-approval:${other.userId}`);
    });

    it('returns pages in order and a short page when up to date', async () => {
      const author = await register(server);
      await addCommunity(server.store, 'paged');
      await joinCommunity(server, author, 'paged');
      const threads = Array.from({ length: 7 }, () => newThread(author, 'paged'));
      await push(
        server,
        author,
        'threads',
        threads.map((t) => ({ assumedMasterState: null, newDocumentState: t })),
      );
      const { documents, checkpoint } = await pullAll(server, author, 'threads', undefined, 3);
      expect(ids(documents)).toEqual(ids(threads));
      const again = await pullAll(server, author, 'threads', checkpoint, 3);
      expect(again.documents).toEqual([]);
      expect(again.checkpoint).toEqual(checkpoint);
    });

    it('answers 400 to a malformed or forged checkpoint and to a bad limit, 404 to an unknown collection', async () => {
      const user = await register(server);
      const bad = [
        'not json',
        '[]',
        '{"v":2,"pos":{}}',
        '{"v":1,"pos":{"public":-1}}',
        '{"v":1,"pos":{"public":1.5}}',
        '{"v":1,"pos":{"DROP TABLE":1}}',
        '{"v":1,"pos":{},"extra":1}',
        '{"seq":5}',
      ];
      for (const cp of bad) {
        const res = await call(
          server,
          'GET',
          `/sync/threads/pull?checkpoint=${encodeURIComponent(cp)}`,
          { token: user.token },
        );
        expect(res.status, cp).toBe(400);
        expect(res.body.error).toBe('bad-request');
      }
      for (const limit of ['0', '1001', 'abc']) {
        const res = await call(server, 'GET', `/sync/threads/pull?limit=${limit}`, {
          token: user.token,
        });
        expect(res.status, limit).toBe(400);
      }
      for (const collection of ['nope', 'users', 'sessions']) {
        const res = await call(server, 'GET', `/sync/${collection}/pull`, { token: user.token });
        expect(res.status, collection).toBe(404);
        expect(res.body.error).toBe('not-found');
      }
    });
  });

  describe('the per-channel checkpoint', () => {
    it("brings a community's whole history, edits and deletions included, through a pull from the checkpoint held before joining", async () => {
      await addCommunity(server.store, 'history');
      const author = await register(server);
      await joinCommunity(server, author, 'history');
      const old = newThread(author, 'history', { title: 'Written long before' });
      const deleted = newThread(author, 'history', { title: 'Deleted later' });
      await push(
        server,
        author,
        'threads',
        [old, deleted].map((t) => ({ assumedMasterState: null, newDocumentState: t })),
      );
      const tombstone = { ...deleted, _deleted: true, updatedAt: deleted.updatedAt + 1 };
      await push(server, author, 'threads', [
        { assumedMasterState: deleted, newDocumentState: tombstone },
      ]);
      const reply = newPost(author, old.id, 'history');
      await push(server, author, 'posts', [{ assumedMasterState: null, newDocumentState: reply }]);

      // The newcomer syncs first (in other communities), and holds a checkpoint past those rows.
      const newcomer = await register(server);
      await joinCommunity(server, newcomer, 'open-one');
      const before = await pullAll(server, newcomer, 'threads');
      const beforePosts = await pullAll(server, newcomer, 'posts');
      expect(ids(before.documents)).not.toContain(old.id);
      // More activity elsewhere moves the global sequence on.
      const busy = newThread(author, 'history', { title: 'After the checkpoint' });
      await push(server, author, 'threads', [{ assumedMasterState: null, newDocumentState: busy }]);

      await joinCommunity(server, newcomer, 'history');
      const after = await pullAll(server, newcomer, 'threads', before.checkpoint);
      expect(after.documents).toEqual(expect.arrayContaining([old, tombstone, busy]));
      const posts = await pullAll(server, newcomer, 'posts', beforePosts.checkpoint);
      expect(posts.documents).toEqual([reply]);
    });

    it('stops new content after leaving, while the former member still gets their own membership change', async () => {
      await addCommunity(server.store, 'leaving');
      const stayer = await register(server);
      const leaver = await register(server);
      await joinCommunity(server, stayer, 'leaving');
      await joinCommunity(server, leaver, 'leaving');
      const mine = newThread(leaver, 'leaving');
      await push(server, leaver, 'threads', [{ assumedMasterState: null, newDocumentState: mine }]);
      const start = await pullAll(server, leaver, 'threads');
      expect(ids(start.documents)).toContain(mine.id);

      await call(server, 'POST', '/communities/leaving/leave', { token: leaver.token });
      const later = newThread(stayer, 'leaving', { title: 'Posted after they left' });
      await push(server, stayer, 'threads', [
        { assumedMasterState: null, newDocumentState: later },
      ]);
      const after = await pullAll(server, leaver, 'threads', start.checkpoint);
      expect(ids(after.documents)).not.toContain(later.id);

      // Their own membership change still reaches them.
      const memberships = await pullAll(server, leaver, 'memberships');
      expect(memberships.documents.find((m) => m.id === `leaving:${leaver.userId}`)?.status).toBe(
        'left',
      );

      // Rejoining resumes: what was posted meanwhile arrives.
      await joinCommunity(server, leaver, 'leaving');
      const back = await pullAll(server, leaver, 'threads', after.checkpoint);
      expect(ids(back.documents)).toContain(later.id);
    });

    it('gives a reader pulling during concurrent pushes every document exactly once', async () => {
      await addCommunity(server.store, 'busy');
      const writers = await Promise.all([1, 2, 3, 4].map(() => register(server)));
      const reader = await register(server);
      await Promise.all([...writers, reader].map((u) => joinCommunity(server, u, 'busy')));
      const written: string[] = [];
      const seen: string[] = [];
      let checkpoint: unknown;
      let writing = true;
      const pulling = (async () => {
        while (writing) {
          const page = await pullAll(server, reader, 'threads', checkpoint, 5);
          seen.push(...ids(page.documents));
          checkpoint = page.checkpoint;
        }
      })();
      await Promise.all(
        writers.map(async (w) => {
          for (let i = 0; i < 8; i++) {
            const batch = [newThread(w, 'busy'), newThread(w, 'busy')];
            written.push(...ids(batch));
            await push(
              server,
              w,
              'threads',
              batch.map((t) => ({ assumedMasterState: null, newDocumentState: t })),
            );
          }
        }),
      );
      writing = false;
      await pulling;
      seen.push(...ids((await pullAll(server, reader, 'threads', checkpoint, 5)).documents));
      expect(seen.filter((id) => written.includes(id)).sort()).toEqual([...written].sort());
    });
  });
});
