/**
 * Moderators' decisions about members from the app's side: real RxDB clients on
 * fake-indexeddb, a real server. A decision is a local write like any other, so a moderator
 * makes it offline and it takes effect when the device is back online.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../shared/collections';
import { membershipId } from '../../shared/schemas/memberships';
import { moderationIdFor } from '../../shared/schemas/moderation';
import { createThread } from '../src/data/writes';
import { admitMember, removeMember } from '../src/moderation/decisions';
import { removalText } from '../src/moderation/removal-text';
import { type FaultProxy, startFaultProxy } from './fault-proxy';
import {
  type TestClient,
  type TestServer,
  eventually,
  startCommunityMember,
  startTestServer,
} from './harness';

const OPEN = 'caregivers';
const BY_APPROVAL = 'lgbt-caregivers';

describe('decisions about members from the app', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startFaultProxy(server.url);
  });
  afterEach(async () => {
    proxy.setDown(false);
    for (const client of clients.splice(0)) await client.close();
  });
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  /** A signed-in user who joined (or moderates) `communityId`, with only what the test needs. */
  async function user(
    name: string,
    communityId: string,
    collections: CollectionName[],
    options: { viaProxy?: boolean; moderates?: boolean } = {},
  ) {
    const client = await startCommunityMember(server, name, {
      communityId,
      collections: ['communities', 'memberships', 'moderation', ...collections],
      ...(options.moderates ? { moderates: true } : {}),
      ...(options.viaProxy ? { via: proxy.url } : {}),
    });
    clients.push(client);
    return client;
  }

  const membershipOn = (client: TestClient, communityId: string, userId: string) =>
    client.db.memberships.findOne(membershipId(communityId, userId)).exec();

  it('a removal decided offline takes effect once the moderator is back online, and the member reads why', async () => {
    const member = await user('Ana', OPEN, ['threads', 'posts']);
    const moderator = await user('Mo', OPEN, [], { viaProxy: true, moderates: true });
    const membership = await eventually(
      async () => (await membershipOn(moderator, OPEN, member.userId))?.toJSON() ?? undefined,
      "Ana's membership on the moderator's device",
    );

    proxy.setDown(true);
    await eventually(() => moderator.sync.getStatus().connection === 'offline', 'offline');
    await removeMember(moderator.db, moderator.userId, membership, 'Repeated spam links');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Nothing reached the server: the member is still in.
    const onServer = await member.api.pull<{ id: string; status: string }>(
      'memberships',
      undefined,
      1000,
    );
    expect(onServer.documents.find((m) => m.id === membership.id)?.status).toBe('active');

    proxy.setDown(false);
    moderator.sync.syncNow();
    await eventually(
      async () => (await membershipOn(member, OPEN, member.userId))?.status === 'banned',
      'the removal on the member’s device',
    );
    const decision = await eventually(
      async () =>
        (
          await member.db.moderation
            .findOne(moderationIdFor(membershipId(OPEN, member.userId)))
            .exec()
        )?.toJSON() ?? undefined,
      'the decision on the member’s device',
    );
    expect(removalText('Caregivers', decision)).toBe(
      'You were removed from Caregivers by its moderators: Repeated spam links',
    );
    await eventually(
      async () => (await membershipOn(moderator, OPEN, member.userId))?.status === 'banned',
      'the removal on the moderator’s device',
    );

    // What they write now is refused, and they are told why.
    const thread = await createThread(member.db, member, {
      communityId: OPEN,
      title: 'Still here?',
      body: 'Testing',
    });
    await eventually(
      () => member.sync.getStatus().refusals.some((r) => r.id === thread.id),
      'the refusal',
    );
    expect(member.sync.getStatus().refusals).toContainEqual({
      id: thread.id,
      error: 'not-member',
      collection: 'threads',
    });
  });

  it("approving a request brings the community's history to the new member's device", async () => {
    const asker = await user('Kai', BY_APPROVAL, ['threads']);
    const moderator = await user('Lee', BY_APPROVAL, ['threads', 'posts'], { moderates: true });
    const history = await createThread(moderator.db, moderator, {
      communityId: BY_APPROVAL,
      title: 'Introduce yourself',
      body: 'Who do you care for?',
    });
    await eventually(
      async () => (await moderator.db.outbox.findOne(history.id).exec())?.state === 'sent',
      'the thread on the server',
    );
    expect((await membershipOn(asker, BY_APPROVAL, asker.userId))?.status ?? 'pending').toBe(
      'pending',
    );
    expect(await asker.db.threads.find({ selector: { communityId: BY_APPROVAL } }).exec()).toEqual(
      [],
    );
    const request = await eventually(
      async () => (await membershipOn(moderator, BY_APPROVAL, asker.userId))?.toJSON() ?? undefined,
      'the request on the moderator’s device',
    );
    expect(request.status).toBe('pending');

    await admitMember(moderator.db, moderator.userId, request);
    await eventually(
      async () => (await asker.db.threads.findOne(history.id).exec()) ?? undefined,
      'the community’s history on the new member’s device',
    );
    await eventually(
      async () => (await membershipOn(asker, BY_APPROVAL, asker.userId))?.status === 'active',
      'the active membership on the new member’s device',
    );
  });
});
