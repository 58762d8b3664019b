import { useMemo, useState } from 'react';
import type { Community } from '../../../shared/schemas/communities';
import type { Membership } from '../../../shared/schemas/memberships';
import { hrefFor } from '../app/routes';
import { conditionLabel, conditionsOf, matchesCommunity } from './directory-filter';
import { plural } from './format';
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
  const [text, setText] = useState('');
  const [condition, setCondition] = useState('');

  const conditions = useMemo(() => conditionsOf(communities), [communities]);
  const shown = useMemo(
    () =>
      [...communities]
        .sort((a, b) => a.name.localeCompare(b.name))
        .filter((c) => matchesCommunity(c, { text, condition })),
    [communities, text, condition],
  );
  const filtering = text.trim() !== '' || condition !== '';

  return (
    <section aria-labelledby="directory-title">
      <h1 id="directory-title">Communities</h1>
      {/* Laid out here rather than in styles.css, which other screens' work is changing. */}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem 1rem', alignItems: 'end' }}>
        <input
          type="search"
          className="filter"
          placeholder="Find a community by condition, partner or description"
          aria-label="Find a community"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <label>
          Condition
          <select value={condition} onChange={(e) => setCondition(e.target.value)}>
            <option value="">All conditions</option>
            {conditions.map(({ tag, label }) => (
              <option key={tag} value={tag}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {actions.error && (
        <p className="error" role="alert">
          {actions.error}
        </p>
      )}
      {/* Announced as the filter narrows: a screen-reader user hears what the typing did. */}
      <p className="muted" role="status">
        {filtering && !loading
          ? shown.length === 0
            ? 'No community matches. Try another word, or all conditions.'
            : `${plural(shown.length, 'community', 'communities')} found`
          : ''}
      </p>
      {loading ? (
        <p className="muted">Loading communities…</p>
      ) : communities.length === 0 ? (
        <p className="muted">No communities on this device yet. They arrive with the first sync.</p>
      ) : (
        <ul className="cards">
          {shown.map((community) => (
            <CommunityCard
              key={community.id}
              community={community}
              membership={memberships.get(community.id)}
              busy={actions.busy === community.id}
              onJoin={() => actions.join(community.id)}
              onLeave={() => actions.leave(community.id)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function CommunityCard(props: {
  community: Community;
  membership: Membership | undefined;
  busy: boolean;
  onJoin: () => void;
  onLeave: () => void;
}) {
  const { community } = props;
  return (
    <li className="card" aria-label={community.name}>
      <h2>
        <a href={hrefFor({ name: 'community', communityId: community.id })}>{community.name}</a>
      </h2>
      <p className="muted">
        With {community.partner.name} · {PARTNER_KIND[community.partner.kind]}
      </p>
      <p>{community.description}</p>
      {community.conditionTags.length > 0 && (
        <p className="chips">
          <span className="sr-only">Conditions: </span>
          {community.conditionTags.map((tag) => (
            <span key={tag} className="tag">
              {conditionLabel(tag)}
            </span>
          ))}
        </p>
      )}
      {/* An older server sends no count: then nothing is shown rather than a wrong zero. */}
      {community.memberCount !== undefined && (
        <p className="muted" data-testid="member-count">
          {plural(community.memberCount, 'member', 'members')}
        </p>
      )}
      <div className="card-actions">
        <span className="tag">
          {community.joinPolicy === 'open' ? 'Open to all' : 'Join by approval'}
        </span>
        <MembershipButton {...props} />
      </div>
    </li>
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
