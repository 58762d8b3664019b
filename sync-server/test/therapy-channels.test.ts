/**
 * Following a therapy: threads shared to its page from every community that allows sharing,
 * and their replies, arrive through the ordinary pull from the checkpoint the reader holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  followTherapies,
  fresh,
  joinCommunity,
  newPost,
  newThread,
  pullAll,
  push,
  register,
  startServer,
} from './helpers';

let server: TestServer;
let author: TestUser;
beforeAll(async () => {
  server = await startServer();
  await addCommunity(server.store, 'lungs', { allowTherapySharing: true });
  await addCommunity(server.store, 'skin', { allowTherapySharing: true });
  await addCommunity(server.store, 'private', { allowTherapySharing: false });
  author = await register(server, 'therapy-author');
  for (const c of ['lungs', 'skin', 'private']) await joinCommunity(server, author, c);
});
afterAll(async () => {
  await server.close();
});

const ids = (docs: { id: string }[]) => docs.map((d) => d.id);

async function write<T extends { id: string }>(
  collection: string,
  doc: T,
  as = author,
): Promise<T> {
  const res = await push(server, as, collection, [fresh(doc)]);
  expect(res.refusals).toEqual([]);
  return doc;
}

describe('therapy channels', () => {
  it('following brings the shared threads of every community that allows it, with their replies, from the checkpoint already held', async () => {
    const shared = await write(
      'threads',
      newThread(author, 'lungs', { therapyIds: ['drug-a'], shareToTherapyPages: true }),
    );
    const reply = await write('posts', newPost(author, shared.id, 'lungs'));
    const otherCommunity = await write(
      'threads',
      newThread(author, 'skin', { therapyIds: ['drug-a', 'drug-b'], shareToTherapyPages: true }),
    );
    const notShared = await write(
      'threads',
      newThread(author, 'lungs', { therapyIds: ['drug-a'], shareToTherapyPages: false }),
    );
    const notAllowed = await write(
      'threads',
      newThread(author, 'private', { therapyIds: ['drug-a'], shareToTherapyPages: true }),
    );
    const otherDrug = await write(
      'threads',
      newThread(author, 'lungs', { therapyIds: ['drug-c'], shareToTherapyPages: true }),
    );

    const reader = await register(server);
    const before = await pullAll(server, reader, 'threads');
    const beforePosts = await pullAll(server, reader, 'posts');
    expect(before.documents).toEqual([]);

    await followTherapies(server, reader, ['drug-a']);
    const threads = await pullAll(server, reader, 'threads', before.checkpoint);
    expect(ids(threads.documents).sort()).toEqual([shared.id, otherCommunity.id].sort());
    for (const hidden of [notShared, notAllowed, otherDrug]) {
      expect(ids(threads.documents)).not.toContain(hidden.id);
    }
    const posts = await pullAll(server, reader, 'posts', beforePosts.checkpoint);
    expect(posts.documents).toEqual([reply]);

    // New replies keep coming; after unfollowing they stop; following again resumes.
    const second = await write('posts', newPost(author, shared.id, 'lungs'));
    const live = await pullAll(server, reader, 'posts', posts.checkpoint);
    expect(ids(live.documents)).toEqual([second.id]);
    await followTherapies(server, reader, []);
    const third = await write('posts', newPost(author, shared.id, 'lungs'));
    const stopped = await pullAll(server, reader, 'posts', live.checkpoint);
    expect(stopped.documents).toEqual([]);
    await followTherapies(server, reader, ['drug-a']);
    const resumed = await pullAll(server, reader, 'posts', stopped.checkpoint);
    expect(ids(resumed.documents)).toEqual([third.id]);
  });

  it("a thread the author later shares to a therapy brings its existing replies to that therapy's followers; unsharing stops its updates", async () => {
    const thread = await write(
      'threads',
      newThread(author, 'lungs', { therapyIds: [], shareToTherapyPages: false }),
    );
    const reply = await write('posts', newPost(author, thread.id, 'lungs'));
    const follower = await register(server);
    await followTherapies(server, follower, ['drug-z']);
    const t0 = await pullAll(server, follower, 'threads');
    const p0 = await pullAll(server, follower, 'posts');
    expect(ids(t0.documents)).not.toContain(thread.id);

    const sharedVersion = {
      ...thread,
      therapyIds: ['drug-z'],
      shareToTherapyPages: true,
      updatedAt: Date.now() + 1,
    };
    await push(server, author, 'threads', [
      { assumedMasterState: thread, newDocumentState: sharedVersion },
    ]);
    const t1 = await pullAll(server, follower, 'threads', t0.checkpoint);
    expect(t1.documents).toEqual([sharedVersion]);
    const p1 = await pullAll(server, follower, 'posts', p0.checkpoint);
    expect(p1.documents).toEqual([reply]);

    const unshared = { ...sharedVersion, shareToTherapyPages: false, updatedAt: Date.now() + 2 };
    await push(server, author, 'threads', [
      { assumedMasterState: sharedVersion, newDocumentState: unshared },
    ]);
    await write('posts', newPost(author, thread.id, 'lungs'));
    expect((await pullAll(server, follower, 'posts', p1.checkpoint)).documents).toEqual([]);
    // Members of the community still see everything.
    const member = await register(server);
    await joinCommunity(server, member, 'lungs');
    const memberThreads = (await pullAll(server, member, 'threads')).documents;
    expect(memberThreads.find((t) => t.id === thread.id)).toEqual(unshared);
  });

  it('refuses to follow more therapies than the profile schema allows', async () => {
    const reader = await register(server);
    await expect(
      followTherapies(
        server,
        reader,
        Array.from({ length: 201 }, (_, i) => `t${i}`),
      ),
    ).rejects.toThrow(/invalid/);
  });
});
