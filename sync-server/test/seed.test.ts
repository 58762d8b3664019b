import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWireDoc } from '../../shared/validation';
import { seedDemo } from '../seed/demo';
import { type TestServer, call, joinCommunity, pullAll, register, startServer } from './helpers';

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

  it('stores a valid therapy catalog', async () => {
    const keytruda = await server.store.getDocument('therapies', 'pembrolizumab');
    expect(keytruda).toMatchObject({
      name: 'Pembrolizumab',
      aliases: ['Keytruda'],
      conditions: ['lung-cancer', 'melanoma'],
    });
    expect(validateWireDoc('therapies', keytruda)).toEqual({ ok: true });
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
