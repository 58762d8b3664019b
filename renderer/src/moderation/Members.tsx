import { useMemo } from 'react';
import type { Membership } from '../../../shared/schemas/memberships';
import type { ModerationDoc } from '../../../shared/schemas/moderation';
import { hrefFor } from '../app/routes';
import { plural } from '../ui/format';
import { useLiveDocs, useSyncStatus } from '../ui/hooks';
import { refusalText } from '../ui/refusal-text';
import { MemberRow } from './MemberRow';
import { useModeratedCommunities } from './useRoles';

/** What the moderator sees about one member: who, their membership, and our latest decision. */
export interface MemberView {
  membership: Membership;
  name: string;
  decision: ModerationDoc | undefined;
  /** a decision made on this device that the membership does not show yet */
  waiting: 'removal' | 'approval' | null;
  /** why the server refused our decision, in words */
  refused: string | null;
}

function waitingFor(membership: Membership, decision: ModerationDoc | undefined) {
  if (!decision) return null;
  if (decision.state === 'removed' && membership.status !== 'banned') return 'removal';
  if (decision.state === 'approved' && ['pending', 'banned'].includes(membership.status)) {
    return 'approval';
  }
  return null;
}

/**
 * Members and requests to join one community, for its moderators and partners: approve or
 * decline requests, remove a member (with a reason, after a confirmation), let a removed member
 * back in. Decisions are saved on this device and sync like every other moderation decision,
 * so they work offline; the server applies them to the membership and records who and why.
 */
export function MembersPage({ communityId }: { communityId: string }) {
  const moderated = useModeratedCommunities();
  const { docs: communities } = useLiveDocs('communities', { selector: { id: communityId } });
  const { docs: memberships } = useLiveDocs('memberships', { selector: { communityId } });
  const targetIds = memberships.map((m) => m.id);
  const { docs: decisions } = useLiveDocs('moderation', {
    selector: { communityId, targetId: { $in: targetIds } },
  });
  const { docs: profiles } = useLiveDocs('profiles', {
    selector: { id: { $in: memberships.map((m) => m.userId) } },
  });
  const { refusals } = useSyncStatus();
  const community = communities[0];

  const views = useMemo(() => {
    const names = new Map(profiles.map((p) => [p.id, p.displayName]));
    const byTarget = new Map(decisions.map((d) => [d.targetId, d]));
    const refusedById = new Map(
      refusals.filter((r) => r.collection === 'moderation').map((r) => [r.id, r.error]),
    );
    return memberships
      .map((membership): MemberView => {
        const decision = byTarget.get(membership.id);
        const refusal = decision ? refusedById.get(decision.id) : undefined;
        return {
          membership,
          name: names.get(membership.userId) ?? 'A member whose profile is not on this device',
          decision,
          waiting: refusal ? null : waitingFor(membership, decision),
          refused: refusal ? refusalText(refusal, community?.name) : null,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }, [memberships, decisions, profiles, refusals, community?.name]);

  if (!moderated.has(communityId)) {
    return (
      <p className="muted">Only the moderators and partners of this community see its members.</p>
    );
  }
  const requests = views.filter((v) => v.membership.status === 'pending');
  const active = views.filter((v) => v.membership.status === 'active');
  const removed = views.filter((v) => v.membership.status === 'banned');
  const name = community?.name ?? communityId;

  return (
    <section aria-labelledby="members-title">
      <p>
        <a href={hrefFor({ name: 'community', communityId })}>← {name}</a>
      </p>
      <h1 id="members-title">Members of {name}</h1>
      <p className="muted">
        Decisions are saved on this device at once and reach the server with the next sync. The
        member sees your reason.
      </p>

      <h2 id="requests-title">Requests to join ({requests.length})</h2>
      {requests.length === 0 ? (
        <p className="muted">No one is waiting.</p>
      ) : (
        <ul className="member-list" aria-labelledby="requests-title">
          {requests.map((view) => (
            <MemberRow key={view.membership.id} view={view} communityName={name} />
          ))}
        </ul>
      )}

      <h2 id="active-title">{plural(active.length, 'member', 'members')}</h2>
      <ul className="member-list" aria-labelledby="active-title">
        {active.map((view) => (
          <MemberRow key={view.membership.id} view={view} communityName={name} />
        ))}
      </ul>

      {removed.length > 0 && (
        <>
          <h2 id="removed-title">Removed or declined ({removed.length})</h2>
          <ul className="member-list" aria-labelledby="removed-title">
            {removed.map((view) => (
              <MemberRow key={view.membership.id} view={view} communityName={name} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
