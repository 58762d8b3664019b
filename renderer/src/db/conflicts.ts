/**
 * What happens when this device and the server both changed a document (RxDB's default would
 * silently drop the local edit and keep the server's).
 *
 * - Threads, posts, reactions, profiles belong to one person: the latest edit (by updatedAt)
 *   wins, whichever device made it. For profiles the losing edit is also kept aside (see
 *   profile-conflict.ts) and offered to the user: a profile is typed by hand on each device,
 *   and a bio rewritten on the tablet must not vanish because the laptop changed the name.
 * - Drafts and journal entries may have been edited offline on two devices: both versions are
 *   kept. The server's stays under the original id; this device's becomes a copy beside it,
 *   which the user sees in their drafts or journal. Nothing is lost silently.
 * - Server-owned collections (communities, memberships, therapies, moderation): the server wins.
 */
import { type RxConflictHandler, type WithDeleted, deepEqual } from 'rxdb';
import type { BaseDoc } from '../../../shared/schemas/common';

/**
 * Receives the edit that lost, the one kept, and (when this device knows it) the version both
 * started from — so that only what the losing edit itself changed is offered back.
 */
export type KeepLoser<T> = (edit: {
  loser: WithDeleted<T>;
  kept: WithDeleted<T>;
  base: WithDeleted<T> | undefined;
}) => Promise<void>;

export function latestEditWins<T extends BaseDoc>(
  keepLoser?: () => KeepLoser<T> | undefined,
): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    async resolve({ newDocumentState, realMasterState, assumedMasterState }) {
      const localIsLatest = newDocumentState.updatedAt > realMasterState.updatedAt;
      const kept = localIsLatest ? newDocumentState : realMasterState;
      const loser = localIsLatest ? realMasterState : newDocumentState;
      const save = keepLoser?.();
      // A deletion on either side is the author's decision about the whole document.
      if (save && !loser._deleted && !kept._deleted) {
        await save({ loser, kept, base: assumedMasterState });
      }
      return kept;
    },
  };
}

/** Receives the losing (local) version of a document, to be kept as a copy. */
export type KeepCopy<T> = (losing: WithDeleted<T>, copyId: string) => Promise<void>;

export function keepBothVersions<T extends BaseDoc & { ciphertext: string }>(
  keepCopy: () => KeepCopy<T> | undefined,
): RxConflictHandler<T> {
  return {
    isEqual: (a, b) => deepEqual(a, b),
    async resolve({ newDocumentState, realMasterState }) {
      const save = keepCopy();
      const local = newDocumentState;
      if (save && !local._deleted && local.ciphertext !== realMasterState.ciphertext) {
        // The copy's id is derived from its content, so resolving the same conflict twice
        // (RxDB may) keeps one copy, not two.
        await save(local, `${local.id.slice(0, 150)}~${await shortHash(local.ciphertext)}`);
      }
      return realMasterState;
    },
  };
}

async function shortHash(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}
