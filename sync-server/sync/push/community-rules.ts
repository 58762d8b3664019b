/**
 * Rules for documents that live in a community (threads, posts, reactions, moderation,
 * reports): the community must exist and stay the same, the writer must be an active member (a
 * moderator, for moderation), and nothing new goes into a locked community or thread (reports
 * excepted: telling the moderators is not posting).
 */
import type { RefusalCode } from '../../../shared/protocol';
import type { Community } from '../../../shared/schemas/communities';
import type { WireDoc } from '../../../shared/schemas/common';
import { type Membership, membershipId } from '../../../shared/schemas/memberships';
import type { ModerationDoc } from '../../../shared/schemas/moderation';
import type { Post } from '../../../shared/schemas/posts';
import type { Thread } from '../../../shared/schemas/threads';
import type { StoreTx } from '../../store/types';
import { isModeratorRole } from '../channels';
import { moderationStateOf } from '../placement';

export type CommunityCollection = 'threads' | 'posts' | 'reactions' | 'moderation' | 'reports';

export interface CommunityFacts {
  community: WireDoc<Community>;
  /** the writer is an active moderator or partner of the community */
  moderates: boolean;
}

export async function activeMembership(tx: StoreTx, communityId: string, userId: string) {
  const m = (await tx.get(
    'memberships',
    membershipId(communityId, userId),
  )) as WireDoc<Membership> | null;
  return m && !m._deleted && m.status === 'active' ? m : null;
}

/** Refusal code, or the facts later steps need. */
export async function checkCommunity(
  tx: StoreTx,
  collection: CommunityCollection,
  userId: string,
  next: WireDoc,
  stored: WireDoc | null,
): Promise<RefusalCode | CommunityFacts> {
  const communityId = (next as unknown as { communityId: string }).communityId;
  if (stored && (stored as unknown as { communityId: string }).communityId !== communityId) {
    return 'community-changed';
  }
  const community = (await tx.get('communities', communityId)) as WireDoc<Community> | null;
  if (!community || community._deleted) return 'unknown-community';
  const membership = await activeMembership(tx, communityId, userId);
  const moderates = membership !== null && isModeratorRole(membership.role);
  if (collection === 'moderation') {
    // Members read moderation decisions; only the community's moderators make them.
    return moderates ? { community, moderates } : 'read-only-collection';
  }
  // Deleting what you wrote (and the server holds) stays possible after leaving, and in a
  // locked community.
  if (next._deleted && stored && !stored._deleted) return { community, moderates };
  if (!membership) return 'not-member';
  if (collection === 'reports') return { community, moderates };
  if (!moderates && (await moderationStateOf(tx, communityId)) === 'locked') {
    return 'community-locked';
  }
  if (collection === 'posts') {
    const refusal = await checkThread(tx, userId, next as WireDoc<Post>, moderates);
    if (refusal) return refusal;
  }
  return { community, moderates };
}

async function checkThread(
  tx: StoreTx,
  userId: string,
  post: WireDoc<Post>,
  moderates: boolean,
): Promise<RefusalCode | null> {
  const thread = (await tx.get('threads', post.threadId)) as WireDoc<Thread> | null;
  if (!thread || thread._deleted || thread.communityId !== post.communityId)
    return 'thread-missing';
  const state = await moderationStateOf(tx, thread.id);
  // A reply to a thread the writer cannot see would reveal that it exists.
  if ((state === 'pending' || state === 'hidden') && !moderates && thread.authorId !== userId) {
    return 'thread-missing';
  }
  if (state === 'locked' && !moderates) return 'community-locked';
  return null;
}

/** A moderation document must be about this community or a thread or post in it. */
export async function checkModerationTarget(
  tx: StoreTx,
  doc: WireDoc<ModerationDoc>,
): Promise<RefusalCode | null> {
  if (doc.targetId === doc.communityId) return null;
  for (const collection of ['threads', 'posts'] as const) {
    const target = (await tx.get(collection, doc.targetId)) as { communityId?: string } | null;
    if (target) return target.communityId === doc.communityId ? null : 'thread-missing';
  }
  return 'thread-missing';
}
