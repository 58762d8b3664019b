/**
 * When a moderator declines one of the user's posts, its text comes back to them as a draft
 * (beside the moderator's reason), so they can fix and post it again. Runs on every device of
 * the author; the draft id is derived from the post, so it is made once.
 */
import type { Subscription } from 'rxjs';
import type { ModerationDoc } from '../../../shared/schemas/moderation';
import type { SealingKey } from '../crypto/seal';
import { saveDraft } from '../data/drafts';
import type { KindredDatabase } from '../db/database';
import { DECLINED_PREFIX } from './decisions';

export function declinedDraftId(userId: string, targetId: string): string {
  return `${userId}:declined:${targetId}`.slice(0, 200);
}

export function watchDeclined(
  db: KindredDatabase,
  userId: string,
  sealingKey: () => SealingKey | null,
): Subscription {
  return db.moderation.$.subscribe((event) => {
    const decision = event.documentData as ModerationDoc;
    if (decision.state !== 'hidden' || !decision.reason.startsWith(DECLINED_PREFIX)) return;
    void draftFromDeclined(db, userId, sealingKey(), decision);
  });
}

async function draftFromDeclined(
  db: KindredDatabase,
  userId: string,
  key: SealingKey | null,
  decision: ModerationDoc,
): Promise<void> {
  if (!key) return;
  const id = declinedDraftId(userId, decision.targetId);
  if (await db.drafts.findOne(id).exec()) return;
  const thread = await db.threads.findOne(decision.targetId).exec();
  const post = thread ? null : await db.posts.findOne(decision.targetId).exec();
  const mine = thread?.authorId === userId || post?.authorId === userId;
  if (!mine) return;
  await saveDraft(
    db,
    { userId, sealingKey: key },
    thread
      ? { id, kind: 'thread', communityId: thread.communityId }
      : { id, kind: 'reply', communityId: post!.communityId, threadId: post!.threadId },
    { title: thread?.title ?? '', body: thread?.body ?? post!.body },
  );
}
