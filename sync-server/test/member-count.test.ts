/**
 * Every community carries its number of active members (`memberCount`), for everyone: a person
 * who has not joined (and so receives no memberships) sees it in the directory. The count moves
 * with every join, leave, approval and removal, and the community comes again through the
 * ordinary pull, from the checkpoint the reader already holds. A database written before the
 * count existed gets it filled in by the schema migration.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  call,
  joinCommunity,
  newModeration,
  pullAll,
  push,
  register,
  setRoleOf,
  startServer,
} from './helpers';
import { STORES, type StoreKind, type TestDatabase } from './stores';

type Pulled = { documents: { id: string; memberCount?: number }[]; checkpoint: unknown };

/** What a reader learns about a community since its checkpoint (null: nothing new). */
function countIn(pulled: Pulled, communityId: string): number | undefined | null {
  const community = pulled.documents.find((c) => c.id === communityId);
  return community ? community.memberCount : null;
}

describe.each(STORES)('member counts on the $kind store', (kind) => {
  let server: TestServer;
  let moderator: TestUser;
  let outsider: TestUser;
  /** where the outsider (never a member of anything) last pulled communities */
  let checkpoint: unknown;
  let counter = 0;

  beforeAll(async () => {
    server = await startServer({ kind });
    await addCommunity(server.store, 'count-open');
    await addCommunity(server.store, 'count-gated', { joinPolicy: 'approval' });
    moderator = await register(server, 'count-moderator');
    await setRoleOf(server, moderator, 'count-gated', 'moderator');
    outsider = await register(server, 'count-outsider');
  });
  afterAll(async () => {
    await server.close();
  });

  const newcomer = () => register(server, `count-newcomer-${++counter}`);

  /** The count the outsider's next pull brings for `communityId` (null: the pull brought none). */
  async function outsiderSees(communityId: string) {
    const pulled = (await pullAll(server, outsider, 'communities', checkpoint)) as Pulled;
    checkpoint = pulled.checkpoint;
    return countIn(pulled, communityId);
  }

  async function decide(doc: { id: string }, assumed: unknown = null) {
    const res = await push(server, moderator, 'moderation', [
      { assumedMasterState: assumed, newDocumentState: doc },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(res.refusals ?? []).toEqual([]);
  }

  it('a non-member sees the count go up on join and down on leave, through the ordinary pull', async () => {
    const first = (await pullAll(server, outsider, 'communities')) as Pulled;
    checkpoint = first.checkpoint;
    expect(countIn(first, 'count-gated')).toBe(1); // the moderator
    expect(countIn(first, 'count-open')).toBeUndefined(); // nobody has joined yet

    const ana = await newcomer();
    const bo = await newcomer();
    await joinCommunity(server, ana, 'count-open');
    expect(await outsiderSees('count-open')).toBe(1);
    await joinCommunity(server, bo, 'count-open');
    expect(await outsiderSees('count-open')).toBe(2);

    // Joining twice changes nothing: no new count, no new seq.
    await joinCommunity(server, bo, 'count-open');
    expect(await outsiderSees('count-open')).toBeNull();

    const left = await call(server, 'POST', '/communities/count-open/leave', { token: ana.token });
    expect(left.status).toBe(200);
    expect(await outsiderSees('count-open')).toBe(1);
    // Leaving again (already left) does not count twice.
    await call(server, 'POST', '/communities/count-open/leave', { token: ana.token });
    expect(await outsiderSees('count-open')).toBeNull();

    // The outsider still holds no membership of anyone: the count is all they know.
    expect((await pullAll(server, outsider, 'memberships')).documents).toEqual([]);
  });

  it('the person who joins receives the new count too, from the checkpoint they hold', async () => {
    const eli = await newcomer();
    const start = (await pullAll(server, eli, 'communities')) as Pulled;
    const was = countIn(start, 'count-open') ?? 0;
    await joinCommunity(server, eli, 'count-open');
    const after = (await pullAll(server, eli, 'communities', start.checkpoint)) as Pulled;
    expect(countIn(after, 'count-open')).toBe(was + 1);
    await call(server, 'POST', '/communities/count-open/leave', { token: eli.token });
    const left = (await pullAll(server, eli, 'communities', after.checkpoint)) as Pulled;
    expect(countIn(left, 'count-open')).toBe(was);
    await outsiderSees('count-open'); // keeps the outsider's checkpoint past these changes
  });

  it('a request counts once approved, and a removal takes the member off the count', async () => {
    const cleo = await newcomer();
    const before = await outsiderSees('count-gated');
    expect(before).toBeNull();

    const asked = await joinCommunity(server, cleo, 'count-gated');
    expect(asked.status).toBe('pending');
    expect(await outsiderSees('count-gated')).toBeNull(); // pending is not a member yet

    const target = `count-gated:${cleo.userId}`;
    const approval = newModeration(moderator, target, 'count-gated', 'approved');
    await decide(approval);
    expect(await outsiderSees('count-gated')).toBe(2);

    const removal = newModeration(moderator, target, 'count-gated', 'removed');
    removal.updatedAt = approval.updatedAt + 1;
    await decide(removal, approval);
    expect(await outsiderSees('count-gated')).toBe(1);

    // A removed member asking again stays out, and off the count.
    const again = await call(server, 'POST', '/communities/count-gated/join', {
      token: cleo.token,
    });
    expect(again.status).toBe(403);
    expect(await outsiderSees('count-gated')).toBeNull();
  });

  it("a join does not turn a partner's edit started earlier into an edit conflict", async () => {
    const stored = (await server.store.getDocument('communities', 'count-gated')) as {
      updatedAt: number;
    };
    const dee = await newcomer();
    await joinCommunity(server, dee, 'count-gated');
    await decide(newModeration(moderator, `count-gated:${dee.userId}`, 'count-gated', 'approved'));
    const edit = await call(server, 'PUT', '/communities/count-gated/partner-content', {
      token: moderator.token,
      body: { guidelines: 'Be kind.', baseUpdatedAt: stored.updatedAt },
    });
    expect(edit.status).toBe(200);
    // The edit keeps the count the server holds.
    expect(edit.body.community.memberCount).toBe(2);
  });
});

/** Takes a database back to how version 3 left it: no count on any community, version 3. */
async function backToVersion3(kind: StoreKind, database: TestDatabase) {
  if (kind.kind === 'sqlite') {
    const db = new Database(database.db);
    db.exec(`UPDATE documents SET body = json_remove(body, '$.memberCount')
               WHERE collection = 'communities';
             DELETE FROM schema_version WHERE version >= 4;`);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: database.db });
  await client.connect();
  try {
    await client.query(`UPDATE documents SET body = (body::jsonb - 'memberCount')::json
                          WHERE collection = 'communities';
                        DELETE FROM schema_version WHERE version >= 4;`);
  } finally {
    await client.end();
  }
}

describe.each(STORES)('the member-count migration on the $kind store', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await kind.createDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('fills in the count of existing communities and sends them again to readers', async () => {
    let server = await startServer({ kind, database });
    let checkpoint: unknown;
    let outsider: TestUser;
    try {
      await addCommunity(server.store, 'old-busy');
      await addCommunity(server.store, 'old-quiet');
      const members = [];
      for (const name of ['old-a', 'old-b', 'old-c']) members.push(await register(server, name));
      for (const m of members) await joinCommunity(server, m, 'old-busy');
      await call(server, 'POST', '/communities/old-busy/leave', { token: members[2]!.token });
      outsider = await register(server, 'old-outsider');
      checkpoint = (await pullAll(server, outsider, 'communities')).checkpoint;
    } finally {
      await server.close();
    }

    await backToVersion3(kind, database);
    server = await startServer({ kind, database });
    try {
      // The reader's old checkpoint is past both communities: only a new seq brings them again.
      const pulled = (await pullAll(server, outsider, 'communities', checkpoint)) as Pulled;
      expect(countIn(pulled, 'old-busy')).toBe(2);
      expect(countIn(pulled, 'old-quiet')).toBe(0);

      // From there on the server keeps the count.
      await joinCommunity(server, await register(server, 'old-d'), 'old-quiet');
      const next = (await pullAll(server, outsider, 'communities', pulled.checkpoint)) as Pulled;
      expect(countIn(next, 'old-quiet')).toBe(1);
      expect(countIn(next, 'old-busy')).toBeNull();
    } finally {
      await server.close();
    }
  });
});
