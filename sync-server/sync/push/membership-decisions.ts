/**
 * Moderators' decisions about members: a moderation document whose target is a membership id
 * (`communityId:userId`). 'approved' lets a pending member in (or a removed one back in);
 * 'removed' takes a member out, or declines a request to join. The decision is the moderator's
 * document, stored exactly as pushed; the membership is the server's, and it follows the
 * decision in the same transaction, through the ordinary write path (a new seq, re-placing the
 * member's profile, a notice to the member's streams, which then lose the community at once).
 *
 * A decision cannot touch a moderator or partner (roles are the operator's, see admin/), nor the
 * moderator who writes it.
 */
import type { RefusalCode } from '../../../shared/protocol';
import type { WireDoc } from '../../../shared/schemas/common';
import type { Membership, MembershipStatus } from '../../../shared/schemas/memberships';
import type { ModerationDoc } from '../../../shared/schemas/moderation';
import type { StoreTx, StoredRow } from '../../store/types';
import { isModeratorRole } from '../channels';
import { membershipTarget } from '../placement';
import { writeDoc } from '../write';
import { checkModerationTarget } from './community-rules';

/** The membership status a decision leads to, from the current one. */
export function statusAfter(
  state: 'approved' | 'removed',
  current: MembershipStatus,
): MembershipStatus {
  if (state === 'removed') return 'banned';
  // Approval lets in who asked (pending) or was removed; it never pulls back who left.
  return current === 'pending' || current === 'banned' ? 'active' : current;
}

/**
 * Refusal code for a moderation document, or null. The writer is already known to moderate the
 * community (community-rules.ts); this checks what the decision is about.
 */
export async function checkDecision(
  tx: StoreTx,
  userId: string,
  doc: WireDoc<ModerationDoc>,
): Promise<RefusalCode | null> {
  const member = await membershipTarget(tx, doc);
  if (!member) {
    if (doc.state !== 'removed') return checkModerationTarget(tx, doc);
    // 'removed' is only for members: a membership id of this community that does not exist is
    // a missing target, anything else a wrong document.
    return doc.targetId.startsWith(`${doc.communityId}:`) ? 'thread-missing' : 'invalid';
  }
  // A decision about a member is changed by another decision, never withdrawn.
  if (doc._deleted || (doc.state !== 'approved' && doc.state !== 'removed')) return 'invalid';
  if (member._deleted) return 'thread-missing';
  if (doc.state === 'removed' && (member.userId === userId || isModeratorRole(member.role))) {
    return 'protected-member';
  }
  return null;
}

/**
 * After a decision about a member is stored: the membership follows it, and the audit says who
 * decided, why, and what changed. Returns the rows written (none for another kind of target).
 */
export async function applyDecision(
  tx: StoreTx,
  userId: string,
  doc: WireDoc<ModerationDoc>,
  now: number,
): Promise<StoredRow[]> {
  const member = await membershipTarget(tx, doc);
  if (!member || (doc.state !== 'approved' && doc.state !== 'removed')) return [];
  const status = statusAfter(doc.state, member.status);
  await tx.audit({
    at: now,
    kind: 'membership',
    userId,
    subject: member.id,
    detail: {
      communityId: member.communityId,
      member: member.userId,
      decision: doc.state,
      from: member.status,
      to: status,
      // The moderator's own words about why: an operator must be able to review removals.
      reason: doc.reason,
    },
  });
  if (status === member.status) return [];
  const next: WireDoc<Membership> = {
    ...member,
    status,
    updatedAt: Math.max(now, member.updatedAt + 1),
  };
  return writeDoc(tx, 'memberships', next);
}
