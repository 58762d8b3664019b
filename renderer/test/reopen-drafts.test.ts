/**
 * Text that came back to the user (refused by the server, declined by a moderator, kept from
 * another device) lives in drafts under ids of their own. Each must open again, in its thread,
 * with its full text (ui/draft-origin.ts; the reply composer loads the draft the route names).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Draft } from '../../shared/schemas/sealed';
import { parseRoute } from '../src/app/routes';
import { deleteDraft, loadDraft, replyDraftId, saveDraft } from '../src/data/drafts';
import { createReply, createThread } from '../src/data/writes';
import { declinedDraftId } from '../src/moderation/declined-to-draft';
import { draftHref, draftOrigin, draftOriginText, draftRoute } from '../src/ui/draft-origin';
import {
  type TestClient,
  type TestServer,
  eventually,
  startClient,
  startTestServer,
} from './harness';

function replyDraft(id: string, ownerId = 'u1', threadId = 't1'): Draft {
  return {
    id,
    ownerId,
    kind: 'reply',
    communityId: 'melanoma',
    threadId,
    keyId: 'k',
    iv: 'iv',
    ciphertext: 'c',
    updatedAt: 1,
  } as Draft;
}

describe('drafts that came back to the user', () => {
  it('the thread’s usual reply draft opens the thread; any other reply draft opens with itself', () => {
    const usual = replyDraft(replyDraftId('u1', 't1'));
    expect(draftRoute(usual)).toEqual({ name: 'thread', threadId: 't1' });
    expect(draftOriginText(draftOrigin(usual))).toBeNull();

    const declined = replyDraft(declinedDraftId('u1', 'p9'));
    expect(parseRoute(draftHref(declined)!)).toEqual({
      name: 'thread',
      threadId: 't1',
      draftId: declined.id,
    });
    expect(draftOriginText(draftOrigin(declined))).toBe('Declined by a moderator');

    const fromOtherDevice = replyDraft(`${replyDraftId('u1', 't1')}~0123456789abcdef`);
    expect(draftRoute(fromOtherDevice)).toEqual({
      name: 'thread',
      threadId: 't1',
      draftId: fromOtherDevice.id,
    });
    expect(draftOriginText(draftOrigin(fromOtherDevice))).toBe('Version from another device');
  });

  describe('against a server', () => {
    let server: TestServer;
    const clients: TestClient[] = [];
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterEach(async () => {
      for (const c of clients.splice(0)) await c.close();
    });
    afterAll(async () => {
      await server.close();
    });

    it('a refused reply, while another reply to that thread is being written, reopens from Drafts with its full text', async () => {
      const dana = await startClient(server.url, 'Dana', {
        collections: ['memberships', 'threads', 'posts', 'drafts'],
      });
      clients.push(dana);
      const owner = { userId: dana.userId, sealingKey: dana.sealingKey };
      await dana.api.join('melanoma');
      const thread = await createThread(dana.db, dana, {
        communityId: 'melanoma',
        title: 'Scans next week',
        body: 'Anyone else dreading it?',
      });
      await eventually(
        async () => (await dana.db.outbox.findOne(thread.id).exec())?.state === 'sent',
        'the thread sent',
      );
      // She leaves; the reply she then sends is refused, while she is writing another one.
      await dana.api.leave('melanoma');
      const usualId = replyDraftId(dana.userId, thread.id);
      await saveDraft(
        dana.db,
        owner,
        { id: usualId, kind: 'reply', communityId: 'melanoma', threadId: thread.id },
        { title: '', body: 'Half a sentence I am still writing' },
      );
      const words =
        'The waiting is the worst part.\n\nWhat helps me is a long walk the day before.';
      const reply = await createReply(dana.db, dana, thread, words);

      const item = await eventually(async () => {
        const found = await dana.db.outbox.findOne(reply.id).exec();
        return found?.state === 'refused' ? found : undefined;
      }, 'the reply refused');
      expect(item.draftId).toBeDefined();
      expect(item.draftId).not.toBe(usualId);

      // The Drafts view's link and label for it.
      const stored = (await dana.db.drafts.findOne(item.draftId!).exec())!.toJSON() as Draft;
      const route = parseRoute(draftHref(stored)!);
      expect(route).toEqual({ name: 'thread', threadId: thread.id, draftId: item.draftId });
      expect(
        draftOriginText(draftOrigin(stored, { code: item.refusal, communityName: 'Melanoma' })),
      ).toBe('Refused: you are no longer a member of Melanoma');

      // What the composer opened by that route loads: the whole refused text; the reply being
      // written is untouched.
      const draftId = route.name === 'thread' ? route.draftId : undefined;
      expect(await loadDraft(dana.db, dana.sealingKey, draftId!)).toEqual({
        title: '',
        body: words,
      });
      expect((await loadDraft(dana.db, dana.sealingKey, usualId))?.body).toBe(
        'Half a sentence I am still writing',
      );

      // Sent again after joining back (what the composer does): that draft alone is gone.
      await dana.api.join('melanoma');
      const again = await createReply(dana.db, dana, thread, words);
      await deleteDraft(dana.db, draftId!);
      await eventually(
        async () => (await dana.db.outbox.findOne(again.id).exec())?.state === 'sent',
        'the reply sent',
      );
      expect(await dana.db.drafts.findOne(draftId!).exec()).toBeNull();
      expect(await dana.db.drafts.findOne(usualId).exec()).not.toBeNull();
    });
  });
});
