/**
 * Every community carries how many active members it has (`memberCount`), so that people
 * deciding whether to join see it too: memberships themselves reach members only
 * (channels.ts). The count follows each membership write in the same transaction, whatever
 * made it (a join or leave route, a moderator's decision, the operator's role change, the seed),
 * because every one of them goes through writeDoc (write.ts).
 */
import type { Community } from '../../shared/schemas/communities';
import type { WireDoc } from '../../shared/schemas/common';
import type { Membership } from '../../shared/schemas/memberships';
import type { StoreTx } from '../store/types';

/** Whether a membership counts: active, and not a tombstone. */
export function countsAsMember(membership: WireDoc | null | undefined): boolean {
  const m = membership as WireDoc<Membership> | null | undefined;
  return !!m && !m._deleted && m.status === 'active';
}

/**
 * The community with its count moved by a membership's change from `before` to `after`, or null
 * when the count does not change (or the community is unknown). `updatedAt` stays: it stamps
 * the partner's edits (their `baseUpdatedAt`), which a stranger joining must not turn into an
 * edit conflict. The caller writes it with a new seq, which is what brings it to every client.
 */
export async function communityAfterMembershipChange(
  tx: StoreTx,
  before: WireDoc | null,
  after: WireDoc,
): Promise<WireDoc<Community> | null> {
  const change = Number(countsAsMember(after)) - Number(countsAsMember(before));
  if (change === 0) return null;
  const communityId = (after as WireDoc<Membership>).communityId;
  const community = (await tx.get('communities', communityId)) as WireDoc<Community> | null;
  if (!community) return null;
  const memberCount = Math.max(0, (community.memberCount ?? 0) + change);
  return { ...community, memberCount };
}
