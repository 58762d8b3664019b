import { useMemo } from 'react';
import type { MemberRole } from '../../../shared/schemas/memberships';
import { useServices } from '../app/services';
import { useLiveDocs } from '../ui/hooks';

/** Community ids where the user is an active moderator or partner. */
export function useModeratedCommunities(): Set<string> {
  const { session } = useServices();
  const { docs } = useLiveDocs('memberships', {
    selector: { userId: session.userId, status: 'active' },
  });
  return useMemo(
    () =>
      new Set(
        docs
          .filter((m) => m.role === 'moderator' || m.role === 'partner')
          .map((m) => m.communityId),
      ),
    [docs],
  );
}

/** Roles of the active members of a community (for the badges beside names). */
export function useCommunityRoles(communityId: string): Map<string, MemberRole> {
  const { docs } = useLiveDocs('memberships', { selector: { communityId, status: 'active' } });
  return useMemo(() => new Map(docs.map((m) => [m.userId, m.role])), [docs]);
}

export function RoleBadge({ role }: { role: MemberRole | undefined }) {
  if (role !== 'moderator' && role !== 'partner') return null;
  return (
    <span className={`role-badge ${role}`}>{role === 'partner' ? 'Partner' : 'Moderator'}</span>
  );
}
