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

export class ThreadActivityIndexer {
  private readonly dirty = new Map<string, string>(); // threadId -> communityId
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly subscriptions: Subscription[] = [];
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly db: KindredDatabase) {}

  start(): void {
    this.subscriptions.push(
      this.db.posts.$.subscribe((event) => this.touch(event.documentData.threadId, event.documentData.communityId)),
      this.db.threads.$.subscribe((event) => this.touch(event.documentData.id, event.documentData.communityId)),
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
    const batch = [...this.dirty];
    this.dirty.clear();
    if (batch.length === 0) return;
    const ids = batch.map(([threadId]) => threadId);
    const [existing, threads] = await Promise.all([
      this.db.threadState.findByIds(ids).exec(),
      this.db.threads.findByIds(ids).exec(),
    ]);
    for (const [threadId, communityId] of batch) {
      const thread = threads.get(threadId);
      const [replyCount, latest] = await Promise.all([
        this.db.posts.count({ selector: { threadId } }).exec(),
        this.db.posts.findOne({ selector: { threadId }, sort: [{ createdAt: 'desc' }] }).exec(),
      ]);
      const activity = {
        communityId: thread?.communityId ?? communityId,
        lastActivityAt: Math.max(thread?.createdAt ?? 0, latest?.createdAt ?? 0),
        replyCount,
      };
      // Patch only the activity fields: the user's reading (lastReadAt, followed) may have
      // changed meanwhile and must not be overwritten with an older copy.
      const current = existing.get(threadId) ?? (await this.db.threadState.findOne(threadId).exec());
      if (current) await current.incrementalPatch(activity);
      else await this.db.threadState.insert({ id: threadId, ...activity, lastReadAt: 0, followed: false } satisfies ThreadState);
    }
  }
}

/** The user opened a thread: everything in it up to now is read. */
export async function markRead(db: KindredDatabase, threadId: string, communityId: string, now = Date.now()) {
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

export async function setFollowed(db: KindredDatabase, threadId: string, communityId: string, followed: boolean) {
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

export async function rememberReadPosition(db: KindredDatabase, threadId: string, postId: string) {
  const state = await db.threadState.findOne(threadId).exec();
  if (state && state.readPositionId !== postId) await state.incrementalPatch({ readPositionId: postId });
}
