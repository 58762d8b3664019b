/** Reactions ("me too", "thanks", "hug", "helpful"): one document per person, target and kind. */
import { type ReactionKind, reactionId } from '../../../shared/schemas/reactions';
import type { KindredDatabase } from '../db/database';

export const REACTION_LABELS: Record<ReactionKind, string> = {
  'me-too': 'Me too',
  thanks: 'Thanks',
  hug: 'Hug',
  helpful: 'Helpful',
};

/** Adds the reaction, or takes it back if the user had already given it. */
export async function toggleReaction(
  db: KindredDatabase,
  userId: string,
  target: { id: string; communityId: string },
  kind: ReactionKind,
  now = Date.now(),
): Promise<void> {
  const id = reactionId(target.id, userId, kind);
  const existing = await db.reactions.findOne(id).exec();
  if (existing) {
    await existing.remove();
    return;
  }
  // A reaction taken back earlier is a tombstone: upsert brings it back to life.
  await db.reactions.upsert({
    id,
    targetId: target.id,
    communityId: target.communityId,
    userId,
    kind,
    updatedAt: now,
  });
}
