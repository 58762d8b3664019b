/**
 * The therapies a member follows are health information. The server keeps them on the member's
 * profile (it derives their therapy channels from it), but only the member ever receives them:
 * co-members and moderators, who receive the rest of the profile, never see which drugs they
 * follow, in a pull or on the live stream.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_COLLECTIONS } from '../../shared/collections';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  followTherapies,
  fresh,
  joinCommunity,
  newThread,
  pullAll,
  push,
  register,
  setRoleOf,
  startServer,
} from './helpers';
import { openStream } from './sse';
import { STORES } from './stores';

const FOLLOWED = ['osimertinib', 'pembrolizumab'];

describe.each(STORES)('followed therapies on the $kind store', (kind) => {
  let server: TestServer;
  let ana: TestUser;
  let bea: TestUser;
  let moderator: TestUser;
  beforeAll(async () => {
    server = await startServer({ kind });
    await addCommunity(server.store, 'lungs', { allowTherapySharing: true });
    await addCommunity(server.store, 'skin', { allowTherapySharing: true });
    await addCommunity(server.store, 'by-approval', { joinPolicy: 'approval' });
    ana = await register(server, 'ana');
    bea = await register(server, 'bea');
    moderator = await register(server, 'moderator');
    await joinCommunity(server, ana, 'lungs');
    await joinCommunity(server, bea, 'lungs');
    await setRoleOf(server, moderator, 'by-approval');
    // Ana asks to join: her profile goes to that community's moderators to decide.
    await joinCommunity(server, ana, 'by-approval');
    await followTherapies(server, ana, FOLLOWED);
  });
  afterAll(async () => {
    await server.close();
  });

  const profileOf = (documents: { id: string }[], user: TestUser) =>
    documents.find((d) => d.id === user.userId) as Record<string, unknown> | undefined;

  it("gives Ana her own followed therapies, and a co-member Ana's profile without them", async () => {
    const own = profileOf((await pullAll(server, ana, 'profiles')).documents, ana);
    expect(own?.followedTherapyIds).toEqual(FOLLOWED);

    const anaSeenByBea = profileOf((await pullAll(server, bea, 'profiles')).documents, ana);
    // Everything else Ana shows her communities still arrives, unchanged.
    const { followedTherapyIds: _private, ...shared } = own!;
    expect(anaSeenByBea).toEqual(shared);
    expect(anaSeenByBea).not.toHaveProperty('followedTherapyIds');
  });

  it('leaves them out for the moderators who decide on her request to join', async () => {
    const anaSeenByModerator = profileOf(
      (await pullAll(server, moderator, 'profiles')).documents,
      ana,
    );
    expect(anaSeenByModerator?.displayName).toBe('ana');
    expect(anaSeenByModerator).not.toHaveProperty('followedTherapyIds');
  });

  it('has no trace of them anywhere in what a co-member receives, page by page', async () => {
    for (const collection of SERVED_COLLECTIONS) {
      // One document per page: the checkpoints the co-member passes through are checked too.
      const seen = JSON.stringify(await pullAll(server, bea, collection, undefined, 1));
      for (const therapy of FOLLOWED) expect(seen).not.toContain(therapy);
      expect(seen).not.toContain('followedTherapyIds');
    }
  });

  it('still derives her therapy channels: a thread shared from another community reaches Ana only', async () => {
    const author = await register(server);
    await joinCommunity(server, author, 'skin');
    const shared = newThread(author, 'skin', {
      therapyIds: [FOLLOWED[0]],
      shareToTherapyPages: true,
    });
    const res = await push(server, author, 'threads', [fresh(shared)]);
    expect(res.refusals).toEqual([]);
    const ids = async (user: TestUser) =>
      (await pullAll(server, user, 'threads')).documents.map((d: { id: string }) => d.id);
    expect(await ids(ana)).toContain(shared.id);
    expect(await ids(bea)).not.toContain(shared.id);
  });

  it('tells a co-member only to resync when Ana changes what she follows, and the pull that follows leaves them out', async () => {
    const before = await pullAll(server, bea, 'profiles');
    const stream = await openStream(server, bea.token);
    try {
      await stream.waitFor(SERVED_COLLECTIONS.length);
      const changed = ['nivolumab'];
      await followTherapies(server, ana, changed);
      const events = await waitForEvent(stream, 'profiles', SERVED_COLLECTIONS.length);
      for (const { data } of events) expect(data).toBe('"RESYNC"');

      const after = await pullAll(server, bea, 'profiles', before.checkpoint);
      const anaNow = profileOf(after.documents, ana);
      // The change itself arrives (her profile moved on), without what changed.
      expect(anaNow?.updatedAt).toBeGreaterThan(
        profileOf(before.documents, ana)!.updatedAt as number,
      );
      expect(anaNow).not.toHaveProperty('followedTherapyIds');
      expect(JSON.stringify(after)).not.toContain(changed[0]);

      const own = profileOf((await pullAll(server, ana, 'profiles')).documents, ana);
      expect(own?.followedTherapyIds).toEqual(changed);
    } finally {
      await stream.close();
    }
  });
});

/** The live events after the first `skip`, once one for `collection` has arrived. */
async function waitForEvent(
  stream: Awaited<ReturnType<typeof openStream>>,
  collection: string,
  skip: number,
) {
  for (let count = skip + 1; ; count++) {
    const events = (await stream.waitFor(count)).slice(skip);
    if (events.some((e) => e.event === collection)) return events;
  }
}
