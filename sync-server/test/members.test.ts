/**
 * Moderators' decisions about members: letting a pending member in, declining, removing (and
 * letting back in). A decision is a moderation document whose target is a membership id; the
 * server applies it to the server-owned membership in the same push, and audits who and why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_COLLECTIONS } from '../../shared/collections';
import { announce } from '../admin/announce';
import { setRole } from '../admin/set-role';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  call,
  fresh,
  joinCommunity,
  newModeration,
  newThread,
  pullAll,
  push,
  register,
  setRoleOf,
  startServer,
} from './helpers';
import { openStream } from './sse';
import { STORES } from './stores';

const ids = (docs: { id: string }[]) => docs.map((d) => d.id);
/** A new stream starts with one RESYNC per collection; a visibility change sends them all again. */
const N = SERVED_COLLECTIONS.length;

describe.each(STORES)('decisions about members on the $kind store', (kind) => {
  let server: TestServer;
  let moderator: TestUser;
  let partner: TestUser;
  let member: TestUser;
  let elsewhereModerator: TestUser;
  let counter = 0;

  beforeAll(async () => {
    server = await startServer({ kind });
    await addCommunity(server.store, 'gated', { joinPolicy: 'approval' });
    await addCommunity(server.store, 'open-club');
    await addCommunity(server.store, 'elsewhere');
    moderator = await register(server, 'mem-moderator');
    partner = await register(server, 'mem-partner');
    member = await register(server, 'mem-member');
    elsewhereModerator = await register(server, 'mem-elsewhere-mod');
    for (const c of ['gated', 'open-club']) {
      await setRoleOf(server, moderator, c, 'moderator');
      await setRoleOf(server, partner, c, 'partner');
      await setRoleOf(server, member, c, 'member');
    }
    await setRoleOf(server, elsewhereModerator, 'elsewhere', 'moderator');
  });
  afterAll(async () => {
    await server.close();
  });

  const newcomer = () => register(server, `mem-newcomer-${++counter}`);
  const membershipOf = (communityId: string, user: TestUser) =>
    server.store.getDocument('memberships', `${communityId}:${user.userId}`);
  function decision(
    by: TestUser,
    communityId: string,
    user: TestUser,
    state: 'approved' | 'removed',
    reason = '',
  ) {
    return { ...newModeration(by, `${communityId}:${user.userId}`, communityId, state), reason };
  }
  async function decide(by: TestUser, doc: { id: string }, assumed: unknown = null) {
    const res = await push(server, by, 'moderation', [
      { assumedMasterState: assumed, newDocumentState: doc },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    return res.refusals;
  }
  async function postThread(author: TestUser, communityId: string) {
    const thread = newThread(author, communityId);
    expect((await push(server, author, 'threads', [fresh(thread)])).refusals).toEqual([]);
    return thread;
  }

  it("lets a pending member in: their membership becomes active and they pull the community's history; the audit says who decided", async () => {
    const old = await postThread(member, 'gated');
    const asker = await newcomer();
    expect((await joinCommunity(server, asker, 'gated')).status).toBe('pending');
    const before = await pullAll(server, asker, 'threads');
    expect(ids(before.documents)).not.toContain(old.id);
    // The moderators see who asks: the pending membership and the asker's profile.
    expect(ids((await pullAll(server, moderator, 'memberships')).documents)).toContain(
      `gated:${asker.userId}`,
    );
    expect(ids((await pullAll(server, moderator, 'profiles')).documents)).toContain(asker.userId);
    expect(ids((await pullAll(server, member, 'profiles')).documents)).not.toContain(asker.userId);

    const letIn = decision(moderator, 'gated', asker, 'approved', 'Welcome');
    expect(await decide(moderator, letIn)).toEqual([]);

    expect(await server.store.getDocument('moderation', letIn.id)).toEqual(letIn); // as pushed
    expect(await membershipOf('gated', asker)).toMatchObject({ status: 'active', role: 'member' });
    const after = await pullAll(server, asker, 'threads', before.checkpoint);
    expect(ids(after.documents)).toContain(old.id);
    const decisions = (await pullAll(server, asker, 'moderation')).documents;
    expect(decisions.find((d) => d.id === letIn.id)).toEqual(letIn);

    const audit = await server.store.listAudit({ kind: 'membership' });
    expect(audit.find((a) => a.subject === `gated:${asker.userId}`)).toMatchObject({
      kind: 'membership',
      userId: moderator.userId,
      detail: {
        communityId: 'gated',
        member: asker.userId,
        decision: 'approved',
        from: 'pending',
        to: 'active',
        reason: 'Welcome',
      },
    });
  });

  it('removes a member at once: no new content reaches them, their posts are refused, they cannot rejoin, and they are told why', async () => {
    const gone = await newcomer();
    await joinCommunity(server, gone, 'open-club');
    const bystander = await newcomer();
    await joinCommunity(server, bystander, 'open-club');
    const start = await pullAll(server, gone, 'threads');
    const stream = await openStream(server, gone.token);
    try {
      await stream.waitFor(N);
      const removal = decision(partner, 'open-club', gone, 'removed', 'Selling supplements');
      expect(await decide(partner, removal)).toEqual([]);
      // Their stream is told to pull everything: what they may see changed.
      await stream.waitFor(2 * N);

      expect(await membershipOf('open-club', gone)).toMatchObject({ status: 'banned' });
      const later = await postThread(member, 'open-club');
      expect(
        ids((await pullAll(server, gone, 'threads', start.checkpoint)).documents),
      ).not.toContain(later.id);
      const attempt = newThread(gone, 'open-club');
      expect((await push(server, gone, 'threads', [fresh(attempt)])).refusals).toEqual([
        { id: attempt.id, error: 'not-member' },
      ]);
      const rejoin = await call(server, 'POST', '/communities/open-club/join', {
        token: gone.token,
      });
      expect(rejoin.status).toBe(403);

      // The removed member learns it, with the reason; other members do not see the decision.
      const told = (await pullAll(server, gone, 'moderation')).documents;
      expect(told.find((d) => d.id === removal.id)).toEqual(removal);
      expect(
        (await pullAll(server, gone, 'memberships')).documents.find(
          (m) => m.id === `open-club:${gone.userId}`,
        ),
      ).toMatchObject({ status: 'banned' });
      expect(ids((await pullAll(server, bystander, 'moderation')).documents)).not.toContain(
        removal.id,
      );
      expect(ids((await pullAll(server, moderator, 'moderation')).documents)).toContain(removal.id);

      const audit = await server.store.listAudit({ kind: 'membership' });
      expect(audit.find((a) => a.subject === `open-club:${gone.userId}`)).toMatchObject({
        userId: partner.userId,
        detail: {
          decision: 'removed',
          from: 'active',
          to: 'banned',
          reason: 'Selling supplements',
        },
      });

      // A later approval lets them back in, and brings what was written meanwhile.
      const back = {
        ...removal,
        state: 'approved',
        reason: 'Appeal accepted',
        updatedAt: removal.updatedAt + 1,
      };
      expect(await decide(moderator, back, removal)).toEqual([]);
      expect(await membershipOf('open-club', gone)).toMatchObject({ status: 'active' });
      expect(ids((await pullAll(server, gone, 'threads', start.checkpoint)).documents)).toContain(
        later.id,
      );
    } finally {
      await stream.close();
    }
  });

  it('declining a request keeps the asker out: they stay out of the community and cannot ask again', async () => {
    const asker = await newcomer();
    await joinCommunity(server, asker, 'gated');
    const decline = decision(moderator, 'gated', asker, 'removed', 'Declined: not a caregiver');
    expect(await decide(moderator, decline)).toEqual([]);
    expect(await membershipOf('gated', asker)).toMatchObject({ status: 'banned' });
    expect(
      (await call(server, 'POST', '/communities/gated/join', { token: asker.token })).status,
    ).toBe(403);
    expect(ids((await pullAll(server, asker, 'threads')).documents)).toEqual([]);
  });

  it('refuses decisions from a member, from the moderator of another community, and about moderators, partners or oneself', async () => {
    const target = await newcomer();
    await joinCommunity(server, target, 'open-club');
    const byMember = decision(member, 'open-club', target, 'removed', 'I do not like them');
    expect(await decide(member, byMember)).toEqual([
      { id: byMember.id, error: 'read-only-collection' },
    ]);
    const asker = await newcomer();
    await joinCommunity(server, asker, 'gated');
    const selfServe = decision(member, 'gated', asker, 'approved');
    expect(await decide(member, selfServe)).toEqual([
      { id: selfServe.id, error: 'read-only-collection' },
    ]);
    const ownRequest = decision(asker, 'gated', asker, 'approved');
    expect(await decide(asker, ownRequest)).toEqual([
      { id: ownRequest.id, error: 'read-only-collection' },
    ]);
    expect(await membershipOf('gated', asker)).toMatchObject({ status: 'pending' });
    const byOutsider = decision(elsewhereModerator, 'open-club', target, 'removed');
    expect(await decide(elsewhereModerator, byOutsider)).toEqual([
      { id: byOutsider.id, error: 'read-only-collection' },
    ]);
    // Filed under their own community, the decision is about no member of it.
    const smuggled = {
      ...newModeration(elsewhereModerator, `open-club:${target.userId}`, 'elsewhere', 'removed'),
    };
    expect(await decide(elsewhereModerator, smuggled)).toEqual([
      { id: smuggled.id, error: 'invalid' },
    ]);
    const smuggledApproval = { ...smuggled, state: 'approved' };
    expect(await decide(elsewhereModerator, smuggledApproval)).toEqual([
      { id: smuggled.id, error: 'thread-missing' },
    ]);

    for (const protectedUser of [moderator, partner]) {
      const doc = decision(moderator, 'open-club', protectedUser, 'removed', 'no');
      expect(await decide(moderator, doc)).toEqual([{ id: doc.id, error: 'protected-member' }]);
    }
    const self = decision(partner, 'open-club', partner, 'removed', 'bye');
    expect(await decide(partner, self)).toEqual([{ id: self.id, error: 'protected-member' }]);
    const nobody = {
      ...decision(moderator, 'open-club', target, 'removed'),
      targetId: 'open-club:nobody',
      id: 'mod:open-club:nobody',
    };
    expect(await decide(moderator, nobody)).toEqual([{ id: nobody.id, error: 'thread-missing' }]);
    const hideMember = { ...decision(moderator, 'open-club', target, 'removed'), state: 'hidden' };
    expect(await decide(moderator, hideMember)).toEqual([{ id: hideMember.id, error: 'invalid' }]);

    expect(await membershipOf('open-club', target)).toMatchObject({ status: 'active' });
    for (const user of [moderator, partner]) {
      expect(await membershipOf('open-club', user)).toMatchObject({ status: 'active' });
    }
    const refusals = await server.store.listAudit({ kind: 'refusal', limit: 500 });
    expect(refusals.find((a) => a.subject === self.id)).toMatchObject({
      userId: partner.userId,
      detail: { collection: 'moderation', code: 'protected-member' },
    });
  });

  it("a thread cannot take a membership's id, and being let in is not approval of one's first post", async () => {
    await addCommunity(server.store, 'careful', { joinPolicy: 'approval', premoderation: true });
    await setRoleOf(server, moderator, 'careful', 'moderator');
    const asker = await newcomer();
    await joinCommunity(server, asker, 'careful');
    expect(await decide(moderator, decision(moderator, 'careful', asker, 'approved'))).toEqual([]);
    const first = await postThread(asker, 'careful');
    expect(await server.store.getDocument('moderation', `mod:${first.id}`)).toMatchObject({
      state: 'pending',
    });
    const impostor = newThread(asker, 'careful', { id: `careful:${asker.userId}` });
    expect((await push(server, asker, 'threads', [fresh(impostor)])).refusals).toEqual([
      { id: impostor.id, error: 'invalid' },
    ]);
  });

  it("an operator's role change from another process reaches the member's open stream at once", async () => {
    const user = await newcomer();
    await joinCommunity(server, user, 'open-club');
    const stream = await openStream(server, user.token);
    // The admin command: its own store on the same database, then its announcement.
    const adminStore = await server.database.open();
    try {
      await stream.waitFor(N);
      const result = await setRole(adminStore, {
        communityId: 'open-club',
        username: user.username,
        role: 'moderator',
      });
      expect(result.ok).toBe(true);
      if (result.ok) await announce(adminStore, result.rows);
      const events = (await stream.waitFor(2 * N)).slice(N);
      expect(new Set(events.map((e) => e.event))).toEqual(new Set(SERVED_COLLECTIONS));
    } finally {
      await stream.close();
      await adminStore.close();
    }
  });
});
