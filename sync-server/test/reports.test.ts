/**
 * Members' reports: the reporter and the community's moderators see a report, with a snapshot
 * of what was reported; the reported author never learns who reported them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVED_COLLECTIONS } from '../../shared/collections';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  fresh,
  joinCommunity,
  newModeration,
  newPost,
  newReport,
  newThread,
  pullAll,
  push,
  register,
  setRoleOf,
  startServer,
} from './helpers';
import { openStream } from './sse';
import { STORES } from './stores';

const ids = (docs: { id: string }[]) => docs.map((d) => d.id);
/** A new stream starts with one RESYNC per collection. */
const N = SERVED_COLLECTIONS.length;

describe.each(STORES)('reports on the $kind store', (kind) => {
  let server: TestServer;
  let author: TestUser;
  let reporter: TestUser;
  let moderator: TestUser;
  let otherModerator: TestUser;
  let outsider: TestUser;
  beforeAll(async () => {
    server = await startServer({ kind });
    await addCommunity(server.store, 'support');
    await addCommunity(server.store, 'elsewhere');
    author = await register(server, 'rep-author');
    reporter = await register(server, 'rep-reporter');
    moderator = await register(server, 'rep-moderator');
    otherModerator = await register(server, 'rep-other-moderator');
    outsider = await register(server, 'rep-outsider');
    await joinCommunity(server, author, 'support');
    await joinCommunity(server, reporter, 'support');
    await setRoleOf(server, moderator, 'support', 'moderator');
    await setRoleOf(server, otherModerator, 'elsewhere', 'moderator');
  });
  afterAll(async () => {
    await server.close();
  });

  async function postThread(overrides: Record<string, unknown> = {}) {
    const thread = newThread(author, 'support', overrides);
    expect((await push(server, author, 'threads', [fresh(thread)])).refusals).toEqual([]);
    return thread;
  }

  it('a member reports a reply: the moderators pull it with its snapshot, the author cannot, not even through the stream', async () => {
    const thread = await postThread();
    const reply = newPost(author, thread.id, 'support', {
      body: 'Stop your chemo, drink this tea',
    });
    await push(server, author, 'posts', [fresh(reply)]);
    const authorStart = await pullAll(server, author, 'reports');
    const stream = await openStream(server, author.token);
    try {
      await stream.waitFor(N);
      const report = newReport(reporter, reply, { note: 'Dangerous advice' });
      const res = await push(server, reporter, 'reports', [fresh(report)]);
      expect(res.status).toBe(200);
      expect(res.refusals).toEqual([]);
      expect(await server.store.getDocument('reports', report.id)).toEqual(report);

      const seen = (await pullAll(server, moderator, 'reports')).documents;
      expect(seen.find((d) => d.id === report.id)).toEqual(report);
      expect(seen.find((d) => d.id === report.id).snapshot).toEqual({
        body: 'Stop your chemo, drink this tea',
        authorId: author.userId,
      });
      expect(ids((await pullAll(server, reporter, 'reports')).documents)).toContain(report.id);
      expect(
        ids((await pullAll(server, author, 'reports', authorStart.checkpoint)).documents),
      ).toEqual([]);
      expect(ids((await pullAll(server, author, 'reports')).documents)).not.toContain(report.id);

      // A later change the author does see: had the report produced an event, it came first.
      await push(server, author, 'threads', [fresh(newThread(author, 'support'))]);
      const events = await stream.waitFor(N + 1);
      expect(events[N]).toEqual({ event: 'threads', data: '"RESYNC"' });
      expect(stream.events.some((e, i) => i >= N && e.event === 'reports')).toBe(false);
    } finally {
      await stream.close();
    }
  });

  it('a moderator of another community, or a member who is not a moderator, cannot pull it', async () => {
    const thread = await postThread({ title: 'Miracle cure', body: 'Buy it here' });
    const report = newReport(reporter, thread, { reason: 'spam' });
    expect((await push(server, reporter, 'reports', [fresh(report)])).refusals).toEqual([]);
    expect(ids((await pullAll(server, otherModerator, 'reports')).documents)).not.toContain(
      report.id,
    );
    expect(ids((await pullAll(server, outsider, 'reports')).documents)).not.toContain(report.id);
    expect(ids((await pullAll(server, moderator, 'reports')).documents)).toContain(report.id);
  });

  it('a non-member cannot report, nor a member what they cannot see', async () => {
    const thread = await postThread();
    const fromOutsider = newReport(outsider, thread);
    expect((await push(server, outsider, 'reports', [fresh(fromOutsider)])).refusals).toEqual([
      { id: fromOutsider.id, error: 'not-member' },
    ]);
    // Someone else's name as reporter is refused too.
    const forged = newReport(reporter, thread);
    expect((await push(server, author, 'reports', [fresh(forged)])).refusals).toEqual([
      { id: forged.id, error: 'not-author' },
    ]);
    const hidden = await postThread();
    await push(server, moderator, 'moderation', [
      fresh(newModeration(moderator, hidden.id, 'support', 'hidden')),
    ]);
    const unseen = newReport(reporter, hidden);
    const missing = newReport(reporter, { ...thread, id: 'no-such-thread' });
    const elsewhere = newReport(reporter, thread, { communityId: 'elsewhere' });
    const res = await push(server, reporter, 'reports', [
      fresh(unseen),
      fresh(missing),
      fresh(elsewhere),
    ]);
    expect(res.refusals).toEqual([
      { id: unseen.id, error: 'thread-missing' },
      { id: missing.id, error: 'thread-missing' },
      { id: elsewhere.id, error: 'not-member' },
    ]);
    expect(await server.store.getDocument('reports', unseen.id)).toBeNull();
  });

  it("refuses a snapshot that is not what the target says now ('report-outdated'); a fresh one is stored", async () => {
    const thread = await postThread({ body: 'First version' });
    const edited = { ...thread, body: 'Edited version', updatedAt: thread.updatedAt + 1 };
    await push(server, author, 'threads', [
      { assumedMasterState: thread, newDocumentState: edited },
    ]);
    const stale = newReport(reporter, thread);
    expect((await push(server, reporter, 'reports', [fresh(stale)])).refusals).toEqual([
      { id: stale.id, error: 'report-outdated' },
    ]);
    expect(await server.store.getDocument('reports', stale.id)).toBeNull();
    // As the app does: the same report with the snapshot of the target as it is now.
    const again = { ...newReport(reporter, edited), id: stale.id, updatedAt: stale.updatedAt + 1 };
    const res = await push(server, reporter, 'reports', [
      { assumedMasterState: stale, newDocumentState: again },
    ]);
    expect(res.refusals).toEqual([]);
    expect(res.body).toEqual([]);
    expect(await server.store.getDocument('reports', stale.id)).toEqual(again);
  });

  it('keeps what was reported after the author edits the target', async () => {
    const thread = await postThread({ body: 'Something unkind' });
    const report = newReport(reporter, thread, { reason: 'harassment' });
    await push(server, reporter, 'reports', [fresh(report)]);
    const edited = { ...thread, body: 'Something kind', updatedAt: thread.updatedAt + 1 };
    await push(server, author, 'threads', [
      { assumedMasterState: thread, newDocumentState: edited },
    ]);
    const seen = (await pullAll(server, moderator, 'reports')).documents.find(
      (d) => d.id === report.id,
    );
    expect(seen.snapshot.body).toBe('Something unkind');
  });

  it('a stored report cannot be changed by anyone; its reporter may withdraw it', async () => {
    const thread = await postThread();
    const report = newReport(reporter, thread, { note: 'first note' });
    await push(server, reporter, 'reports', [fresh(report)]);
    const changed = { ...report, note: 'second note', updatedAt: report.updatedAt + 1 };
    const row = { assumedMasterState: report, newDocumentState: changed };
    expect((await push(server, reporter, 'reports', [row])).refusals).toEqual([
      { id: report.id, error: 'report-final' },
    ]);
    for (const user of [moderator, author]) {
      const res = await push(server, user, 'reports', [row]);
      expect(res.refusals).toEqual([{ id: report.id, error: 'not-author' }]);
      expect(res.body).toEqual([]); // never returned as a conflict: it stays unseen
      const deletion = { ...report, _deleted: true, updatedAt: report.updatedAt + 2 };
      expect(
        (
          await push(server, user, 'reports', [
            { assumedMasterState: report, newDocumentState: deletion },
          ])
        ).refusals,
      ).toEqual([{ id: report.id, error: 'not-author' }]);
    }
    // A deletion that also changes the report is an edit.
    const sneaky = { ...changed, _deleted: true, updatedAt: report.updatedAt + 3 };
    expect(
      (
        await push(server, reporter, 'reports', [
          { assumedMasterState: report, newDocumentState: sneaky },
        ])
      ).refusals,
    ).toEqual([{ id: report.id, error: 'report-final' }]);
    expect(await server.store.getDocument('reports', report.id)).toEqual(report);

    const withdrawn = { ...report, _deleted: true, updatedAt: report.updatedAt + 4 };
    const res = await push(server, reporter, 'reports', [
      { assumedMasterState: report, newDocumentState: withdrawn },
    ]);
    expect(res.refusals).toEqual([]);
    expect(await server.store.getDocument('reports', report.id)).toEqual(withdrawn);
    // Once withdrawn, it stays withdrawn.
    const revived = { ...report, updatedAt: report.updatedAt + 5 };
    expect(
      (
        await push(server, reporter, 'reports', [
          { assumedMasterState: withdrawn, newDocumentState: revived },
        ])
      ).refusals,
    ).toEqual([{ id: report.id, error: 'report-final' }]);
    // Withdrawing a report the server never stored writes nothing.
    const never = { ...newReport(reporter, thread), _deleted: true };
    expect((await push(server, reporter, 'reports', [fresh(never)])).refusals).toEqual([]);
    expect(await server.store.getDocument('reports', never.id)).toBeNull();
  });

  it('reporting works in a locked community, and writes an audit row without the note', async () => {
    const thread = await postThread();
    const lock = newModeration(moderator, 'support', 'support', 'locked');
    await push(server, moderator, 'moderation', [fresh(lock)]);
    try {
      const report = newReport(reporter, thread, { reason: 'crisis', note: 'private words' });
      expect((await push(server, reporter, 'reports', [fresh(report)])).refusals).toEqual([]);
      const audit = await server.store.listAudit({ kind: 'report' });
      const row = audit.find((a) => a.detail.reportId === report.id);
      expect(row).toMatchObject({
        kind: 'report',
        userId: reporter.userId,
        subject: thread.id,
        detail: { communityId: 'support', reason: 'crisis', deleted: false },
      });
      expect(JSON.stringify(audit)).not.toContain('private words');
    } finally {
      const unlock = { ...lock, state: 'approved', updatedAt: lock.updatedAt + 1 };
      await push(server, moderator, 'moderation', [
        { assumedMasterState: lock, newDocumentState: unlock },
      ]);
    }
  });
});
