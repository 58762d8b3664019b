import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createReply, createThread, editReply, editThread, withdraw } from '../src/data/writes';
import { type FaultProxy, startFaultProxy } from './fault-proxy';
import {
  type TestClient,
  type TestServer,
  eventually,
  startClient,
  startTestServer,
} from './harness';

const THREAD_COLLECTIONS = ['memberships', 'threads', 'posts'] as const;

describe('the outbox: writing offline, sending exactly once', () => {
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

  async function member(name: string, community: string, viaProxy: boolean) {
    const c = await startClient(server.url, name, {
      collections: THREAD_COLLECTIONS,
      ...(viaProxy ? { via: proxy.url } : {}),
    });
    clients.push(c);
    await c.api.join(community);
    await eventually(
      async () =>
        (await c.db.memberships.findOne(`${community}:${c.userId}`).exec())?.status === 'active',
      `${name}'s membership`,
    );
    return c;
  }

  /** Ana starts a thread, and it is on Ben's device before the test goes on. */
  async function threadBenHas(
    ana: TestClient,
    ben: TestClient,
    communityId: string,
    title: string,
  ) {
    const thread = await createThread(ana.db, ana, { communityId, title, body: '?' });
    await eventually(
      () =>
        ben.db.threads
          .findOne(thread.id)
          .exec()
          .then((d) => d ?? undefined),
      'thread on Ben',
    );
    return thread;
  }

  async function serverThreads(reader: TestClient, title: string) {
    const page = await reader.api.pull<{ id: string; title: string }>('threads', undefined, 1000);
    return page.documents.filter((d) => d.title === title);
  }

  it('a thread and two replies written with no network wait on the device, then arrive once each', async () => {
    const ana = await member('Ana', 'caregivers', true);
    const ben = await member('Ben', 'caregivers', false);

    proxy.setDown(true);
    await eventually(
      () => ana.sync.getStatus().connection === 'offline',
      'Ana to notice she is offline',
    );

    const thread = await createThread(ana.db, ana, {
      communityId: 'caregivers',
      title: 'Written in the waiting room',
      body: 'No signal here at all.',
    });
    const first = await createReply(ana.db, ana, thread, 'First reply, still offline.');
    const second = await createReply(ana.db, ana, thread, 'Second reply, still offline.');
    const states = async () =>
      (await ana.db.outbox.findByIds([thread.id, first.id, second.id]).exec()).values();
    for (const item of await states()) expect(item.state).toBe('queued');

    proxy.setDown(false);
    ana.sync.syncNow(); // what the 'online' event or waking from sleep does
    await eventually(
      async () => [...(await states())].every((i) => i.state === 'sent'),
      'all three sent',
    );

    await eventually(
      () =>
        ben.db.posts
          .findOne(second.id)
          .exec()
          .then((d) => d ?? undefined),
      'replies on Ben',
    );
    expect(await serverThreads(ben, 'Written in the waiting room')).toHaveLength(1);
    const replies = await ben.db.posts.find({ selector: { threadId: thread.id } }).exec();
    expect(replies.map((r) => r.body).sort()).toEqual([
      'First reply, still offline.',
      'Second reply, still offline.',
    ]);
  });

  it('replies written offline wait for their thread when its upload is slow, and none is refused', async () => {
    const ana = await member('Ana', 'melanoma', true);
    proxy.setDown(true);
    await eventually(() => ana.sync.getStatus().connection === 'offline', 'Ana offline');
    const thread = await createThread(ana.db, ana, {
      communityId: 'melanoma',
      title: 'Slow upload from the ward',
      body: 'The thread goes first.',
    });
    const reply = await createReply(ana.db, ana, thread, 'And this reply after it.');

    // Back online, but the thread's upload is stuck: the reply must not overtake it.
    const isThreadPush = (method: string, path: string) =>
      method === 'POST' && path === '/api/v1/sync/threads/push';
    const release = proxy.hold(isThreadPush);
    const postPushes = () =>
      proxy.forwarded.filter((r) => r === 'POST /api/v1/sync/posts/push').length;
    const before = postPushes();
    proxy.setDown(false);
    ana.sync.syncNow();
    await eventually(() => ana.sync.getStatus().connection === 'online', 'Ana online');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(postPushes()).toBe(before);
    expect((await ana.db.outbox.findOne(reply.id).exec())?.state).toBe('queued');

    release();
    await eventually(
      async () =>
        [...(await ana.db.outbox.findByIds([thread.id, reply.id]).exec()).values()].every(
          (i) => i.state === 'sent',
        ),
      'thread and reply sent',
      20_000,
    );
    expect(ana.sync.getStatus().refusals).toEqual([]);
    expect(await ana.db.posts.findOne(reply.id).exec()).not.toBeNull();
    const onServer = await ana.api.pull<{ id: string }>('posts', undefined, 1000);
    expect(onServer.documents.filter((d) => d.id === reply.id)).toHaveLength(1);
  });

  it('a burst of replies in a busy thread reaches a watching member in a few pulls, not one per reply', async () => {
    const ana = await member('Ana', 'lung-cancer', false);
    const ben = await member('Ben', 'lung-cancer', true);
    const thread = await createThread(ana.db, ana, {
      communityId: 'lung-cancer',
      title: 'Busy evening',
      body: 'Everyone is here.',
    });
    await eventually(
      async () => (await ben.db.threads.findOne(thread.id).exec()) ?? undefined,
      'the thread on Ben',
    );
    const pulls = () => proxy.forwarded.filter((r) => r === 'GET /api/v1/sync/posts/pull').length;
    const before = pulls();
    const started = Date.now();
    const burst = 30;
    for (let i = 0; i < burst; i += 1) {
      const reply = {
        id: crypto.randomUUID(),
        threadId: thread.id,
        communityId: 'lung-cancer',
        authorId: ana.userId,
        body: `Reply ${i} of the burst.`,
        createdAt: Date.now(),
        updatedAt: Date.now(),
        _deleted: false,
      };
      await ana.api.push('posts', [{ assumedMasterState: null, newDocumentState: reply }]);
      await new Promise((resolve) => setTimeout(resolve, 50)); // members typing, not a script
    }
    await eventually(
      async () =>
        (await ben.db.posts.count({ selector: { threadId: thread.id } }).exec()) === burst,
      'every reply of the burst on Ben',
    );
    // One pull at the first event, then at most one per half second while events keep coming.
    const windows = Math.ceil((Date.now() - started) / 500);
    expect(pulls() - before).toBeLessThanOrEqual(windows + 2);
    expect(pulls() - before).toBeLessThan(burst);
  });

  it('a push whose answer is lost after the server stored it is sent again and stored once', async () => {
    const ana = await member('Ana', 'arthritis', true);
    const before = proxy.forwarded.filter((r) => r === 'POST /api/v1/sync/threads/push').length;
    proxy.loseAnswers(
      (method, path) => method === 'POST' && path === '/api/v1/sync/threads/push',
      1,
    );

    const thread = await createThread(ana.db, ana, {
      communityId: 'arthritis',
      title: 'Answer lost on the way back',
      body: 'Did it arrive?',
    });
    await eventually(
      async () => (await ana.db.outbox.findOne(thread.id).exec())?.state === 'sent',
      'the thread to be sent after the lost answer',
      20_000,
    );
    const pushes =
      proxy.forwarded.filter((r) => r === 'POST /api/v1/sync/threads/push').length - before;
    expect(pushes).toBeGreaterThanOrEqual(2); // the lost one and the replay
    expect(await serverThreads(ana, 'Answer lost on the way back')).toHaveLength(1);
  });

  it('a push whose answer never comes is given up on after its timeout and ends sent once, not stuck sending', async () => {
    const ana = await member('Ana', 'caregivers', true);
    // Seconds instead of a minute: what matters is that there is a deadline at all.
    ana.api.timeouts = { ...ana.api.timeouts, pushBaseMs: 2_000 };
    const isThreadPush = (method: string, path: string) =>
      method === 'POST' && path === '/api/v1/sync/threads/push';
    const pushes = () =>
      proxy.forwarded.filter((r) => r === 'POST /api/v1/sync/threads/push').length;
    const before = pushes();
    proxy.stallAnswers(isThreadPush, 1);

    const title = 'Stored, but the answer never came';
    const thread = await createThread(ana.db, ana, {
      communityId: 'caregivers',
      title,
      body: 'The hospital wifi hangs halfway.',
    });
    // The server has it, and Ana's device is still waiting for the answer.
    await eventually(
      async () => (await serverThreads(ana, title)).length === 1,
      'the server to store the thread',
    );
    expect((await ana.db.outbox.findOne(thread.id).exec())?.state).toBe('sending');

    await eventually(
      async () => (await ana.db.outbox.findOne(thread.id).exec())?.state === 'sent',
      'the thread to be sent after the stalled answer',
      20_000,
    );
    expect(pushes() - before).toBeGreaterThanOrEqual(2); // the stalled one and the replay
    expect(await serverThreads(ana, title)).toHaveLength(1);
  });

  it('a post left "sending" by a push that was abandoned is sent again by the watchdog, once', async () => {
    const ana = await member('Ana', 'arthritis', true);
    const title = 'Sending when the app was closed';
    const thread = await createThread(ana.db, ana, {
      communityId: 'arthritis',
      title,
      body: 'Closed the laptop mid-push.',
    });
    const outboxItem = () => ana.db.outbox.findOne(thread.id).exec();
    await eventually(async () => (await outboxItem())?.state === 'sent', 'the thread sent');
    // What an app closed in the middle of a push leaves behind: "sending", long ago, for a row
    // RxDB has no reason to push again.
    await (
      await outboxItem()
    )?.incrementalPatch({
      state: 'sending',
      updatedAt: Date.now() - 10 * 60_000,
    });

    await eventually(
      async () => (await outboxItem())?.state === 'sent',
      'the watchdog to send it again',
      20_000,
    );
    expect(await serverThreads(ana, title)).toHaveLength(1);
  });

  it('a reply can be edited or withdrawn while it waits, and only the final state is sent', async () => {
    const ana = await member('Ana', 'diabetes', true);
    const ben = await member('Ben', 'diabetes', false);
    const thread = await threadBenHas(ana, ben, 'diabetes', 'Sensor tips');

    // Everything Ben's device ever receives, to prove the taken-back words never reach him.
    const seenByBen: string[] = [];
    const watch = ben.db.posts.$.subscribe((event) =>
      seenByBen.push((event.documentData as { body: string }).body),
    );

    proxy.setDown(true);
    await eventually(() => ana.sync.getStatus().connection === 'offline', 'offline');
    const kept = await createReply(ana.db, ana, thread, 'First version');
    await editReply(ana.db, kept.id, 'Second, better version');
    const dropped = await createReply(ana.db, ana, thread, 'On second thoughts, no');
    await withdraw(ana.db, 'posts', dropped.id);
    expect(await ana.db.outbox.findOne(dropped.id).exec()).toBeNull();

    proxy.setDown(false);
    ana.sync.syncNow();
    const onBen = await eventually(
      () =>
        ben.db.posts
          .findOne(kept.id)
          .exec()
          .then((d) => d ?? undefined),
      'the edited reply on Ben',
    );
    expect(onBen.body).toBe('Second, better version');
    expect(await ben.db.posts.findOne(dropped.id).exec()).toBeNull();
    watch.unsubscribe();
    expect(seenByBen).not.toContain('First version');
    expect(seenByBen).not.toContain('On second thoughts, no');
  });

  /**
   * Everything a device holds of a document, its tombstone included (a query never returns
   * deleted documents, so the storage is asked directly), as text to search for words in.
   */
  async function heldOnDevice(client: TestClient, collection: 'threads' | 'posts', id: string) {
    const rows = await client.db.collections[collection].storageInstance.findDocumentsById(
      [id],
      true,
    );
    return JSON.stringify(rows);
  }

  /** What the server hands any reader of the community, tombstones included. */
  async function onServer(reader: TestClient, collection: 'threads' | 'posts', id: string) {
    const page = await reader.api.pull<{ id: string; _deleted?: boolean }>(
      collection,
      undefined,
      1000,
    );
    return page.documents.find((d) => d.id === id);
  }

  it('a thread can be edited or withdrawn while it waits, and only the final state is sent', async () => {
    const ana = await member('Ana', 'melanoma', true);
    const ben = await member('Ben', 'melanoma', false);
    const seenByBen: string[] = [];
    const watch = ben.db.threads.$.subscribe((event) =>
      seenByBen.push(JSON.stringify(event.documentData)),
    );

    proxy.setDown(true);
    await eventually(() => ana.sync.getStatus().connection === 'offline', 'offline');
    const kept = await createThread(ana.db, ana, {
      communityId: 'melanoma',
      title: 'Dialysis at home: first draft title',
      body: 'A first, clumsy body',
    });
    await editThread(ana.db, kept.id, {
      title: '  Dialysis at home  ',
      body: 'What helped us in the first month',
    });
    expect((await ana.db.outbox.findOne(kept.id).exec())?.preview).toBe('Dialysis at home');
    const dropped = await createThread(ana.db, ana, {
      communityId: 'melanoma',
      title: 'Angry about the night nurse',
      body: 'Words I would regret in the morning',
    });
    await withdraw(ana.db, 'threads', dropped.id);
    expect(await ana.db.outbox.findOne(dropped.id).exec()).toBeNull();
    expect(await ana.db.threads.findOne(dropped.id).exec()).toBeNull();

    proxy.setDown(false);
    ana.sync.syncNow();
    const onBen = await eventually(
      () =>
        ben.db.threads
          .findOne(kept.id)
          .exec()
          .then((d) => d ?? undefined),
      'the edited thread on Ben',
    );
    expect(onBen.title).toBe('Dialysis at home');
    expect(onBen.body).toBe('What helped us in the first month');
    // The withdrawn thread's tombstone has reached the server: nothing more is coming.
    await eventually(
      async () => (await onServer(ana, 'threads', dropped.id))?._deleted === true,
      'the withdrawal on the server',
    );
    ben.sync.syncNow();
    await eventually(
      async () => (await onServer(ben, 'threads', kept.id)) !== undefined,
      'Ben to have pulled',
    );
    watch.unsubscribe();
    const everything = [
      ...seenByBen,
      await heldOnDevice(ben, 'threads', kept.id),
      await heldOnDevice(ben, 'threads', dropped.id),
      JSON.stringify((await onServer(ben, 'threads', dropped.id)) ?? null),
    ].join('\n');
    expect(everything).not.toContain('first draft title');
    expect(everything).not.toContain('clumsy');
    expect(everything).not.toContain('night nurse');
    expect(everything).not.toContain('regret');
  });

  it('withdrawn words never reach the other member, not even in the tombstone', async () => {
    const ana = await member('Ana', 'arthritis', true);
    const ben = await member('Ben', 'arthritis', false);
    const thread = await threadBenHas(ana, ben, 'arthritis', 'Evenings');

    proxy.setDown(true);
    await eventually(() => ana.sync.getStatus().connection === 'offline', 'offline');
    const reply = await createReply(ana.db, ana, thread, 'Something too private to share');
    await withdraw(ana.db, 'posts', reply.id);
    proxy.setDown(false);
    ana.sync.syncNow();

    // The withdrawal is pushed all the same (RxDB sends the latest state of every change) and
    // handed to every reader of the community: as a tombstone with no text in it.
    const tombstone = await eventually(
      () => onServer(ben, 'posts', reply.id),
      'the tombstone on the server',
    );
    expect(tombstone._deleted).toBe(true);
    expect(JSON.stringify(tombstone)).not.toContain('too private');
    ben.sync.syncNow();
    await eventually(
      async () => (await heldOnDevice(ben, 'posts', reply.id)) !== '[]',
      'the tombstone on Ben’s device',
    );
    expect(await heldOnDevice(ben, 'posts', reply.id)).not.toContain('too private');
  });
});

describe('a server restart in the middle of writing', () => {
  it('loses nothing: replies written while it is down arrive once it is back', async () => {
    let server = await startTestServer();
    const proxy = await startFaultProxy(server.url);
    const ana = await startClient(server.url, 'Ana', {
      collections: THREAD_COLLECTIONS,
      via: proxy.url,
    });
    try {
      await ana.api.join('caregivers');
      const thread = await createThread(ana.db, ana, {
        communityId: 'caregivers',
        title: 'Before the restart',
        body: '.',
      });
      await eventually(
        async () => (await ana.db.outbox.findOne(thread.id).exec())?.state === 'sent',
        'thread sent',
      );

      const file = server.file;
      await server.close({ keepFile: true });
      const during = await createReply(ana.db, ana, thread, 'Written while the server was down');
      server = await startTestServer({ file });
      proxy.target = server.url;
      ana.sync.syncNow();

      await eventually(
        async () => (await ana.db.outbox.findOne(during.id).exec())?.state === 'sent',
        'reply sent',
        20_000,
      );
      const posts = await ana.api.pull<{ id: string; body: string }>('posts', undefined, 1000);
      expect(posts.documents.filter((p) => p.id === during.id)).toHaveLength(1);
      const threads = await ana.api.pull<{ id: string }>('threads', undefined, 1000);
      expect(threads.documents.filter((t) => t.id === thread.id)).toHaveLength(1);
    } finally {
      await ana.close();
      await proxy.close();
      await server.close();
    }
  });
});
