import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/schemas/sealed';
import { loadDraft, openDraft, saveDraft } from '../src/data/drafts';
import { updateProfile } from '../src/data/profile';
import { createReply, createThread, editReply } from '../src/data/writes';
import { loadOtherProfileVersion } from '../src/db/profile-conflict';
import { adoptOtherProfileVersion } from '../src/ui/other-profile-version';
import { type FaultProxy, startFaultProxy } from './fault-proxy';
import {
  type ClientOptions,
  type TestClient,
  type TestServer,
  eventually,
  startClient,
  startTestServer,
} from './harness';

describe('two devices of one person editing while apart', () => {
  let server: TestServer;
  let proxyA: FaultProxy;
  let proxyB: FaultProxy;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    proxyA = await startFaultProxy(server.url);
    proxyB = await startFaultProxy(server.url);
  });
  afterEach(async () => {
    proxyA.setDown(false);
    proxyB.setDown(false);
    for (const client of clients.splice(0)) await client.close();
  });
  afterAll(async () => {
    await proxyA.close();
    await proxyB.close();
    await server.close();
  });

  async function twoDevices(collections: ClientOptions['collections']) {
    const laptop = await startClient(server.url, 'Ana', { collections, via: proxyA.url });
    clients.push(laptop);
    const account = {
      userId: laptop.userId,
      token: laptop.token,
      displayName: laptop.displayName,
      sealingKey: laptop.sealingKey, // what entering the recovery key on the second device gives
    };
    const tablet = await startClient(server.url, 'Ana', { collections, via: proxyB.url, account });
    clients.push(tablet);
    return { laptop, tablet };
  }

  async function goOffline(proxy: FaultProxy, client: TestClient) {
    proxy.setDown(true);
    await eventually(() => client.sync.getStatus().connection === 'offline', 'device offline');
  }

  it('a draft edited offline on both devices keeps both versions, on both devices', async () => {
    const { laptop, tablet } = await twoDevices(['drafts']);
    const owner = (c: TestClient) => ({ userId: c.userId, sealingKey: c.sealingKey });
    const place = {
      id: `${laptop.userId}:thread:shared-draft`,
      kind: 'thread' as const,
      communityId: 'caregivers',
    };
    await saveDraft(laptop.db, owner(laptop), place, {
      title: 'Respite care',
      body: 'First words',
    });
    await eventually(
      async () => (await loadDraft(tablet.db, tablet.sealingKey, place.id))?.body === 'First words',
      'draft on tablet',
    );

    await goOffline(proxyA, laptop);
    await goOffline(proxyB, tablet);
    await saveDraft(laptop.db, owner(laptop), place, {
      title: 'Respite care',
      body: 'Written on the laptop',
    });
    await saveDraft(tablet.db, owner(tablet), place, {
      title: 'Respite care',
      body: 'Written on the tablet',
    });

    proxyA.setDown(false);
    laptop.sync.syncNow();
    await eventually(async () => (await laptop.sync.awaitInSync(), true), 'laptop in sync');
    proxyB.setDown(false);
    tablet.sync.syncNow();

    // Both texts survive on both devices: one under the draft's id, the other as a copy beside it.
    for (const device of [laptop, tablet]) {
      const bodies = await eventually(
        async () => {
          const drafts = await device.db.drafts.find().exec();
          const opened = await Promise.all(
            drafts.map((d) => openDraft(device.sealingKey, d.toJSON() as Draft)),
          );
          const texts = opened.flatMap((o) => (o.ok ? [o.value.body] : []));
          return texts.includes('Written on the laptop') && texts.includes('Written on the tablet')
            ? texts
            : undefined;
        },
        `both versions on the ${device === laptop ? 'laptop' : 'tablet'}`,
      );
      expect(bodies.filter((b) => b.startsWith('Written on'))).toHaveLength(2);
    }
  });

  it('a profile edited offline on both devices keeps the latest edit and offers the other to its owner', async () => {
    const { laptop, tablet } = await twoDevices(['profiles']);
    const profileOn = async (device: TestClient) =>
      (await device.db.profiles.findOne(device.userId).exec())?.toJSON();
    await eventually(
      async () => (await profileOn(laptop)) && (await profileOn(tablet)),
      'the profile on both devices',
    );
    const original = (await profileOn(laptop))!;

    await goOffline(proxyA, laptop);
    await goOffline(proxyB, tablet);
    const t0 = Date.now();
    await updateProfile(
      tablet.db,
      tablet.userId,
      { displayName: 'Ana on the tablet', bio: 'Caring for my father since 2021.' },
      t0,
    );
    // The later edit is on the device that reconnects last, so the conflict is resolved there.
    await updateProfile(
      laptop.db,
      laptop.userId,
      { displayName: 'Ana on the laptop', role: 'caregiver' },
      t0 + 5_000,
    );

    proxyB.setDown(false);
    tablet.sync.syncNow();
    await eventually(async () => (await tablet.sync.awaitInSync(), true), 'tablet in sync');
    proxyA.setDown(false);
    laptop.sync.syncNow();

    for (const device of [laptop, tablet]) {
      await eventually(
        async () => (await profileOn(device))?.displayName === 'Ana on the laptop',
        'the latest edit on both devices',
      );
      expect(await profileOn(device)).toMatchObject({ role: 'caregiver', bio: original.bio });
    }
    // The tablet's words are not lost: the laptop's owner sees what the tablet's edit changed,
    // and only that (the tablet never touched the role).
    const other = await eventually(
      async () => (await loadOtherProfileVersion(laptop.db.profiles, laptop.userId)) ?? undefined,
      'the other version kept on the laptop',
    );
    expect(other.fields).toEqual({
      displayName: 'Ana on the tablet',
      bio: 'Caring for my father since 2021.',
    });

    // "Use this version" reaches every device and keeps the laptop's own change to the role.
    await adoptOtherProfileVersion(laptop.db, laptop.userId, other.fields);
    expect(await loadOtherProfileVersion(laptop.db.profiles, laptop.userId)).toBeNull();
    for (const device of [laptop, tablet]) {
      await eventually(async () => {
        const profile = await profileOn(device);
        return (
          profile?.displayName === 'Ana on the tablet' &&
          profile.bio === 'Caring for my father since 2021.' &&
          profile.role === 'caregiver'
        );
      }, 'the chosen version on both devices');
    }
  });

  it('a reply edited on two devices ends with the latest edit everywhere', async () => {
    const { laptop, tablet } = await twoDevices(['memberships', 'threads', 'posts']);
    await laptop.api.join('diabetes');
    await eventually(
      async () =>
        (await laptop.db.memberships.findOne(`diabetes:${laptop.userId}`).exec())?.status ===
        'active',
      'membership',
    );
    const thread = await createThread(laptop.db, laptop, {
      communityId: 'diabetes',
      title: 'Pump or pens?',
      body: '.',
    });
    const reply = await createReply(laptop.db, laptop, thread, 'Pens for now');
    await eventually(
      () =>
        tablet.db.posts
          .findOne(reply.id)
          .exec()
          .then((d) => d ?? undefined),
      'reply on tablet',
    );

    await goOffline(proxyA, laptop);
    await goOffline(proxyB, tablet);
    const t0 = Date.now();
    // The newer edit is on the device that reconnects last: the server's (older) version must
    // not win just because it got there first.
    await editReply(tablet.db, reply.id, 'Pens, and a pump trial in spring', t0);
    await editReply(laptop.db, reply.id, 'Changed my mind: the pump', t0 + 5_000);

    proxyB.setDown(false);
    tablet.sync.syncNow();
    await eventually(
      async () =>
        (await tablet.db.outbox.findOne(reply.id).exec())?.state !== 'queued' || undefined,
      'tablet sent',
    );
    proxyA.setDown(false);
    laptop.sync.syncNow();

    for (const device of [laptop, tablet]) {
      await eventually(
        async () =>
          (await device.db.posts.findOne(reply.id).exec())?.body === 'Changed my mind: the pump',
        'the latest edit everywhere',
      );
    }
  });
});
