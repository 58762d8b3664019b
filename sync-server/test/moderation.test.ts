/**
 * Pre-moderation and moderators' decisions: pending content is seen by its author and the
 * community's moderators only, until a moderator approves it; hidden content by moderators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  fresh,
  joinCommunity,
  newModeration,
  newPost,
  newThread,
  pullAll,
  push,
  register,
  setRoleOf,
  startServer,
} from './helpers';

let server: TestServer;
let newbie: TestUser;
let member: TestUser;
let moderator: TestUser;
beforeAll(async () => {
  server = await startServer();
  await addCommunity(server.store, 'careful', { premoderation: true });
  await addCommunity(server.store, 'relaxed');
  newbie = await register(server, 'mod-newbie');
  member = await register(server, 'mod-member');
  moderator = await register(server, 'mod-moderator');
  for (const u of [newbie, member]) {
    await joinCommunity(server, u, 'careful');
    await joinCommunity(server, u, 'relaxed');
  }
  await setRoleOf(server, moderator, 'careful', 'moderator');
  await setRoleOf(server, moderator, 'relaxed', 'moderator');
});
afterAll(async () => {
  await server.close();
});

const ids = (docs: { id: string }[]) => docs.map((d) => d.id);

describe('moderation', () => {
  it("holds a new member's first thread in a pre-moderated community for the author and moderators, until a moderator approves it", async () => {
    const memberStart = await pullAll(server, member, 'threads');
    const thread = newThread(newbie, 'careful', { title: 'My first question' });
    const res = await push(server, newbie, 'threads', [fresh(thread)]);
    expect(res.refusals).toEqual([]);
    expect(await server.store.getDocument('threads', thread.id)).toEqual(thread); // as pushed

    const pending = await server.store.getDocument('moderation', `mod:${thread.id}`);
    expect(pending).toMatchObject({
      targetId: thread.id,
      communityId: 'careful',
      state: 'pending',
      by: 'server',
    });
    expect(ids((await pullAll(server, newbie, 'threads')).documents)).toContain(thread.id);
    expect(ids((await pullAll(server, newbie, 'moderation')).documents)).toContain(pending!.id);
    expect(ids((await pullAll(server, moderator, 'threads')).documents)).toContain(thread.id);
    const modQueue = await pullAll(server, moderator, 'moderation');
    expect(ids(modQueue.documents)).toContain(pending!.id);
    const memberWaiting = await pullAll(server, member, 'threads', memberStart.checkpoint);
    expect(ids(memberWaiting.documents)).not.toContain(thread.id);
    expect(ids((await pullAll(server, member, 'moderation')).documents)).not.toContain(pending!.id);

    const approved = { ...pending, state: 'approved', by: moderator.userId, updatedAt: Date.now() };
    const approval = await push(server, moderator, 'moderation', [
      { assumedMasterState: pending, newDocumentState: approved },
    ]);
    expect(approval.refusals).toEqual([]);
    const after = await pullAll(server, member, 'threads', memberWaiting.checkpoint);
    expect(after.documents).toEqual([thread]);
    expect(ids((await pullAll(server, member, 'moderation')).documents)).toContain(pending!.id);

    // Approved once, the member's later content goes straight out.
    const second = newThread(newbie, 'careful');
    await push(server, newbie, 'threads', [fresh(second)]);
    expect(await server.store.getDocument('moderation', `mod:${second.id}`)).toBeNull();
    expect(ids((await pullAll(server, member, 'threads', after.checkpoint)).documents)).toEqual([
      second.id,
    ]);

    const audit = await server.store.listAudit({ kind: 'moderation' });
    expect(audit.map((a) => [a.subject, a.detail.state])).toEqual(
      expect.arrayContaining([
        [thread.id, 'pending'],
        [thread.id, 'approved'],
      ]),
    );
  });

  it('holds replies of an unapproved member too, and never holds a moderator', async () => {
    const other = await register(server);
    await joinCommunity(server, other, 'careful');
    const thread = newThread(moderator, 'careful');
    await push(server, moderator, 'threads', [fresh(thread)]);
    expect(await server.store.getDocument('moderation', `mod:${thread.id}`)).toBeNull();
    const reply = newPost(other, thread.id, 'careful');
    await push(server, other, 'posts', [fresh(reply)]);
    expect(await server.store.getDocument('moderation', `mod:${reply.id}`)).toMatchObject({
      state: 'pending',
    });
    expect(ids((await pullAll(server, member, 'posts')).documents)).not.toContain(reply.id);
    expect(ids((await pullAll(server, other, 'posts')).documents)).toContain(reply.id);
  });

  it('holds content first pushed as deleted when it is brought back: it cannot skip review', async () => {
    const sly = await register(server);
    await joinCommunity(server, sly, 'careful');
    const memberStart = await pullAll(server, member, 'threads');
    const memberPostsStart = await pullAll(server, member, 'posts');

    // Pushed as a tombstone first (nothing to review yet), then brought back as it is.
    const deleted = newThread(sly, 'careful', { title: 'Unreviewed', _deleted: true });
    expect((await push(server, sly, 'threads', [fresh(deleted)])).refusals).toEqual([]);
    const thread = { ...deleted, _deleted: false, updatedAt: deleted.updatedAt + 1 };
    const revived = await push(server, sly, 'threads', [
      { assumedMasterState: deleted, newDocumentState: thread },
    ]);
    expect(revived.status).toBe(200);
    expect(revived.body).toEqual([]);
    expect(revived.refusals).toEqual([]);

    // The same trick with a reply, in the moderator's (visible) thread.
    const host = newThread(moderator, 'careful');
    expect((await push(server, moderator, 'threads', [fresh(host)])).refusals).toEqual([]);
    const deletedReply = newPost(sly, host.id, 'careful', { _deleted: true });
    expect((await push(server, sly, 'posts', [fresh(deletedReply)])).refusals).toEqual([]);
    const reply = { ...deletedReply, _deleted: false, updatedAt: deletedReply.updatedAt + 1 };
    const revivedReply = await push(server, sly, 'posts', [
      { assumedMasterState: deletedReply, newDocumentState: reply },
    ]);
    expect(revivedReply.body).toEqual([]);
    expect(revivedReply.refusals).toEqual([]);

    const memberThreads = await pullAll(server, member, 'threads', memberStart.checkpoint);
    // Only the live version matters here: the earlier tombstone may have reached them.
    expect(memberThreads.documents.filter((d) => d.id === thread.id && !d._deleted)).toEqual([]);
    const memberPosts = await pullAll(server, member, 'posts', memberPostsStart.checkpoint);
    expect(memberPosts.documents.filter((d) => d.id === reply.id && !d._deleted)).toEqual([]);
    expect(ids((await pullAll(server, moderator, 'threads')).documents)).toContain(thread.id);
    expect(ids((await pullAll(server, sly, 'posts')).documents)).toContain(reply.id);
    const pending = await server.store.getDocument('moderation', `mod:${thread.id}`);
    expect(pending).toMatchObject({ targetId: thread.id, state: 'pending', by: 'server' });
    expect(await server.store.getDocument('moderation', `mod:${reply.id}`)).toMatchObject({
      state: 'pending',
    });

    const approved = { ...pending, state: 'approved', by: moderator.userId, updatedAt: Date.now() };
    await push(server, moderator, 'moderation', [
      { assumedMasterState: pending, newDocumentState: approved },
    ]);
    const after = await pullAll(server, member, 'threads', memberThreads.checkpoint);
    expect(after.documents).toEqual([thread]);
  });

  it('lets a moderator hide a post: members learn it is hidden and new readers never receive it', async () => {
    const thread = newThread(member, 'relaxed');
    const post = newPost(member, thread.id, 'relaxed', { body: 'Something off-topic' });
    await push(server, member, 'threads', [fresh(thread)]);
    await push(server, member, 'posts', [fresh(post)]);
    const held = await pullAll(server, newbie, 'moderation');

    const hide = newModeration(moderator, post.id, 'relaxed', 'hidden');
    expect((await push(server, moderator, 'moderation', [fresh(hide)])).refusals).toEqual([]);
    const told = await pullAll(server, newbie, 'moderation', held.checkpoint);
    expect(told.documents).toEqual([hide]);

    const newcomer = await register(server);
    await joinCommunity(server, newcomer, 'relaxed');
    expect(ids((await pullAll(server, newcomer, 'posts')).documents)).not.toContain(post.id);
    expect(ids((await pullAll(server, moderator, 'posts')).documents)).toContain(post.id);
  });

  it('a moderator can lock a community: members can no longer post, and unlocking lets them again', async () => {
    await addCommunity(server.store, 'lockable');
    await joinCommunity(server, member, 'lockable');
    await setRoleOf(server, moderator, 'lockable', 'moderator');
    const lock = newModeration(moderator, 'lockable', 'lockable', 'locked');
    expect((await push(server, moderator, 'moderation', [fresh(lock)])).refusals).toEqual([]);
    const blocked = newThread(member, 'lockable');
    expect((await push(server, member, 'threads', [fresh(blocked)])).refusals).toEqual([
      { id: blocked.id, error: 'community-locked' },
    ]);
    const unlock = { ...lock, state: 'approved', updatedAt: Date.now() + 1 };
    await push(server, moderator, 'moderation', [
      { assumedMasterState: lock, newDocumentState: unlock },
    ]);
    expect((await push(server, member, 'threads', [fresh(blocked)])).refusals).toEqual([]);
  });
});

describe('profiles and memberships', () => {
  it('shows profiles to people who share a community, from the moment they share it', async () => {
    await addCommunity(server.store, 'meet');
    const a = await register(server);
    const b = await register(server);
    await joinCommunity(server, a, 'meet');
    const start = await pullAll(server, b, 'profiles');
    expect(ids(start.documents)).toEqual([b.userId]);
    await joinCommunity(server, b, 'meet');
    const after = await pullAll(server, b, 'profiles', start.checkpoint);
    expect(ids(after.documents)).toContain(a.userId);
    const outsider = await register(server);
    expect(ids((await pullAll(server, outsider, 'profiles')).documents)).toEqual([outsider.userId]);
  });
});
