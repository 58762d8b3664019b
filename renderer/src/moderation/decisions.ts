/**
 * Moderators' decisions, written like everything else: to the local database first, then
 * replicated — so moderating works offline too, and the server checks the moderator's role.
 * One moderation document per target (`mod:<targetId>`).
 */
import { type ModerationState, moderationIdFor } from '../../../shared/schemas/moderation';
import type { KindredDatabase } from '../db/database';

export const DECLINED_PREFIX = 'Declined: ';

export async function decide(
  db: KindredDatabase,
  moderatorId: string,
  target: { id: string; communityId: string },
  state: ModerationState,
  reason = '',
  now = Date.now(),
): Promise<void> {
  const id = moderationIdFor(target.id);
  const existing = await db.moderation.findOne(id).exec();
  const doc = {
    id,
    targetId: target.id,
    communityId: target.communityId,
    state,
    reason: reason.slice(0, 2000),
    by: moderatorId,
    updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1),
  };
  await db.moderation.upsert(doc);
}

export const approve = (
  db: KindredDatabase,
  me: string,
  target: { id: string; communityId: string },
) => decide(db, me, target, 'approved');

/** Declining a first post hides it; the author sees the reason and gets the text back to edit. */
export const decline = (
  db: KindredDatabase,
  me: string,
  target: { id: string; communityId: string },
  reason: string,
) =>
  decide(
    db,
    me,
    target,
    'hidden',
    `${DECLINED_PREFIX}${reason.trim() || 'it does not fit the guidelines'}`,
  );

export const hide = (
  db: KindredDatabase,
  me: string,
  target: { id: string; communityId: string },
  reason: string,
) => decide(db, me, target, 'hidden', reason);

/** Restoring, unlocking: back to an ordinary, visible state. */
export const restore = (
  db: KindredDatabase,
  me: string,
  target: { id: string; communityId: string },
) => decide(db, me, target, 'approved');

export const lock = (
  db: KindredDatabase,
  me: string,
  target: { id: string; communityId: string },
  reason: string,
) => decide(db, me, target, 'locked', reason);

/**
 * Decisions about members: the target is the membership (`communityId:userId`). The server
 * applies them to the membership when they arrive, so they work offline like the others.
 */
export const admitMember = (
  db: KindredDatabase,
  me: string,
  membership: { id: string; communityId: string },
  reason = '',
) => decide(db, me, membership, 'approved', reason);

/** Removing a member, or (with DECLINED_PREFIX) declining a request to join. */
export const removeMember = (
  db: KindredDatabase,
  me: string,
  membership: { id: string; communityId: string },
  reason: string,
) => decide(db, me, membership, 'removed', reason);

export const declineRequest = (
  db: KindredDatabase,
  me: string,
  membership: { id: string; communityId: string },
  reason: string,
) => removeMember(db, me, membership, `${DECLINED_PREFIX}${reason.trim()}`);
