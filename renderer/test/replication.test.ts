import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../shared/collections';
import { loadDraft } from '../src/data/drafts';
import { createReply, createThread } from '../src/data/writes';
import {
  type TestClient,
  type TestServer,
  eventually,
  startClient,
  startTestServer,
} from './harness';

describe('replication between two members and the sync server', () => {
  let server: TestServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
  });
  afterAll(async () => {
    await server.close();
  });

  async function client(name: string, collections?: CollectionName[]) {
    const c = await startClient(server.url, name, collections ? { collections } : {});
    clients.push(c);
    return c;
  }

  it('a new member receives the community directory on the first sync', async () => {
    const ana = await client('Ana');
    const communities = await eventually(async () => {
      const docs = await ana.db.communities.find().exec();
      return docs.length >= 8 ? docs : undefined;
    }, 'the demo communities');
    expect(communities.map((c) => c.slug)).toContain('lung-cancer');
  });

  it('joining a community brings its history, and a thread written by one member reaches the other live', async () => {
    const ana = await client('Ana');
    const ben = await client('Ben');
    await ana.api.join('lung-cancer');
    await ben.api.join('lung-cancer');

    // The demo history arrives through the ordinary pull after the join.
    await eventually(
      async () =>
        (await ben.db.threads.find({ selector: { communityId: 'lung-cancer' } }).exec()).length > 0,
      'lung-cancer history on Ben',
    );
    await eventually(
      async () =>
        (await ana.db.memberships.findOne(`lung-cancer:${ana.userId}`).exec())?.status === 'active',
      'Ana active membership synced',
    );

    const thread = await createThread(ana.db, ana, {
      communityId: 'lung-cancer',
      title: 'Questions to ask at the first oncology visit',
      body: 'What did you wish you had asked?',
    });
    const onBen = await eventually(
      () =>
        ben.db.threads
          .findOne(thread.id)
          .exec()
          .then((d) => d ?? undefined),
      'thread on Ben',
    );
    expect(onBen.toJSON()).toMatchObject({
      title: thread.title,
      body: thread.body,
      authorId: ana.userId,
    });

    const reply = await createReply(ben.db, ben, thread, 'Ask who to call at night.');
    const onAna = await eventually(
      () =>
        ana.db.posts
          .findOne(reply.id)
          .exec()
          .then((d) => d ?? undefined),
      'reply on Ana',
    );
    expect(onAna.body).toBe('Ask who to call at night.');
  });

  it('a first sync of thousands of replies arrives whole while the page size adapts', async () => {
    const ana = await client('Ana', ['memberships', 'threads', 'posts']);
    await ana.api.join('arthritis');
    const thread = await createThread(ana.db, ana, {
      communityId: 'arthritis',
      title: 'A very long conversation',
      body: 'Years of it.',
    });
    await eventually(
      async () => (await ana.db.outbox.findOne(thread.id).exec())?.state === 'sent',
      'the thread on the server',
    );
    const total = 2_500;
    const base = Date.now() - total;
    for (let start = 0; start < total; start += 100) {
      const rows = Array.from({ length: 100 }, (_, i) => ({
        assumedMasterState: null,
        newDocumentState: {
          id: `bulk-${start + i}`,
          threadId: thread.id,
          communityId: 'arthritis',
          authorId: ana.userId,
          body: `Reply number ${start + i}.`,
          createdAt: base + start + i,
          updatedAt: base + start + i,
          _deleted: false,
        },
      }));
      const { refusals } = await ana.api.push('posts', rows);
      expect(refusals).toEqual([]);
    }

    const ben = await client('Ben', ['memberships', 'threads', 'posts']);
    await ben.api.join('arthritis');
    await eventually(
      async () =>
        (await ben.db.posts.count({ selector: { threadId: thread.id } }).exec()) === total,
      `all ${total} replies on Ben`,
      30_000,
    );
  });

  it('a member who has not joined never receives the community threads', async () => {
    const ana = await client('Ana');
    const carl = await client('Carl');
    await ana.api.join('melanoma');
    const thread = await createThread(ana.db, ana, {
      communityId: 'melanoma',
      title: 'Sunscreen after surgery',
      body: 'Which one do you use?',
    });
    await eventually(
      async () =>
        (await ana.api.pull<{ id: string }>('threads', undefined, 1000)).documents.some(
          (d) => d.id === thread.id,
        ),
      'thread stored on the server',
    );
    await carl.sync.awaitInSync();
    expect(
      await carl.db.threads.find({ selector: { communityId: 'melanoma' } }).exec(),
    ).toHaveLength(0);
  });

  it('a thread refused by the server comes back as a draft with the reason, and later writes still go out', async () => {
    const dana = await client('Dana', ['memberships', 'threads', 'posts', 'drafts']);
    const refused = await createThread(dana.db, dana, {
      communityId: 'diabetes',
      title: 'Not a member here',
      body: 'My sugar readings after the new insulin',
    });
    const item = await eventually(async () => {
      const found = await dana.db.outbox.findOne(refused.id).exec();
      return found?.state === 'refused' ? found : undefined;
    }, 'the outbox item to be refused');
    expect(item.refusal).toBe('not-member');
    expect(dana.sync.getStatus().refusals).toContainEqual(
      expect.objectContaining({ id: refused.id, error: 'not-member' }),
    );

    // The text is back in a draft the user can fix, and the thread no longer looks published.
    const draft = await loadDraft(dana.db, dana.sealingKey, item.draftId!);
    expect(draft).toEqual({
      title: 'Not a member here',
      body: 'My sugar readings after the new insulin',
    });
    await eventually(
      async () => (await dana.db.threads.findOne(refused.id).exec()) === null,
      'the refused thread taken off the device',
    );

    await dana.api.join('arthritis');
    const ok = await createThread(dana.db, dana, {
      communityId: 'arthritis',
      title: 'Morning stiffness',
      body: 'Tips?',
    });
    await eventually(
      async () => (await dana.db.outbox.findOne(ok.id).exec())?.state === 'sent',
      'the later thread sent',
    );
    const onServer = await dana.api.pull<{ id: string }>('threads', undefined, 1000);
    expect(onServer.documents.map((d) => d.id)).toContain(ok.id);
    expect(onServer.documents.map((d) => d.id)).not.toContain(refused.id);
  });
});
