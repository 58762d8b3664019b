/**
 * PUT /communities/:id/partner-content: partners and moderators edit the community's
 * guidelines, welcome message, pinned resources and crisis lines; nobody else can, links are
 * https only, every edit is audited, and every member receives it through the ordinary pull.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  call,
  joinCommunity,
  pullAll,
  register,
  setRoleOf,
  startServer,
} from './helpers';
import { STORES } from './stores';

const EDIT = {
  guidelines: 'Be kind. No medical advice.',
  welcomeMessage: 'Welcome! Start by **introducing yourself**.',
  pinnedResources: [
    { title: '  Treatment guide ', url: 'https://example.org/guide', description: 'PDF, 12 pages' },
    { title: 'Our helpline hours', url: 'https://example.org/hours', description: '' },
  ],
  crisisLines: [
    { region: 'Northland', name: 'Northland Support Line', contact: 'Call 0800 000 000' },
  ],
};

describe.each(STORES)('partner content on the $kind store', (kind) => {
  let server: TestServer;
  let partner: TestUser;
  let moderator: TestUser;
  let member: TestUser;
  let otherModerator: TestUser;
  beforeAll(async () => {
    server = await startServer({ kind });
    await addCommunity(server.store, 'club', { guidelines: 'Old rules' });
    await addCommunity(server.store, 'other');
    partner = await register(server, 'pc-partner');
    moderator = await register(server, 'pc-moderator');
    member = await register(server, 'pc-member');
    otherModerator = await register(server, 'pc-other-moderator');
    await setRoleOf(server, partner, 'club', 'partner');
    await setRoleOf(server, moderator, 'club', 'moderator');
    await joinCommunity(server, member, 'club');
    await setRoleOf(server, otherModerator, 'other', 'moderator');
  });
  afterAll(async () => {
    await server.close();
  });

  const put = (user: TestUser, communityId: string, body: unknown) =>
    call(server, 'PUT', `/communities/${communityId}/partner-content`, { token: user.token, body });

  it('a partner edits the guidelines, welcome message, pinned resources and crisis lines; members receive them with their next pull; the audit says who changed what', async () => {
    const start = await pullAll(server, member, 'communities');
    const res = await put(partner, 'club', EDIT);
    expect(res.status).toBe(200);
    const community = res.body.community;
    expect(community).toMatchObject({
      id: 'club',
      guidelines: EDIT.guidelines,
      welcomeMessage: EDIT.welcomeMessage,
      crisisLines: EDIT.crisisLines,
      pinnedResources: [
        {
          title: 'Treatment guide',
          url: 'https://example.org/guide',
          description: 'PDF, 12 pages',
        },
        { title: 'Our helpline hours', url: 'https://example.org/hours' },
      ],
    });
    expect(await server.store.getDocument('communities', 'club')).toEqual(community);
    const pulled = await pullAll(server, member, 'communities', start.checkpoint);
    expect(pulled.documents).toEqual([community]);

    const audit = await server.store.listAudit({ kind: 'partner-content' });
    expect(audit[0]).toMatchObject({
      userId: partner.userId,
      subject: 'club',
      detail: { role: 'partner', fields: 'guidelines,welcomeMessage,pinnedResources,crisisLines' },
    });
    // Ids and field names only: the text itself stays out of the audit table.
    expect(JSON.stringify(audit)).not.toContain('introducing yourself');
  });

  it('a moderator may edit too; a field left out is kept, an empty one is cleared', async () => {
    const res = await put(moderator, 'club', { welcomeMessage: '', pinnedResources: [] });
    expect(res.status).toBe(200);
    expect(res.body.community.welcomeMessage).toBeUndefined();
    expect(res.body.community.pinnedResources).toBeUndefined();
    expect(res.body.community.guidelines).toBe(EDIT.guidelines);
    expect(res.body.community.crisisLines).toEqual(EDIT.crisisLines);
  });

  it('answers 403 to a member and to the moderator of another community, 404 for an unknown community, and changes nothing', async () => {
    const before = await server.store.getDocument('communities', 'club');
    for (const user of [member, otherModerator]) {
      const res = await put(user, 'club', { guidelines: 'Mine now' });
      expect(res.status).toBe(403);
      expect(res.body.error).toBe('forbidden');
    }
    expect((await put(partner, 'nowhere', { guidelines: 'x' })).status).toBe(404);
    expect(await server.store.getDocument('communities', 'club')).toEqual(before);
    const unauthenticated = await call(server, 'PUT', '/communities/club/partner-content', {
      body: { guidelines: 'x' },
    });
    expect(unauthenticated.status).toBe(401);
  });

  it('refuses links that are not https, unknown fields and oversized text with 400', async () => {
    const before = await server.store.getDocument('communities', 'club');
    for (const url of [
      'http://example.org',
      'javascript:alert(1)',
      'https://user:pw@example.org',
      'not a url',
    ]) {
      const res = await put(partner, 'club', { pinnedResources: [{ title: 'Link', url }] });
      expect(res.status, url).toBe(400);
      expect(res.body.error).toBe('bad-request');
    }
    expect((await put(partner, 'club', { name: 'Renamed' })).status).toBe(400);
    expect((await put(partner, 'club', { guidelines: 'x'.repeat(5_001) })).status).toBe(400);
    expect((await put(partner, 'club', [])).status).toBe(400);
    expect(await server.store.getDocument('communities', 'club')).toEqual(before);
  });

  it('answers 409 when the edit was made from an older version, so a second editor loses nothing silently', async () => {
    const current = await server.store.getDocument('communities', 'club');
    const stale = await put(moderator, 'club', {
      guidelines: 'From an old copy',
      baseUpdatedAt: current!.updatedAt - 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('edit-conflict');
    const fresh = await put(moderator, 'club', {
      guidelines: 'From the latest copy',
      baseUpdatedAt: current!.updatedAt,
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.community.updatedAt).toBeGreaterThan(current!.updatedAt);
  });
});
