/**
 * Pre-moderation: in a community with `premoderation`, a member's content waits for a
 * moderator until one of their threads or posts there has been approved. The server holds it
 * by writing a 'pending' moderation document about it (the document itself is stored exactly
 * as pushed); placement.ts then keeps it in the moderators' channel, seen by them and the
 * author only. A moderator approves by pushing the same moderation document as 'approved'.
 *
 * The hold is made when the content first becomes visible (rules.ts): new and not deleted, or
 * restored from a deletion, as long as no decision about it exists. A thread pushed as deleted
 * and then restored is held like any other.
 */
import type { Community } from '../../../shared/schemas/communities';
import type { WireDoc } from '../../../shared/schemas/common';
import { membershipId } from '../../../shared/schemas/memberships';
import { type ModerationDoc, moderationIdFor } from '../../../shared/schemas/moderation';
import type { StoreTx, StoredRow } from '../../store/types';
import { writeDoc } from '../write';

export const PENDING_REASON = 'first-post-review';

async function trusted(tx: StoreTx, userId: string, communityId: string): Promise<boolean> {
  // Moderation documents are owned by the author of their target: this reads only theirs.
  // Being let into the community (a decision about their membership) is not approved content.
  const decisions = (await tx.ownedBy('moderation', userId)) as WireDoc<ModerationDoc>[];
  const membership = membershipId(communityId, userId);
  return decisions.some(
    (d) =>
      !d._deleted &&
      d.communityId === communityId &&
      d.state === 'approved' &&
      d.targetId !== membership,
  );
}

/**
 * Writes the pending moderation document for content becoming visible that needs review (its
 * author is not yet trusted there and nobody decided about it); else nothing.
 */
export async function holdForReview(
  tx: StoreTx,
  collection: 'threads' | 'posts',
  doc: WireDoc,
  userId: string,
  now: number,
): Promise<StoredRow[]> {
  const communityId = (doc as unknown as { communityId: string }).communityId;
  const community = (await tx.get('communities', communityId)) as WireDoc<Community> | null;
  if (!community?.premoderation || doc._deleted) return [];
  if (await trusted(tx, userId, communityId)) return [];
  const id = moderationIdFor(doc.id);
  if (await tx.get('moderation', id)) return [];
  const pending: WireDoc<ModerationDoc> = {
    id,
    updatedAt: now,
    targetId: doc.id,
    communityId,
    state: 'pending',
    reason: PENDING_REASON,
    by: 'server',
    _deleted: false,
  };
  const rows = await writeDoc(tx, 'moderation', pending);
  await tx.audit({
    at: now,
    kind: 'moderation',
    userId: null,
    subject: doc.id,
    detail: { communityId, state: 'pending', collection },
  });
  return rows;
}
