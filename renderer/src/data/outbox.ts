/**
 * Where each thread and reply the user published is on its way to the server, shown beside it:
 * saved on this device → waiting to send → sending → sent → awaiting review / published, or
 * refused with the server's reason and the text back in a draft.
 *
 * The documents themselves travel through RxDB's replication; this only keeps score, fed by the
 * push handler (see sync/replicate-collection.ts).
 */
import { filter, firstValueFrom, map, timeout } from 'rxjs';
import type { RowRefusal } from '../../../shared/protocol';
import type { Post } from '../../../shared/schemas/posts';
import type { Thread } from '../../../shared/schemas/threads';
import type { SealingKey } from '../crypto/seal';
import type { KindredDatabase } from '../db/database';
import type { OutboxItem } from '../db/outbox-schema';
import { newThreadDraftId, replyDraftId, saveDraft } from './drafts';

const PREVIEW_LENGTH = 120;

/** How long a push of replies waits for their new thread before RxDB tries again. */
const THREAD_WAIT_MS = 10_000;

/**
 * Thrown by a push of replies whose thread has not reached the server yet. Not a failure: the
 * push is simply tried again shortly (the sync engine does not back off for it).
 */
export class WaitingForThreadError extends Error {
  readonly code = 'waiting-for-thread';
  constructor(threadIds: string[]) {
    super(`Replies wait for their thread to reach the server first (${threadIds.join(', ')})`);
    this.name = 'WaitingForThreadError';
  }
}

export function previewOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_LENGTH ? `${flat.slice(0, PREVIEW_LENGTH - 1)}…` : flat;
}

export async function recordQueued(
  db: KindredDatabase,
  doc: Thread | Post,
  collection: 'threads' | 'posts',
): Promise<void> {
  const item: OutboxItem = {
    id: doc.id,
    kind: collection === 'threads' ? 'thread' : 'reply',
    communityId: doc.communityId,
    threadId: collection === 'threads' ? doc.id : (doc as Post).threadId,
    state: 'queued',
    preview: previewOf('title' in doc ? doc.title : doc.body),
    updatedAt: Date.now(),
  };
  await db.outbox.upsert(item);
}

export interface OutboxOwner {
  userId: string;
  sealingKey: SealingKey | null;
}

/** The push handler's view of the outbox. */
export class OutboxTracker {
  constructor(
    private readonly db: KindredDatabase,
    private readonly owner: OutboxOwner,
  ) {}

  /** A recovery key was entered: refused text is sealed with the new key from now on. */
  setSealingKey(key: SealingKey | null): void {
    this.owner.sealingKey = key;
  }

  private isTracked(collection: string): collection is 'threads' | 'posts' {
    return collection === 'threads' || collection === 'posts';
  }

  async sending(collection: string, ids: string[]): Promise<void> {
    if (!this.isTracked(collection)) return;
    await this.setState(ids, 'queued', 'sending');
  }

  /**
   * Threads and replies replicate separately, so a reply written offline could reach the server
   * before its thread, which would refuse it ('thread-missing') and take it off the device. A
   * push of replies therefore waits until every thread they answer that is still in this
   * device's outbox has been sent; threads written elsewhere are on the server already.
   */
  async threadsFirst(collection: string, threadIds: string[]): Promise<void> {
    if (collection !== 'posts' || threadIds.length === 0) return;
    // By primary key, then filtered: a count() over non-indexed fields is not allowed in RxDB.
    const unsent = this.db.outbox
      .findByIds([...new Set(threadIds)])
      .$.pipe(
        map((items) =>
          [...items.values()].some(
            (item) =>
              item.kind === 'thread' && (item.state === 'queued' || item.state === 'sending'),
          ),
        ),
      );
    try {
      await firstValueFrom(
        unsent.pipe(
          filter((waiting) => !waiting),
          timeout(THREAD_WAIT_MS),
        ),
      );
    } catch {
      throw new WaitingForThreadError(threadIds);
    }
  }

  /** The request failed (offline, timeout): back to waiting; RxDB sends them again. */
  async failed(collection: string, ids: string[]): Promise<void> {
    if (!this.isTracked(collection)) return;
    await this.setState(ids, 'sending', 'queued');
  }

  /** `pushed`: the updatedAt of each document as it was sent. */
  async answered(
    collection: string,
    ids: string[],
    conflictIds: Set<string>,
    refusals: RowRefusal[],
    pushed?: ReadonlyMap<string, number>,
  ): Promise<void> {
    if (!this.isTracked(collection)) return;
    const refused = new Map(refusals.map((r) => [r.id, r.error]));
    const answered = ids.filter((id) => !refused.has(id) && !conflictIds.has(id));
    // An edit made after RxDB picked the rows but before `sending` ran is not on the server
    // yet: 'sent' would claim it is. It stays waiting; its own push comes next.
    const edited = pushed
      ? await this.editedSince(collection, answered, pushed)
      : new Set<string>();
    await this.setState(
      answered.filter((id) => !edited.has(id)),
      'sending',
      'sent',
    );
    await this.setState([...edited], 'sending', 'queued');
    // A conflict is resolved by RxDB and pushed again: it is still waiting.
    await this.setState([...conflictIds], 'sending', 'queued');
    for (const [id, error] of refused) await this.refuse(collection, id, error);
  }

  /**
   * A safety net for delivery: a post still waiting long after the server became reachable gets
   * a new revision (updatedAt + 1), which makes RxDB push it again. RxDB can lose track of rows
   * whose push was cut short by pause/resume (found by renderer/test/fault-set.test.ts); the
   * server stores a replayed row once, so a nudge never duplicates anything.
   *
   * A post still "sending" long after its request must have ended (every request has a
   * timeout, api/client.ts) was abandoned: the app closed in the middle of its push, or RxDB
   * lost track of it. It goes back to waiting and is nudged the same way, instead of showing
   * "Sending…" for ever.
   */
  async nudgeStale(
    limits: { queuedMs: number; sendingMs: number },
    now = Date.now(),
  ): Promise<number> {
    const olderThan = (state: 'queued' | 'sending', ms: number) =>
      this.db.outbox.find({ selector: { state, updatedAt: { $lt: now - ms } } }).exec();
    const stale = [
      ...(await olderThan('queued', limits.queuedMs)),
      ...(await olderThan('sending', limits.sendingMs)),
    ];
    let nudged = 0;
    for (const item of stale) {
      const doc =
        item.kind === 'thread'
          ? await this.db.threads.findOne(item.id).exec()
          : await this.db.posts.findOne(item.id).exec();
      // Waiting first: the push of the new revision is what says "sending" and then "sent".
      await item.incrementalPatch({ state: 'queued', updatedAt: now });
      if (doc) {
        await doc.incrementalPatch({ updatedAt: doc.updatedAt + 1 });
        nudged += 1;
      }
    }
    return nudged;
  }

  /** Documents the user published, still on their way (for "N waiting to send"). */
  async waitingCount(): Promise<number> {
    return this.db.outbox.count({ selector: { state: { $in: ['queued', 'sending'] } } }).exec();
  }

  private async editedSince(
    collection: 'threads' | 'posts',
    ids: string[],
    pushed: ReadonlyMap<string, number>,
  ): Promise<Set<string>> {
    const docs = await this.db.collections[collection].findByIds(ids).exec();
    return new Set(
      [...docs.values()].filter((d) => d.updatedAt !== pushed.get(d.id)).map((d) => d.id),
    );
  }

  private async setState(ids: string[], from: OutboxItem['state'], to: OutboxItem['state']) {
    if (ids.length === 0) return;
    const items = await this.db.outbox.findByIds(ids).exec();
    for (const item of items.values()) {
      if (item.state === from) await item.incrementalPatch({ state: to, updatedAt: Date.now() });
    }
  }

  /**
   * The server will never take this row: put the text back into a draft the user can fix, and
   * take the document off this device so that it no longer looks published.
   */
  private async refuse(collection: 'threads' | 'posts', id: string, error: string): Promise<void> {
    const item = await this.db.outbox.findOne(id).exec();
    if (!item || item.state === 'refused') return; // e.g. the tombstone of a refused row
    const doc = await this.db.collections[collection].findOne(id).exec();
    let draftId: string | undefined;
    if (doc && this.owner.sealingKey && 'drafts' in this.db.collections) {
      const data = doc.toJSON() as Thread | Post;
      const isThread = collection === 'threads';
      const usual = isThread ? null : replyDraftId(this.owner.userId, (data as Post).threadId);
      // Never overwrite a reply the user is writing in that thread right now.
      const taken = usual ? await this.db.drafts.findOne(usual).exec() : null;
      draftId = usual && !taken ? usual : newThreadDraftId(this.owner.userId);
      await saveDraft(
        this.db,
        { userId: this.owner.userId, sealingKey: this.owner.sealingKey },
        {
          id: draftId,
          kind: isThread ? 'thread' : 'reply',
          communityId: data.communityId,
          ...(isThread ? {} : { threadId: (data as Post).threadId }),
        },
        { title: isThread ? (data as Thread).title : '', body: data.body },
      );
    }
    // Only once the text is safe in a draft; and before the outbox says "refused", so that
    // whoever sees the refusal no longer finds the post looking published.
    if (doc && draftId) await doc.remove();
    await item.incrementalPatch({
      state: 'refused',
      refusal: error,
      ...(draftId ? { draftId } : {}),
      updatedAt: Date.now(),
    });
  }
}
