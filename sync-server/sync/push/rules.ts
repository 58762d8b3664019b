/**
 * The per-row rules of a push, run inside the push transaction. Order matters:
 * 1. refusals that depend only on the row and the collection (server-owned, future clock);
 * 2. ownership: another user's document is refused, never compared, so its content cannot
 *    leak through a conflict answer;
 * 3. a replay of what is already stored succeeds without a write (idempotent pushes); a stored
 *    report can only be withdrawn;
 * 4. community rules (exists, unchanged, active membership or moderator, not locked, thread;
 *    for a moderation document, what it is about: membership-decisions.ts);
 * 5. the conflict check against assumedMasterState;
 * 6. the write, of newDocumentState exactly as pushed, and what follows from it
 *    (pre-moderation when a thread or post becomes visible, re-placing dependent rows, a
 *    membership following a decision), and its audit row (moderation, reports).
 */
import type { CollectionName } from '../../../shared/collections';
import { MAX_CLOCK_SKEW_MS, type RefusalCode } from '../../../shared/protocol';
import type { WireDoc } from '../../../shared/schemas/common';
import type { ModerationDoc } from '../../../shared/schemas/moderation';
import type { Report } from '../../../shared/schemas/reports';
import type { StoreTx, StoredRow } from '../../store/types';
import { jsonEqual } from '../deep-equal';
import { writeDoc } from '../write';
import { type CommunityCollection, checkCommunity } from './community-rules';
import { applyDecision, checkDecision } from './membership-decisions';
import type { PushRow } from './prepare';
import { holdForReview } from './premoderation';
import { checkReportTarget, reportChange } from './report-rules';

export type RowOutcome =
  | { kind: 'written'; rows: StoredRow[] }
  | { kind: 'unchanged' }
  | { kind: 'conflict'; master: WireDoc }
  | { kind: 'refused'; code: RefusalCode };

const SERVER_OWNED = new Set<CollectionName>(['communities', 'therapies', 'memberships']);

/** The field naming the only user who may write a document of each user-written collection. */
const OWNER_FIELD: Partial<Record<CollectionName, string>> = {
  threads: 'authorId',
  posts: 'authorId',
  reactions: 'userId',
  reports: 'reporterId',
  profiles: 'id',
  drafts: 'ownerId',
  journal: 'ownerId',
};

const IN_COMMUNITY = new Set<CollectionName>([
  'threads',
  'posts',
  'reactions',
  'moderation',
  'reports',
]);

/**
 * New, or brought back from a deletion. Review is due when content first becomes visible, not
 * when it is first stored: else content pushed as deleted, then restored, would never be held.
 */
const becomesVisible = (stored: WireDoc | null, next: WireDoc) =>
  !next._deleted && (!stored || stored._deleted);

const field = (doc: WireDoc, name: string) => (doc as unknown as Record<string, unknown>)[name];
const refuse = (code: RefusalCode): RowOutcome => ({ kind: 'refused', code });

export interface PushEnv {
  collection: CollectionName;
  userId: string;
  now: number;
}

export async function applyRow(tx: StoreTx, env: PushEnv, row: PushRow): Promise<RowOutcome> {
  const { collection, userId, now } = env;
  const next = row.newDocumentState;
  if (SERVER_OWNED.has(collection)) return refuse('read-only-collection');

  const latest = now + MAX_CLOCK_SKEW_MS;
  const createdAt = field(next, 'createdAt');
  if (next.updatedAt > latest || (typeof createdAt === 'number' && createdAt > latest)) {
    return refuse('future-timestamp');
  }

  const stored = await tx.get(collection, next.id);
  const ownerField = OWNER_FIELD[collection];
  if (ownerField) {
    if (field(next, ownerField) !== userId) return refuse('not-author');
    if (stored && field(stored, ownerField) !== userId) return refuse('not-author');
  }

  if (stored && jsonEqual(stored, next)) return { kind: 'unchanged' };
  const change = collection === 'reports' ? reportChange(stored, next) : null;
  if (change === 'report-final') return refuse(change);
  if (change === 'nothing') return { kind: 'unchanged' };

  let moderates = false;
  if (IN_COMMUNITY.has(collection)) {
    const facts = await checkCommunity(tx, collection as CommunityCollection, userId, next, stored);
    if (typeof facts === 'string') return refuse(facts);
    moderates = facts.moderates;
    if (collection === 'moderation') {
      const refusal = await checkDecision(tx, userId, next as WireDoc<ModerationDoc>);
      if (refusal) return refuse(refusal);
    }
    if (change === 'new') {
      const refusal = await checkReportTarget(tx, userId, next as WireDoc<Report>, moderates);
      if (refusal) return refuse(refusal);
    }
    // A thread or post may not borrow a community's or a membership's id: their moderation ids
    // would collide.
    if (!stored && (collection === 'threads' || collection === 'posts')) {
      if (await tx.get('communities', next.id)) return refuse('invalid');
      if (await tx.get('memberships', next.id)) return refuse('invalid');
    }
  } else if (collection === 'moderation') {
    return refuse('read-only-collection');
  }

  // Only reachable for a document the user may read (their own, or a moderation document of a
  // community they moderate). With nothing stored there is no master: the row is written.
  if (stored && !jsonEqual(stored, row.assumedMasterState)) {
    return { kind: 'conflict', master: stored };
  }

  const rows = await writeDoc(tx, collection, next);
  if (
    becomesVisible(stored, next) &&
    !moderates &&
    (collection === 'threads' || collection === 'posts')
  ) {
    // After the write: the pending decision then re-places the document (and names its author
    // as the decision's owner), all before the transaction commits.
    rows.push(...(await holdForReview(tx, collection, next, userId, now)));
  }
  if (collection === 'moderation') {
    const m = next as WireDoc<ModerationDoc>;
    await tx.audit({
      at: now,
      kind: 'moderation',
      userId,
      subject: m.targetId,
      detail: { communityId: m.communityId, state: m.state, deleted: m._deleted },
    });
    // A decision about a member: the membership follows it (and its own audit row says why).
    rows.push(...(await applyDecision(tx, userId, m, now)));
  }
  if (collection === 'reports') {
    // Ids and the reason only: the note is the reporter's own words, kept out of the audit.
    const r = next as WireDoc<Report>;
    await tx.audit({
      at: now,
      kind: 'report',
      userId,
      subject: r.targetId,
      detail: { reportId: r.id, communityId: r.communityId, reason: r.reason, deleted: r._deleted },
    });
  }
  return { kind: 'written', rows };
}
