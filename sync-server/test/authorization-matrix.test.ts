/**
 * Who may read and write what: every collection against every role. The owner wrote the
 * fixture document (the moderator, for moderation; for reports, the owner reports a thread of
 * "other"); "other" is another active member of the community, "outsider" a signed-in user who
 * is not a member, "moderator" a moderator of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_COLLECTIONS } from '../../shared/collections';
import type { RefusalCode } from '../../shared/protocol';
import type { WireDoc } from '../../shared/schemas/common';
import { writeDocs } from '../sync/write';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  call,
  fresh,
  joinCommunity,
  newModeration,
  newPost,
  newReaction,
  newReport,
  newSealed,
  newThread,
  pullAll,
  push,
  register,
  setRoleOf,
  startServer,
} from './helpers';

type Role = 'owner' | 'other' | 'outsider' | 'moderator';
const ROLES: Role[] = ['owner', 'other', 'outsider', 'moderator'];

let server: TestServer;
const users = {} as Record<Role, TestUser>;
const fixtures = {} as Record<string, { id: string }>;

beforeAll(async () => {
  server = await startServer();
  await addCommunity(server.store, 'club');
  for (const role of ROLES) users[role] = await register(server, `matrix-${role}`);
  await joinCommunity(server, users.owner, 'club');
  await joinCommunity(server, users.other, 'club');
  await setRoleOf(server, users.moderator, 'club', 'moderator');
  const { owner, moderator } = users;

  const thread = newThread(owner, 'club');
  const post = newPost(owner, thread.id, 'club');
  const reaction = newReaction(owner, thread.id, 'club');
  const draft = newSealed(owner, {}, 'thread');
  const journal = newSealed(owner);
  for (const [collection, doc] of [
    ['threads', thread],
    ['posts', post],
    ['reactions', reaction],
    ['drafts', draft],
    ['journal', journal],
  ] as const) {
    const res = await push(server, owner, collection, [fresh(doc)]);
    expect(res.refusals, collection).toEqual([]);
    fixtures[collection] = doc;
  }
  const moderation = newModeration(moderator, thread.id, 'club', 'approved');
  expect((await push(server, moderator, 'moderation', [fresh(moderation)])).refusals).toEqual([]);
  fixtures.moderation = moderation;
  // A report about someone else's thread: its author ("other") must not see it.
  const othersThread = newThread(users.other, 'club');
  expect((await push(server, users.other, 'threads', [fresh(othersThread)])).refusals).toEqual([]);
  const report = newReport(owner, othersThread);
  expect((await push(server, owner, 'reports', [fresh(report)])).refusals).toEqual([]);
  fixtures.reports = report;
  await writeDocs(server.store, [
    {
      collection: 'therapies',
      doc: {
        id: 'matrix-therapy',
        updatedAt: Date.now(),
        name: 'Matrixumab',
        aliases: [],
        conditions: [],
        _deleted: false,
      } as WireDoc,
    },
  ]);
  for (const [collection, id] of [
    ['communities', 'club'],
    ['therapies', 'matrix-therapy'],
    ['memberships', `club:${owner.userId}`],
    ['profiles', owner.userId],
  ] as const) {
    fixtures[collection] = (await server.store.getDocument(collection, id))!;
  }
});
afterAll(async () => {
  await server.close();
});

/** Who sees the fixture of each collection in their pull. */
const SEES: Record<string, Role[]> = {
  communities: ROLES,
  therapies: ROLES,
  memberships: ['owner', 'other', 'moderator'],
  profiles: ['owner', 'other', 'moderator'],
  threads: ['owner', 'other', 'moderator'],
  posts: ['owner', 'other', 'moderator'],
  reactions: ['owner', 'other', 'moderator'],
  moderation: ['owner', 'other', 'moderator'],
  reports: ['owner', 'moderator'],
  drafts: ['owner'],
  journal: ['owner'],
};

/** Who may change the fixture, and what everyone else hears. */
const WRITES: Record<string, { allowed: Role | null; refusal: RefusalCode }> = {
  communities: { allowed: null, refusal: 'read-only-collection' },
  therapies: { allowed: null, refusal: 'read-only-collection' },
  memberships: { allowed: null, refusal: 'read-only-collection' },
  profiles: { allowed: 'owner', refusal: 'not-author' },
  threads: { allowed: 'owner', refusal: 'not-author' },
  posts: { allowed: 'owner', refusal: 'not-author' },
  reactions: { allowed: 'owner', refusal: 'not-author' },
  moderation: { allowed: 'moderator', refusal: 'read-only-collection' },
  // The change tried is a withdrawal; any other change is refused even to the reporter
  // (reports.test.ts).
  reports: { allowed: 'owner', refusal: 'not-author' },
  drafts: { allowed: 'owner', refusal: 'not-author' },
  journal: { allowed: 'owner', refusal: 'not-author' },
};

describe('the authorization matrix', () => {
  it('covers every served collection', () => {
    expect(Object.keys(SEES).sort()).toEqual([...SERVED_COLLECTIONS].sort());
  });

  it.each(SERVED_COLLECTIONS)('%s: each role pulls exactly what it may see', async (collection) => {
    for (const role of ROLES) {
      const ids = (await pullAll(server, users[role], collection)).documents.map((d) => d.id);
      const id = fixtures[collection]!.id;
      expect(ids.includes(id), `${role} sees ${collection}`).toBe(SEES[collection]!.includes(role));
    }
  });

  it.each(SERVED_COLLECTIONS)(
    '%s: only its writer may change it; the others are refused and it stays as it was',
    async (collection) => {
      const { allowed, refusal } = WRITES[collection]!;
      const order = [...ROLES.filter((r) => r !== allowed), ...(allowed ? [allowed] : [])];
      for (const role of order) {
        const stored = await server.store.getDocument(collection, fixtures[collection]!.id);
        const edited = { ...stored, updatedAt: Date.now(), ...editOf(collection) };
        const res = await push(server, users[role], collection, [
          { assumedMasterState: stored, newDocumentState: edited },
        ]);
        expect(res.status, role).toBe(200);
        expect(res.body, role).toEqual([]);
        const after = await server.store.getDocument(collection, stored!.id);
        if (role === allowed) {
          expect(res.refusals, role).toEqual([]);
          expect(after, role).toEqual(edited);
        } else {
          expect(res.refusals, role).toEqual([{ id: stored!.id, error: refusal }]);
          expect(after, role).toEqual(stored);
        }
      }
    },
  );

  it.each(SERVED_COLLECTIONS)('%s: anonymous pulls and pushes are 401', async (collection) => {
    const pull = await call(server, 'GET', `/sync/${collection}/pull`);
    expect(pull.status).toBe(401);
    const pushed = await call(server, 'POST', `/sync/${collection}/push`, { body: [] });
    expect(pushed.status).toBe(401);
  });
});

/** A field change that keeps each document valid. */
function editOf(collection: string): Record<string, unknown> {
  switch (collection) {
    case 'communities':
      return { name: 'Renamed' };
    case 'therapies':
      return { aliases: ['Other brand'] };
    case 'memberships':
      return { role: 'moderator' };
    case 'profiles':
      return { bio: 'edited' };
    case 'threads':
      return { title: 'Edited title' };
    case 'posts':
      return { body: 'Edited body' };
    case 'reactions':
    case 'reports':
      return { _deleted: true };
    case 'moderation':
      return { state: 'hidden', reason: 'off-topic' };
    default:
      return { ciphertext: 'ZWRpdGVk' };
  }
}
