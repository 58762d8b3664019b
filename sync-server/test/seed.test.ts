import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWireDoc } from '../../shared/validation';
import { seedDemo } from '../seed/demo';
import {
  type TestServer,
  call,
  followTherapies,
  joinCommunity,
  pullAll,
  register,
  startServer,
} from './helpers';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  await seedDemo(server.store);
});
afterAll(async () => {
  await server.close();
});

describe('the demo seed', () => {
  it('offers the communities of the article, with lung cancer open to join', async () => {
    const user = await register(server);
    const { documents } = await pullAll(server, user, 'communities');
    expect(documents.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'lung-cancer',
        'melanoma',
        'arthritis',
        'diabetes',
        'caregivers',
        'acinic-cell-carcinoma',
        'ehlers-danlos',
        'lgbt-caregivers',
      ]),
    );
    for (const c of documents) expect(validateWireDoc('communities', c)).toEqual({ ok: true });
    expect(documents.find((c) => c.id === 'lung-cancer')).toMatchObject({
      joinPolicy: 'open',
      allowTherapySharing: true,
    });
    expect(new Set(documents.map((c) => c.joinPolicy))).toEqual(new Set(['open', 'approval']));
    expect(documents.some((c) => c.premoderation)).toBe(true);
  });

  it('stores the therapy catalog: at least 60 valid therapies with brand names and conditions', async () => {
    const user = await register(server);
    const { documents } = await pullAll(server, user, 'therapies');
    expect(documents.length).toBeGreaterThanOrEqual(60);
    for (const t of documents) expect(validateWireDoc('therapies', t)).toEqual({ ok: true });
    const keytruda = documents.find((t) => t.id === 'pembrolizumab');
    expect(keytruda).toMatchObject({ name: 'Pembrolizumab', aliases: ['Keytruda'] });
    expect(keytruda.conditions).toEqual(
      expect.arrayContaining(['melanoma', 'non-small-cell-lung-cancer']),
    );
  });

  it('shows a melanoma patient who follows pembrolizumab the lung-cancer thread shared to its page, with its replies, and no other lung-cancer thread', async () => {
    const reader = await register(server);
    await joinCommunity(server, reader, 'melanoma');
    const before = await pullAll(server, reader, 'threads');
    expect(before.documents.every((t) => t.communityId === 'melanoma')).toBe(true);
    await followTherapies(server, reader, ['pembrolizumab']);
    const threads = (await pullAll(server, reader, 'threads', before.checkpoint)).documents;
    expect(threads.map((t) => t.id)).toEqual(['demo-thread-pembrolizumab-first-months']);
    expect(threads[0]).toMatchObject({ communityId: 'lung-cancer', shareToTherapyPages: true });
    const posts = (await pullAll(server, reader, 'posts')).documents;
    expect(
      posts.filter((p) => p.threadId === 'demo-thread-pembrolizumab-first-months'),
    ).toHaveLength(2);
    // The scanxiety thread names pembrolizumab too, but was not shared to therapy pages.
    expect(posts.some((p) => p.threadId === 'demo-thread-scanxiety')).toBe(false);
  });

  it('gives a new member of lung cancer its conversations, every one valid', async () => {
    const user = await register(server);
    await joinCommunity(server, user, 'lung-cancer');
    const threads = (await pullAll(server, user, 'threads')).documents;
    const posts = (await pullAll(server, user, 'posts')).documents;
    expect(threads.length).toBeGreaterThanOrEqual(2);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(threads.every((t) => t.communityId === 'lung-cancer' && t.authorName)).toBe(true);
    for (const t of threads) expect(validateWireDoc('threads', t)).toEqual({ ok: true });
    for (const p of posts) expect(validateWireDoc('posts', p)).toEqual({ ok: true });
    const memberships = (await pullAll(server, user, 'memberships')).documents;
    for (const m of memberships) expect(validateWireDoc('memberships', m)).toEqual({ ok: true });
  });

  it('leaves the demo members unable to sign in with a guessable password', async () => {
    const res = await call(server, 'POST', '/auth/login', {
      body: { username: 'demo.rosa', password: 'password' },
    });
    expect(res.status).toBe(401);
  });
});
