/**
 * Making a user a moderator or partner of a community (or a plain member again). Memberships
 * are server-owned, so this is an operator's action: the admin command, or tests. The user
 * becomes an active member if they were not one; a banned user stays banned.
 */
import type { Community } from '../../shared/schemas/communities';
import type { WireDoc } from '../../shared/schemas/common';
import { type MemberRole, type Membership, membershipId } from '../../shared/schemas/memberships';
import type { Store, StoredRow } from '../store/types';
import { writeDoc } from '../sync/write';

export const ROLES: readonly MemberRole[] = ['member', 'moderator', 'partner'];

export type SetRoleResult =
  | { ok: true; membership: WireDoc<Membership>; rows: StoredRow[] }
  | { ok: false; error: 'unknown-user' | 'unknown-community' | 'banned' };

export async function setRole(
  store: Store,
  input: { communityId: string; username: string; role: MemberRole; now?: number },
): Promise<SetRoleResult> {
  const now = input.now ?? Date.now();
  const user = await store.findUserByUsername(input.username.trim().toLowerCase());
  if (!user) return { ok: false, error: 'unknown-user' };
  const community = (await store.getDocument(
    'communities',
    input.communityId,
  )) as WireDoc<Community> | null;
  if (!community || community._deleted) return { ok: false, error: 'unknown-community' };

  const id = membershipId(input.communityId, user.userId);
  return store.transaction(async (tx): Promise<SetRoleResult> => {
    const current = (await tx.get('memberships', id)) as WireDoc<Membership> | null;
    if (current?.status === 'banned' && !current._deleted) return { ok: false, error: 'banned' };
    const membership: WireDoc<Membership> = {
      id,
      updatedAt: now,
      communityId: input.communityId,
      userId: user.userId,
      role: input.role,
      status: 'active',
      _deleted: false,
    };
    const rows = await writeDoc(tx, 'memberships', membership);
    await tx.audit({
      at: now,
      kind: 'role',
      userId: null,
      subject: id,
      detail: { role: input.role, previousRole: current?.role ?? null },
    });
    return { ok: true, membership, rows };
  });
}
