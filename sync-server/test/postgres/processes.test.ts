/**
 * Two real server processes on one PostgreSQL database, started together on an empty one:
 * the schema is created and the demo seeded once, health reports the store, a post through
 * one process reaches a stream on the other within a second, and SIGTERM still exits 0.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVED_COLLECTIONS } from '../../../shared/collections';
import { call, fresh, joinCommunity, newThread, pullAll, push, register } from '../helpers';
import { type Run, run, urlOf } from '../processes';
import { openStream } from '../sse';
import { type TestDatabase, describePostgres } from '../stores';

describePostgres('two server processes on one $kind database', (kind) => {
  let database: TestDatabase;
  let procs: Run[] = [];
  let urls: { url: string }[];
  beforeAll(async () => {
    database = await kind.createDatabase();
    procs = [0, 1].map(() => run(['--port', '0', '--db', database.db, '--seed', 'demo']));
    urls = await Promise.all(procs.map(async (p) => ({ url: await urlOf(p) })));
  });
  afterAll(async () => {
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await database?.drop();
  });

  it('reports the store, seeds once, fans a post out to the other process, and exits 0 on SIGTERM', async () => {
    const [a, b] = urls as [{ url: string }, { url: string }];
    expect((await call(a, 'GET', '/health')).body).toEqual({ ok: true, store: 'postgres' });
    expect(procs[0]!.stdout()).toMatch(/\(store: postgres, db: postgres:\/\/.+\/kindred_test_/);

    const writer = await register(a, 'proc-writer');
    const reader = await register(b, 'proc-reader');
    const communities = (await pullAll(b, reader, 'communities')).documents;
    expect(communities.filter((c) => c.id === 'lung-cancer')).toHaveLength(1);
    const therapies = (await pullAll(b, reader, 'therapies')).documents;
    expect(new Set(therapies.map((t) => t.id)).size).toBe(therapies.length);

    await joinCommunity(a, writer, 'lung-cancer');
    await joinCommunity(b, reader, 'lung-cancer');
    // Seeded twice, the second seed's members would exist only as memberships (their
    // usernames were taken, so no user or profile): every member must have a profile.
    const members = (await pullAll(b, reader, 'memberships')).documents;
    const profiles = new Set((await pullAll(b, reader, 'profiles')).documents.map((p) => p.id));
    expect(members.length).toBeGreaterThan(2);
    expect(members.filter((m) => !profiles.has(m.userId))).toEqual([]);

    const stream = await openStream(b, reader.token);
    try {
      await stream.waitFor(SERVED_COLLECTIONS.length);
      const started = Date.now();
      await push(a, writer, 'threads', [fresh(newThread(writer, 'lung-cancer'))]);
      const events = await stream.waitFor(SERVED_COLLECTIONS.length + 1);
      expect(events.at(-1)).toEqual({ event: 'threads', data: '"RESYNC"' });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await stream.close();
    }

    for (const p of procs) p.child.kill('SIGTERM');
    expect(await Promise.all(procs.map((p) => p.exit))).toEqual([0, 0]);
  });
});
