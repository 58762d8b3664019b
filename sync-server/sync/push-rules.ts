/**
 * The per-row rules of a push, as one pure function the store runs inside the push
 * transaction. Order matters:
 * 1. refusals that depend only on the row and the collection (read-only, future clock);
 * 2. authorship: another user's document is refused, never compared, so its content cannot
 *    leak through a conflict answer;
 * 3. a replay of what is already stored succeeds without a write (idempotent pushes);
 * 4. community rules (exists, unchanged, active membership);
 * 5. the conflict check against assumedMasterState;
 * 6. the write, of newDocumentState exactly as pushed.
 */
import type { ReplicatedCollection } from '../../shared/collections';
import type { RefusalCode } from '../../shared/protocol';
import { MAX_CLOCK_SKEW_MS } from '../../shared/protocol';
import type { WireDoc } from '../../shared/schemas/common';
import type { PushDecision, PushFacts } from '../store/types';
import { placementOf } from './channels';
import { jsonEqual } from './deep-equal';

export interface PushRow {
  assumedMasterState: WireDoc | null;
  newDocumentState: WireDoc;
}

export type RowResult = { conflict: WireDoc } | { refusal: RefusalCode };

/** Collections that users write; the others are written by the server only. */
const AUTHORED = new Set<ReplicatedCollection>(['threads', 'posts']);

interface Authored {
  authorId: string;
  communityId: string;
  createdAt: number;
}

const field = (doc: WireDoc) => doc as unknown as Authored;

const refuse = (code: RefusalCode): PushDecision<RowResult> => ({
  kind: 'skip',
  result: { refusal: code },
});

export function pushRule(collection: ReplicatedCollection, userId: string, now: number) {
  return (row: PushRow, facts: PushFacts): PushDecision<RowResult> => {
    const next = row.newDocumentState;
    if (!AUTHORED.has(collection)) return refuse('read-only-collection');

    const latest = now + MAX_CLOCK_SKEW_MS;
    if (next.updatedAt > latest || field(next).createdAt > latest) {
      return refuse('future-timestamp');
    }

    const stored = facts.stored.get(next.id) ?? null;
    if (field(next).authorId !== userId) return refuse('not-author');
    if (stored && field(stored).authorId !== userId) return refuse('not-author');

    if (stored && jsonEqual(stored, next)) return { kind: 'skip' };

    const communityId = field(next).communityId;
    if (stored && field(stored).communityId !== communityId) return refuse('community-changed');
    if (!facts.existingCommunities.has(communityId)) return refuse('unknown-community');
    if (!facts.activeCommunities.has(communityId)) return refuse('not-member');

    // Only reachable for the user's own document, which they may read. With nothing stored
    // there is no master to return: the row is simply written.
    if (stored && !jsonEqual(stored, row.assumedMasterState)) {
      return { kind: 'skip', result: { conflict: stored } };
    }

    return {
      kind: 'write',
      write: { collection, doc: next, ...placementOf(collection, next) },
    };
  };
}
