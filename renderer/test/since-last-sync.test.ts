import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Post } from '../../shared/schemas/posts';
import type { Thread } from '../../shared/schemas/threads';
import { createReply, createThread } from '../src/data/writes';
import { sinceLastSyncRows } from '../src/ui/since-last-sync';
import { type FaultProxy, startFaultProxy } from './fault-proxy';
import {
  type TestClient,
  type TestServer,
  eventually,
  startCommunityMember,
  startTestServer,
} from './harness';

const COLLECTIONS = ['communities', 'memberships', 'threads', 'posts'] as const;

/** What Ana's "Since your last sync" page lists right now, as [title, new thread?, new replies]. */
async function sinceView(client: TestClient): Promise<Array<[string, boolean, number]>> {
  const since = client.sync.getStatus().previousSyncAt ?? 0;
  const json = <T>(docs: Array<{ toJSON(): unknown }>) => docs.map((d) => d.toJSON() as T);
  const threads = json<Thread>(await client.db.threads.find().exec());
  const posts = json<Post>(
    await client.db.posts.find({ selector: { createdAt: { $gt: since } } }).exec(),
  );
  const memberships = await client.db.memberships
    .find({ selector: { userId: client.userId, status: 'active' } })
    .exec();
  return sinceLastSyncRows({
    threads,
    posts,
    since,
    userId: client.userId,
    communityIds: memberships.map((m) => m.communityId),
    followedTherapyIds: [],
  }).map((row) => [row.thread.title, row.isNew, row.replies]);
}

/** Until the device has pulled after `time`: everything written before it is on the device. */
async function syncedAfter(client: TestClient, time: number) {
  client.sync.syncNow();
  await eventually(() => (client.sync.getStatus().lastSyncedAt ?? 0) > time, 'a sync after that');
}

async function receives(client: TestClient, ids: string[]) {
  await eventually(async () => {
    const [threads, posts] = await Promise.all([
      client.db.threads.findByIds(ids).exec(),
      client.db.posts.findByIds(ids).exec(),
    ]);
    return threads.size + posts.size === ids.length;
  }, `${ids.length} documents on ${client.displayName}'s device`);
}

describe('"Since your last sync" after time offline with the app open', () => {
  let server: TestServer;
  let proxy: FaultProxy;
  let ana: TestClient;
  let ben: TestClient;

  beforeAll(async () => {
    server = await startTestServer();
    proxy = await startFaultProxy(server.url);
    ana = await startCommunityMember(server, 'Ana', {
      communityId: 'diabetes',
      collections: COLLECTIONS,
      via: proxy.url,
    });
    ben = await startCommunityMember(server, 'Ben', {
      communityId: 'diabetes',
      collections: COLLECTIONS,
    });
  });
  afterAll(async () => {
    await ana?.close();
    await ben?.close();
    await proxy.close();
    await server.close();
  });

  it('lists what others wrote while she was away, new threads first, then the busiest, never her own posts', async () => {
    const community = { communityId: 'diabetes', body: '.' };
    const olderA = await createThread(ben.db, ben, { ...community, title: 'Older A' });
    const olderB = await createThread(ben.db, ben, { ...community, title: 'Older B' });
    const olderC = await createThread(ben.db, ben, { ...community, title: 'Older C' });
    await receives(ana, [olderA.id, olderB.id, olderC.id]);
    await syncedAfter(ana, olderC.createdAt);

    // Ana looks at the page, then loses the network and looks again while offline: neither
    // look may hide what Ben writes meanwhile, which reaches her only when she is back.
    ana.sync.markSinceLastSyncSeen();
    expect(await sinceView(ana)).toEqual([]);
    proxy.setDown(true);
    await eventually(() => ana.sync.getStatus().connection === 'offline', 'Ana offline');

    const quiet = await createThread(ben.db, ben, { ...community, title: 'New, quiet' });
    const busy = await createThread(ben.db, ben, { ...community, title: 'New, busy' });
    const written = [
      quiet.id,
      busy.id,
      (await createReply(ben.db, ben, busy, 'First!')).id,
      (await createReply(ben.db, ben, olderA, 'Reply 1 to A')).id,
      (await createReply(ben.db, ben, olderA, 'Reply 2 to A')).id,
      (await createReply(ben.db, ben, olderB, 'Reply to B')).id,
    ];
    await eventually(async () => (await ben.sync.awaitInSync(), true), 'Ben sent it all');
    await createThread(ana.db, ana, { ...community, title: 'Ana asks, offline' });
    await createReply(ana.db, ana, olderA, 'Ana replies to A');
    await createReply(ana.db, ana, olderC, 'Ana replies to C');
    ana.sync.markSinceLastSyncSeen();

    proxy.setDown(false);
    ana.sync.syncNow();
    await receives(ana, written);

    expect(await sinceView(ana)).toEqual([
      ['New, busy', true, 1],
      ['New, quiet', true, 0],
      ['Older A', false, 2],
      ['Older B', false, 1],
    ]);
  });

  it('counts from her last look once she has seen the page', async () => {
    const [olderB] = await ben.db.threads.find({ selector: { title: 'Older B' } }).exec();
    await syncedAfter(ana, Date.now());
    ana.sync.markSinceLastSyncSeen();
    expect(await sinceView(ana)).toEqual([]);

    const later = await createReply(ben.db, ben, olderB!.toJSON() as Thread, 'Later');
    await receives(ana, [later.id]);
    expect(await sinceView(ana)).toEqual([['Older B', false, 1]]);
  });
});
