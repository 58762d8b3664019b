/**
 * What the user writes goes into the local database first; replication sends it when it can.
 * So writing works the same with or without a network.
 */
import { LIMITS } from '../../../shared/schemas/common';
import type { Post } from '../../../shared/schemas/posts';
import type { Thread } from '../../../shared/schemas/threads';
import type { KindredDatabase } from '../db/database';
import { previewOf, recordQueued } from './outbox';

export interface Author {
  userId: string;
  displayName: string;
}

export type WriteProblem = 'empty-title' | 'empty-body' | 'too-long';

export interface NewThreadInput {
  communityId: string;
  title: string;
  body: string;
  therapyIds?: string[];
  shareToTherapyPages?: boolean;
}

export function checkThread(input: { title: string; body: string }): WriteProblem | null {
  if (!input.title.trim()) return 'empty-title';
  if (input.title.length > LIMITS.titleMax || input.body.length > LIMITS.bodyMax) return 'too-long';
  return null;
}

export function checkReply(body: string): WriteProblem | null {
  if (!body.trim()) return 'empty-body';
  if (body.length > LIMITS.bodyMax) return 'too-long';
  return null;
}

export async function createThread(
  db: KindredDatabase,
  author: Author,
  input: NewThreadInput,
  now = Date.now(),
): Promise<Thread> {
  const thread: Thread = {
    id: crypto.randomUUID(),
    communityId: input.communityId,
    authorId: author.userId,
    authorName: author.displayName,
    title: input.title.trim(),
    body: input.body,
    therapyIds: [...new Set(input.therapyIds ?? [])].slice(0, 20),
    shareToTherapyPages: input.shareToTherapyPages ?? false,
    createdAt: now,
    updatedAt: now,
  };
  await db.threads.insert(thread);
  await recordQueued(db, thread, 'threads');
  return thread;
}

export async function createReply(
  db: KindredDatabase,
  author: Author,
  thread: Pick<Thread, 'id' | 'communityId'>,
  body: string,
  now = Date.now(),
): Promise<Post> {
  const post: Post = {
    id: crypto.randomUUID(),
    threadId: thread.id,
    communityId: thread.communityId,
    authorId: author.userId,
    authorName: author.displayName,
    body,
    createdAt: now,
    updatedAt: now,
  };
  await db.posts.insert(post);
  await recordQueued(db, post, 'posts');
  return post;
}

export const PROBLEM_TEXT: Record<WriteProblem, string> = {
  'empty-title': 'Please give your thread a title.',
  'empty-body': 'Please write something first.',
  'too-long': 'This is longer than Kindred can send. Please shorten it.',
};

/** Edit a reply (while it waits, or after): the latest edit is what the server keeps. */
export async function editReply(
  db: KindredDatabase,
  id: string,
  body: string,
  now = Date.now(),
): Promise<void> {
  const doc = await db.posts.findOne(id).exec();
  if (!doc) return;
  await doc.incrementalPatch({ body, updatedAt: Math.max(now, doc.updatedAt + 1) });
  const item = await db.outbox.findOne(id).exec();
  if (item && item.state !== 'refused') {
    await item.incrementalPatch({ state: 'queued', preview: previewOf(body), updatedAt: now });
  }
}

/**
 * Edit a thread's title and body (while it waits, or after): the latest edit is what the server
 * keeps. The title is trimmed as when the thread was written; check it with checkThread first.
 */
export async function editThread(
  db: KindredDatabase,
  id: string,
  edit: { title: string; body: string },
  now = Date.now(),
): Promise<void> {
  const doc = await db.threads.findOne(id).exec();
  if (!doc) return;
  const title = edit.title.trim();
  await doc.incrementalPatch({
    title,
    body: edit.body,
    updatedAt: Math.max(now, doc.updatedAt + 1),
  });
  const item = await db.outbox.findOne(id).exec();
  if (item && item.state !== 'refused') {
    await item.incrementalPatch({ state: 'queued', preview: previewOf(title), updatedAt: now });
  }
}

/**
 * What a withdrawn document keeps of its text: as little as the schemas allow (a thread's title
 * and a reply's body must not be empty). The deletion travels to the server and to every
 * member's device as a tombstone, and the words the author took back must not travel with it.
 */
export const WITHDRAWN_TEXT = {
  threads: { title: ' ', body: '' },
  posts: { body: ' ' },
} as const;

/**
 * Withdraw a thread or reply. Before it was sent, nobody ever sees it; after, the deletion
 * travels like any other change, without the text.
 */
export async function withdraw(
  db: KindredDatabase,
  collection: 'threads' | 'posts',
  id: string,
): Promise<void> {
  const doc = await (db.collections[collection] as KindredDatabase['posts']).findOne(id).exec();
  // The deletion is the newest edit and must say so: with the old updatedAt, a conflict with
  // the server's copy (after a lost answer, say) goes to the server's version by "latest edit
  // wins", and the withdrawn reply comes back on every device.
  if (doc) {
    await doc.incrementalModify((data) => ({
      ...data,
      ...WITHDRAWN_TEXT[collection],
      updatedAt: Math.max(Date.now(), data.updatedAt + 1),
      _deleted: true,
    }));
  }
  const item = await db.outbox.findOne(id).exec();
  if (item) await item.remove();
}
