/**
 * Keeps `threadState` (latest activity, reply count per thread) in step with the threads and
 * replies in the database, whoever wrote them: the user, or replication. Changes are batched
 * (a first sync writes thousands of replies) and each touched thread is recounted from the
 * posts index rather than incremented, so the numbers heal themselves after a crash.
 */
import type { Subscription } from 'rxjs';
import type { KindredDatabase } from '../db/database';
import type { ThreadState } from '../db/thread-state-schema';

const BATCH_MS = 250;
/** Threads recounted per query of their replies. */
const FLUSH_CHUNK = 200;
/** From this many threads in a chunk on, their replies are read as one range (repliesOf). */
const DENSE_CHUNK = 50;

export class ThreadActivityIndexer {
  private readonly dirty = new Map<string, string>(); // threadId -> communityId
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly subscriptions: Subscription[] = [];
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly db: KindredDatabase) {}

  start(): void {
    this.subscriptions.push(
      this.db.posts.$.subscribe((event) =>
        this.touch(event.documentData.threadId, event.documentData.communityId),
      ),
      this.db.threads.$.subscribe((event) =>
        this.touch(event.documentData.id, event.documentData.communityId),
      ),
    );
    void this.rebuildIfEmpty();
  }

  async stop(): Promise<void> {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Resolves when every change seen so far is reflected (tests). */
  async settled(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.running = this.running.then(() => this.flush());
    }
    await this.running;
  }

  private touch(threadId: string, communityId: string): void {
    this.dirty.set(threadId, communityId);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.running = this.running.then(() => this.flush());
      }, BATCH_MS);
    }
  }

  /** A database from before this index existed: count everything once. */
  private async rebuildIfEmpty(): Promise<void> {
    if ((await this.db.threadState.count().exec()) > 0) return;
    const threads = await this.db.threads.find().exec();
    for (const thread of threads) this.dirty.set(thread.id, thread.communityId);
    if (this.dirty.size > 0) this.touch(threads[0]!.id, threads[0]!.communityId);
  }

  private async flush(): Promise<void> {
    // In id order, so that each chunk is one contiguous range of the posts' [threadId, createdAt]
    // index (see recount).
    const batch = [...this.dirty].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.dirty.clear();
    // A first sync touches every thread of a community at once: one query per chunk of threads
    // for their replies, not two per thread (110,000 documents took minutes that way).
    for (let i = 0; i < batch.length; i += FLUSH_CHUNK) {
      await this.recount(batch.slice(i, i + FLUSH_CHUNK));
    }
  }

  /**
   * The replies of these threads (ids in order), read through the posts' [threadId, createdAt]
   * index. ($in cannot be planned as an index range: it made each query read every reply on the
   * device, and the thread list of a 110,000-document first sync took 10 minutes to complete.)
   * Many threads: one range from the first id to the last, which in a first sync holds little
   * else (replies of threads outside the chunk are skipped by the caller). A few threads, far
   * apart: one exact range each.
   */
  private async repliesOf(ids: string[]) {
    if (ids.length >= DENSE_CHUNK) {
      return this.db.posts
        .find({ selector: { threadId: { $gte: ids[0]!, $lte: ids[ids.length - 1]! } } })
        .exec();
    }
    const each = await Promise.all(
      ids.map((threadId) => this.db.posts.find({ selector: { threadId } }).exec()),
    );
    return each.flat();
  }

  private async recount(chunk: Array<[threadId: string, communityId: string]>): Promise<void> {
    const ids = chunk.map(([threadId]) => threadId);
    const wanted = new Set(ids);
    const [existing, threads, replies] = await Promise.all([
      this.db.threadState.findByIds(ids).exec(),
      this.db.threads.findByIds(ids).exec(),
      this.repliesOf(ids),
    ]);
    const counted = new Map<string, { replyCount: number; latest: number }>();
    for (const reply of replies) {
      if (!wanted.has(reply.threadId)) continue;
      const seen = counted.get(reply.threadId) ?? { replyCount: 0, latest: 0 };
      seen.replyCount += 1;
      seen.latest = Math.max(seen.latest, reply.createdAt);
      counted.set(reply.threadId, seen);
    }
    const created: ThreadState[] = [];
    for (const [threadId, communityId] of chunk) {
      const thread = threads.get(threadId);
      const { replyCount, latest } = counted.get(threadId) ?? { replyCount: 0, latest: 0 };
      const activity = {
        communityId: thread?.communityId ?? communityId,
        lastActivityAt: Math.max(thread?.createdAt ?? 0, latest),
        replyCount,
      };
      const current = existing.get(threadId);
      if (!current) {
        created.push({ id: threadId, ...activity, lastReadAt: 0, followed: false });
      } else if (
        current.replyCount !== activity.replyCount ||
        current.lastActivityAt !== activity.lastActivityAt ||
        current.communityId !== activity.communityId
      ) {
        // Patch only the activity fields: the user's reading (lastReadAt, followed) may have
        // changed meanwhile and must not be overwritten with an older copy.
        await current.incrementalPatch(activity);
      }
    }
    if (created.length === 0) return;
    const { error } = await this.db.threadState.bulkInsert(created);
    // Opened or followed meanwhile (markRead inserted it first): patch the activity in.
    for (const failed of error) {
      const state = await this.db.threadState.findOne(failed.documentId).exec();
      const mine = created.find((c) => c.id === failed.documentId);
      if (state && mine) {
        await state.incrementalPatch({
          communityId: mine.communityId,
          lastActivityAt: mine.lastActivityAt,
          replyCount: mine.replyCount,
        });
      }
    }
  }
}

/** How the user left a thread the last time they had it open. */
export interface PreviousReading {
  /** 0 = never opened */
  lastReadAt: number;
  /** the furthest reply they had scrolled to */
  readPositionId: string | undefined;
}

/**
 * The user opens a thread: returns how they left it last time (to show what is new and to bring
 * them back to where they were), then marks everything in it up to now as read. In this order,
 * in one place: marking first would make every visit look like the first one.
 */
export async function openThread(
  db: KindredDatabase,
  threadId: string,
  communityId: string,
  now = Date.now(),
): Promise<PreviousReading> {
  const state = await db.threadState.findOne(threadId).exec();
  const previous = { lastReadAt: state?.lastReadAt ?? 0, readPositionId: state?.readPositionId };
  await markRead(db, threadId, communityId, now);
  return previous;
}

/** The user has the thread open: everything in it up to now is read. */
export async function markRead(
  db: KindredDatabase,
  threadId: string,
  communityId: string,
  now = Date.now(),
) {
  const state = await db.threadState.findOne(threadId).exec();
  if (state) await state.incrementalPatch({ lastReadAt: now });
  else
    await db.threadState.insert({
      id: threadId,
      communityId,
      lastActivityAt: 0,
      replyCount: 0,
      lastReadAt: now,
      followed: false,
    });
}

export async function setFollowed(
  db: KindredDatabase,
  threadId: string,
  communityId: string,
  followed: boolean,
) {
  const state = await db.threadState.findOne(threadId).exec();
  if (state) await state.incrementalPatch({ followed });
  else
    await db.threadState.insert({
      id: threadId,
      communityId,
      lastActivityAt: 0,
      replyCount: 0,
      lastReadAt: 0,
      followed,
    });
}

/** The furthest reply the user has scrolled to, to bring them back to it next time. */
export async function rememberReadPosition(db: KindredDatabase, threadId: string, postId: string) {
  const state = await db.threadState.findOne(threadId).exec();
  if (state && state.readPositionId !== postId)
    await state.incrementalPatch({ readPositionId: postId });
}
