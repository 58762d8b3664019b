/**
 * Reports from the app's side: real RxDB clients on fake-indexeddb, a real server. A report is
 * a local write like any other, so it is made offline and delivered later; and a report whose
 * target was edited meanwhile is sent again with a fresh snapshot instead of being lost.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../shared/collections';
import type { Report } from '../../shared/schemas/reports';
import { createReport } from '../src/data/reports';
import { createReply, createThread, editReply } from '../src/data/writes';
import { type FaultProxy, startFaultProxy } from './fault-proxy';
import {
  type TestClient,
  type TestServer,
  eventually,
  startCommunityMember,
  startTestServer,
} from './harness';

const COMMUNITY = 'caregivers';
const PUSHES = 'POST /api/v1/sync/reports/push';

describe('reports from the app', () => {
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

  /** A member of the community (a moderator of it with `moderates`), with only what it needs. */
  async function member(
    name: string,
    collections: CollectionName[],
    options: { viaProxy?: boolean; moderates?: boolean } = {},
  ) {
    const client = await startCommunityMember(server, name, {
      communityId: COMMUNITY,
      collections: ['memberships', ...collections],
      ...(options.moderates ? { moderates: true } : {}),
      ...(options.viaProxy ? { via: proxy.url } : {}),
    });
    clients.push(client);
    return client;
  }

  /** The author's thread and reply, once they are on the reporter's device. */
  async function replyOnDevice(author: TestClient, reporter: TestClient, body: string) {
    const thread = await createThread(author.db, author, {
      communityId: COMMUNITY,
      title: 'What helps with night shifts of caring?',
      body: 'Looking for ideas.',
    });
    const reply = await createReply(author.db, author, thread, body);
    await eventually(
      async () => (await reporter.db.posts.findOne(reply.id).exec()) ?? undefined,
      'the reply on the reporter’s device',
    );
    return reply;
  }

  async function goOffline(client: TestClient) {
    proxy.setDown(true);
    await eventually(() => client.sync.getStatus().connection === 'offline', 'offline');
  }

  const reportOn = (client: TestClient, id: string) =>
    eventually(
      async () => ((await client.db.reports.findOne(id).exec())?.toJSON() as Report) ?? undefined,
      `report ${id} on ${client.displayName}`,
    );

  it('a report made offline waits on the device and reaches the moderators once back online', async () => {
    const author = await member('Ava', ['threads', 'posts']);
    const reporter = await member('Rae', ['threads', 'posts', 'reports'], { viaProxy: true });
    const moderator = await member('Mo', ['reports'], { moderates: true });
    const reply = await replyOnDevice(author, reporter, 'Skip the insulin, cinnamon works.');

    await goOffline(reporter);
    const report = await createReport(
      reporter.db,
      reporter.userId,
      reply,
      'misinformation',
      'Could hurt someone',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await moderator.api.pull<Report>('reports', undefined, 1000)).documents).toEqual([]);

    proxy.setDown(false);
    reporter.sync.syncNow();
    const received = await reportOn(moderator, report.id);
    expect(received).toEqual(report);
    expect(received.snapshot).toEqual({
      body: 'Skip the insulin, cinnamon works.',
      authorId: author.userId,
    });
    expect(proxy.forwarded.filter((r) => r === PUSHES)).toHaveLength(1);
  });

  it('a report refused as outdated (the reply was edited meanwhile) is sent again with the fresh snapshot and arrives', async () => {
    const author = await member('Ada', ['threads', 'posts']);
    const reporter = await member('Roy', ['threads', 'posts', 'reports'], { viaProxy: true });
    const moderator = await member('Max', ['reports'], { moderates: true });
    const reply = await replyOnDevice(author, reporter, 'Buy my supplements at example.com');
    const before = proxy.forwarded.filter((r) => r === PUSHES).length;

    await goOffline(reporter);
    const report = await createReport(reporter.db, reporter.userId, reply, 'spam', '');
    await editReply(author.db, reply.id, 'Sorry, removed the link.');
    await eventually(
      async () =>
        (await author.api.pull<{ id: string; body: string }>('posts', undefined, 1000)).documents
          .find((p) => p.id === reply.id)
          ?.body.startsWith('Sorry'),
      'the edit on the server',
    );

    proxy.setDown(false);
    reporter.sync.syncNow();
    const received = await reportOn(moderator, report.id);
    expect(received.snapshot).toEqual({
      body: 'Sorry, removed the link.',
      authorId: author.userId,
    });
    expect(received).toMatchObject({
      reason: 'spam',
      targetId: reply.id,
      createdAt: report.createdAt,
    });
    // Refused once as outdated, then taken: nobody had to do anything, and nothing to tell.
    expect(proxy.forwarded.filter((r) => r === PUSHES).length - before).toBeGreaterThanOrEqual(2);
    expect(reporter.sync.getStatus().refusals).toEqual([]);
  });

  it('a report the server refuses for good leaves the device, and the user is told why', async () => {
    const author = await member('Ida', ['threads', 'posts']);
    const reporter = await member('Ray', ['threads', 'posts', 'reports']);
    const reply = await replyOnDevice(author, reporter, 'Something to report');
    await reporter.api.leave(COMMUNITY);
    const report = await createReport(reporter.db, reporter.userId, reply, 'harassment', '');
    await eventually(
      () => reporter.sync.getStatus().refusals.some((r) => r.id === report.id),
      'the refusal',
    );
    expect(reporter.sync.getStatus().refusals).toEqual([
      { id: report.id, error: 'not-member', collection: 'reports' },
    ]);
    await eventually(
      async () => (await reporter.db.reports.findOne(report.id).exec()) === null,
      'the refused report taken off the device',
    );
  });
});
