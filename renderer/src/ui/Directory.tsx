import { useMemo, useState } from 'react';
import type { Community } from '../../../shared/schemas/communities';
import type { Membership } from '../../../shared/schemas/memberships';
import { hrefFor } from '../app/routes';
import { useLiveDocs } from './hooks';
import { useMembershipActions, useMyMemberships } from './useMembership';

const PARTNER_KIND: Record<Community['partner']['kind'], string> = {
  'medical-center': 'Medical center',
  advocacy: 'Advocacy organization',
  'parent-group': 'Parent group',
  research: 'Research group',
  other: 'Partner',
};

export function Directory() {
  const { docs: communities, loading } = useLiveDocs('communities', { sort: [{ id: 'asc' }] });
  const memberships = useMyMemberships();
  const actions = useMembershipActions();
  const [filter, setFilter] = useState('');

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const sorted = [...communities].sort((a, b) => a.name.localeCompare(b.name));
    if (!needle) return sorted;
    return sorted.filter(
      (c) =>
        c.name.toLowerCase().includes(needle) ||
        c.conditionTags.some((tag) => tag.toLowerCase().includes(needle)) ||
        c.partner.name.toLowerCase().includes(needle),
    );
  }, [communities, filter]);

  return (
    <section aria-labelledby="directory-title">
      <h1 id="directory-title">Communities</h1>
      <input
        type="search"
        className="filter"
        placeholder="Find a community by condition or partner"
        aria-label="Find a community"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      {actions.error && (
        <p className="error" role="alert">
          {actions.error}
        </p>
      )}
      {loading ? (
        <p className="muted">Loading communities…</p>
      ) : communities.length === 0 ? (
        <p className="muted">No communities on this device yet. They arrive with the first sync.</p>
      ) : (
        <ul className="cards">
          {shown.map((community) => (
            <li key={community.id} className="card" aria-label={community.name}>
              <h2>
                <a href={hrefFor({ name: 'community', communityId: community.id })}>
                  {community.name}
                </a>
              </h2>
              <p className="muted">
                With {community.partner.name} · {PARTNER_KIND[community.partner.kind]}
              </p>
              <p>{community.description}</p>
              <div className="card-actions">
                <span className="tag">
                  {community.joinPolicy === 'open' ? 'Open to all' : 'Join by approval'}
                </span>
                <MembershipButton
                  community={community}
                  membership={memberships.get(community.id)}
                  busy={actions.busy === community.id}
                  onJoin={() => actions.join(community.id)}
                  onLeave={() => actions.leave(community.id)}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MembershipButton(props: {
  community: Community;
  membership: Membership | undefined;
  busy: boolean;
  onJoin: () => void;
  onLeave: () => void;
}) {
  const status = props.membership?.status;
  if (props.busy) return <button disabled>Please wait…</button>;
  if (status === 'active')
    return (
      <button type="button" onClick={props.onLeave} aria-label={`Leave ${props.community.name}`}>
        Leave
      </button>
    );
  if (status === 'pending') return <span className="tag pending">Request pending</span>;
  if (status === 'banned') return <span className="tag">Removed by moderators</span>;
  return (
    <button
      type="button"
      className="primary"
      onClick={props.onJoin}
      aria-label={`${props.community.joinPolicy === 'open' ? 'Join' : 'Ask to join'} ${props.community.name}`}
    >
      {props.community.joinPolicy === 'open' ? 'Join' : 'Ask to join'}
    </button>
  );
}
