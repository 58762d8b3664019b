/**
 * What "Since your last sync" lists, as a plain function of documents already on the device:
 * threads that are new to the user, or that others replied to, since the baseline.
 */
import type { Post } from '../../../shared/schemas/posts';
import type { Thread } from '../../../shared/schemas/threads';

export interface SinceLastSyncRow {
  thread: Thread;
  /** someone else started this thread after the baseline */
  isNew: boolean;
  /** replies by others after the baseline */
  replies: number;
}

export interface SinceLastSyncInput {
  /** candidate threads: at least those created after `since` and those `posts` reply to */
  threads: readonly Thread[];
  /** replies created after `since` */
  posts: readonly Post[];
  since: number;
  userId: string;
  /** communities the user is an active member of */
  communityIds: readonly string[];
  followedTherapyIds: readonly string[];
}

/** A thread in one of the user's communities, or shared to a therapy page they follow. */
export function isRelevantThread(
  thread: Pick<Thread, 'communityId' | 'therapyIds'>,
  communityIds: readonly string[],
  followedTherapyIds: readonly string[],
): boolean {
  return (
    communityIds.includes(thread.communityId) ||
    thread.therapyIds.some((id) => followedTherapyIds.includes(id))
  );
}

/**
 * New threads first (a new conversation is what a returning user most often missed), then the
 * threads with the most new replies; ties go to the most recent activity. What the user wrote
 * themselves is never news to them: their own threads and replies are left out (others' replies
 * in their threads still count).
 */
export function sinceLastSyncRows(input: SinceLastSyncInput): SinceLastSyncRow[] {
  const { since, userId } = input;
  const newReplies = new Map<string, { count: number; latest: number }>();
  for (const post of input.posts) {
    if (post.authorId === userId || post.createdAt <= since) continue;
    const seen = newReplies.get(post.threadId) ?? { count: 0, latest: 0 };
    newReplies.set(post.threadId, {
      count: seen.count + 1,
      latest: Math.max(seen.latest, post.createdAt),
    });
  }
  const rows = new Map<string, SinceLastSyncRow & { latest: number }>();
  for (const thread of input.threads) {
    if (rows.has(thread.id)) continue;
    if (!isRelevantThread(thread, input.communityIds, input.followedTherapyIds)) continue;
    const isNew = thread.createdAt > since && thread.authorId !== userId;
    const replies = newReplies.get(thread.id);
    if (!isNew && !replies) continue;
    rows.set(thread.id, {
      thread,
      isNew,
      replies: replies?.count ?? 0,
      latest: Math.max(isNew ? thread.createdAt : 0, replies?.latest ?? 0),
    });
  }
  return [...rows.values()]
    .sort(
      (a, b) => Number(b.isNew) - Number(a.isNew) || b.replies - a.replies || b.latest - a.latest,
    )
    .map(({ thread, isNew, replies }) => ({ thread, isNew, replies }));
}
