/**
 * Where a draft in the Drafts view came from and where it opens. Most drafts are what the user
 * was writing; some hold text that came back to them, under an id of its own so that it never
 * overwrites what they are writing now:
 * - a post the server refused (OutboxTracker.refuse), when that thread's reply draft was taken;
 * - a post a moderator declined (`<user>:declined:<post>`, moderation/declined-to-draft.ts);
 * - this device's version of a draft also edited elsewhere (`<id>~<hash>`, db/conflicts.ts).
 */
import type { Draft } from '../../../shared/schemas/sealed';
import { type Route, hrefFor } from '../app/routes';
import { replyDraftId } from '../data/drafts';
import { declinedDraftId } from '../moderation/declined-to-draft';
import { refusalReason } from './refusal-text';

export type DraftOrigin =
  | { kind: 'written' }
  | { kind: 'refused'; reason: string | null }
  | { kind: 'declined' }
  | { kind: 'other-device' };

/** The refusal, when this device refused the post whose text went into this draft. */
export interface RefusalOfDraft {
  code: string | undefined;
  communityName?: string;
}

export function draftOrigin(draft: Draft, refusal?: RefusalOfDraft): DraftOrigin {
  if (refusal)
    return { kind: 'refused', reason: refusalReason(refusal.code, refusal.communityName) };
  if (draft.id.startsWith(declinedDraftId(draft.ownerId, ''))) return { kind: 'declined' };
  if (draft.id.includes('~')) return { kind: 'other-device' };
  return { kind: 'written' };
}

/** What the Drafts view says beside such a draft; nothing for an ordinary one. */
export function draftOriginText(origin: DraftOrigin): string | null {
  switch (origin.kind) {
    case 'refused':
      return origin.reason ? `Refused: ${origin.reason}` : 'Refused by the server';
    case 'declined':
      return 'Declined by a moderator';
    case 'other-device':
      return 'Version from another device';
    case 'written':
      return null;
  }
}

/**
 * Where the draft opens. A reply draft under any id other than its thread's usual one opens the
 * thread with that draft in the composer: the composer alone would load only the usual one.
 */
export function draftRoute(draft: Draft): Route | null {
  if (draft.kind === 'thread' && draft.communityId) {
    return { name: 'new-thread', communityId: draft.communityId, draftId: draft.id };
  }
  if (draft.kind !== 'reply' || !draft.threadId) return null;
  return draft.id === replyDraftId(draft.ownerId, draft.threadId)
    ? { name: 'thread', threadId: draft.threadId }
    : { name: 'thread', threadId: draft.threadId, draftId: draft.id };
}

export function draftHref(draft: Draft): string | undefined {
  const route = draftRoute(draft);
  return route ? hrefFor(route) : undefined;
}
