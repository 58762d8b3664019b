import { useMemo } from 'react';
import { type Membership, membershipId } from '../../../shared/schemas/memberships';
import { type ModerationDoc, moderationIdFor } from '../../../shared/schemas/moderation';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { useLiveDocs } from '../ui/hooks';
import { useLocalFlag } from '../ui/local-flags';
import { useMyMemberships } from '../ui/useMembership';
import { removalText } from './removal-text';

function useDecisionAboutMe(communityId: string): ModerationDoc | undefined {
  const { session } = useServices();
  const id = moderationIdFor(membershipId(communityId, session.userId));
  return useLiveDocs('moderation', { selector: { id } }).docs[0];
}

/** On the community page of a member who was removed: instead of a silent disappearance. */
export function RemovalNotice({
  communityId,
  communityName,
}: {
  communityId: string;
  communityName: string;
}) {
  const decision = useDecisionAboutMe(communityId);
  return (
    <p className="notice error" role="status">
      {removalText(communityName, decision)}
    </p>
  );
}

function BannerItem({
  membership,
  communityName,
}: {
  membership: Membership;
  communityName: string;
}) {
  const decision = useDecisionAboutMe(membership.communityId);
  const [dismissed, dismiss] = useLocalFlag(
    `removal-seen.${membership.id}.${decision?.updatedAt ?? membership.updatedAt}`,
  );
  if (dismissed) return null;
  return (
    <li>
      {removalText(communityName, decision)}{' '}
      <a href={hrefFor({ name: 'community', communityId: membership.communityId })}>
        Open the community page
      </a>{' '}
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </li>
  );
}

/** Across the app: the user learns they were removed wherever they are, once per decision. */
export function MembershipNotices() {
  const memberships = useMyMemberships();
  const { docs: communities } = useLiveDocs('communities', {});
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);
  const banned = [...memberships.values()].filter((m) => m.status === 'banned');
  if (banned.length === 0) return null;
  return (
    <ul className="membership-notices" aria-label="Membership notices">
      {banned.map((m) => (
        <BannerItem
          key={m.id}
          membership={m}
          communityName={names.get(m.communityId) ?? m.communityId}
        />
      ))}
    </ul>
  );
}
