/**
 * Sharing an excerpt: exactly the chosen passage becomes a reply in a thread (or a new thread).
 * Nothing else of the entry — title, date, scores, medications, tags — goes with it.
 */
import type { Thread } from '../../../shared/schemas/threads';
import { type Author, checkReply, checkThread, createReply, createThread } from '../data/writes';
import type { KindredDatabase } from '../db/database';

export type ShareTarget =
  | { kind: 'reply'; thread: Pick<Thread, 'id' | 'communityId'> }
  | { kind: 'thread'; communityId: string; title: string };

/** The passage chosen in the body, trimmed of blank lines around it. */
export function passageOf(body: string, start: number, end: number): string {
  const from = Math.max(0, Math.min(start, end));
  const to = Math.min(body.length, Math.max(start, end));
  return body
    .slice(from, to)
    .replace(/^\s*\n/, '')
    .trimEnd();
}

export function checkExcerpt(excerpt: string, target: ShareTarget) {
  return target.kind === 'reply'
    ? checkReply(excerpt)
    : checkThread({ title: target.title, body: excerpt });
}

/** Posts the excerpt (through the outbox, like any post). Returns the thread it lives in. */
export async function shareExcerpt(
  db: KindredDatabase,
  author: Author,
  excerpt: string,
  target: ShareTarget,
): Promise<string> {
  if (target.kind === 'reply') {
    await createReply(db, author, target.thread, excerpt);
    return target.thread.id;
  }
  const thread = await createThread(db, author, {
    communityId: target.communityId,
    title: target.title,
    body: excerpt,
  });
  return thread.id;
}
