/**
 * Drafts: what the user is writing, saved on every change and sealed with their key before it
 * touches the database, so that neither the database file nor the server ever holds an
 * unpublished word in plaintext. Drafts sync (as ciphertext) to the user's other devices.
 */
import type { Draft, DraftKind } from '../../../shared/schemas/sealed';
import { type OpenResult, type SealingKey, openJson, sealJson } from '../crypto/seal';
import type { KindredDatabase } from '../db/database';

/** What a draft holds, inside the seal. */
export interface DraftContent {
  title: string;
  body: string;
  /** a new thread's therapy tags and sharing choice, kept with its text */
  therapyIds?: string[];
  shareToTherapyPages?: boolean;
}

export interface DraftPlace {
  id: string;
  kind: DraftKind;
  communityId?: string;
  threadId?: string;
}

/** Draft ids are global on the server: they start with the owner's id so they never collide. */
export function newThreadDraftId(userId: string): string {
  return `${userId}:thread:${crypto.randomUUID()}`;
}

/** One reply draft per thread and person: reopening the thread finds it again. */
export function replyDraftId(userId: string, threadId: string): string {
  return `${userId}:reply:${threadId}`.slice(0, 200);
}

export function isEmptyDraft(content: DraftContent): boolean {
  return !content.title.trim() && !content.body.trim();
}

export async function saveDraft(
  db: KindredDatabase,
  owner: { userId: string; sealingKey: SealingKey },
  place: DraftPlace,
  content: DraftContent,
  now = Date.now(),
): Promise<void> {
  const sealed = await sealJson(owner.sealingKey, content);
  const draft: Draft = {
    id: place.id,
    ownerId: owner.userId,
    kind: place.kind,
    ...(place.communityId ? { communityId: place.communityId } : {}),
    ...(place.threadId ? { threadId: place.threadId } : {}),
    ...sealed,
    updatedAt: now,
  };
  await db.drafts.upsert(draft);
}

export async function openDraft(
  sealingKey: SealingKey,
  draft: Draft,
): Promise<OpenResult<DraftContent>> {
  return openJson<DraftContent>(sealingKey, draft);
}

/** Loads and opens a draft by id; null when there is none (or it cannot be opened here). */
export async function loadDraft(
  db: KindredDatabase,
  sealingKey: SealingKey,
  id: string,
): Promise<DraftContent | null> {
  const doc = await db.drafts.findOne(id).exec();
  if (!doc) return null;
  const opened = await openDraft(sealingKey, doc.toJSON() as Draft);
  return opened.ok ? opened.value : null;
}

/** A tombstone, so the deletion reaches the user's other devices too. */
export async function deleteDraft(db: KindredDatabase, id: string): Promise<void> {
  const doc = await db.drafts.findOne(id).exec();
  if (doc) await doc.remove();
}
