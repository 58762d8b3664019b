/**
 * Rules for members' reports (after the community rules: the reporter is an active member).
 * A report is written once, about a thread or reply its reporter can see, and carries a
 * snapshot of that target as the server holds it at that moment, so moderators read what was
 * reported even if the author edits it later. After it is stored, the reporter may only
 * withdraw it (delete it as it is); nobody else may touch it (the owner rule).
 */
import type { RefusalCode } from '../../../shared/protocol';
import type { WireDoc } from '../../../shared/schemas/common';
import type { Post } from '../../../shared/schemas/posts';
import { type Report, sameSnapshot, snapshotOf } from '../../../shared/schemas/reports';
import type { Thread } from '../../../shared/schemas/threads';
import type { StoreTx } from '../../store/types';
import { jsonEqual } from '../deep-equal';
import { moderationStateOf } from '../placement';

/**
 * What a push may do to a report, given what is stored: 'new' (check it, then store it),
 * 'withdraw' (a deletion of the stored report, unchanged otherwise), 'nothing' (withdrawing a
 * report that never reached the server: there is nothing to delete), or a refusal.
 */
export function reportChange(
  stored: WireDoc | null,
  next: WireDoc,
): 'new' | 'withdraw' | 'nothing' | 'report-final' {
  if (!stored) return next._deleted ? 'nothing' : 'new';
  if (stored._deleted || !next._deleted) return 'report-final';
  return jsonEqual(withoutVersion(stored), withoutVersion(next)) ? 'withdraw' : 'report-final';
}

function withoutVersion(doc: WireDoc): Record<string, unknown> {
  const { updatedAt: _updatedAt, _deleted, ...fields } = doc as unknown as Record<string, unknown>;
  return fields;
}

/**
 * The target must be a thread or reply of the report's community that the reporter can see
 * (reporting what they cannot see would reveal that it exists), and the snapshot must be what
 * it says now: else 'report-outdated', and the app reports again with a fresh snapshot.
 */
export async function checkReportTarget(
  tx: StoreTx,
  userId: string,
  report: WireDoc<Report>,
  moderates: boolean,
): Promise<RefusalCode | null> {
  const collection = report.targetKind === 'thread' ? 'threads' : 'posts';
  const target = (await tx.get(collection, report.targetId)) as WireDoc<Thread | Post> | null;
  if (!target || target._deleted || target.communityId !== report.communityId) {
    return 'thread-missing';
  }
  const threadId = collection === 'threads' ? target.id : (target as Post).threadId;
  if (report.threadId !== threadId) return 'thread-missing';
  const state = await moderationStateOf(tx, target.id);
  if ((state === 'pending' || state === 'hidden') && !moderates && target.authorId !== userId) {
    return 'thread-missing';
  }
  return sameSnapshot(report.snapshot, snapshotOf(target)) ? null : 'report-outdated';
}
