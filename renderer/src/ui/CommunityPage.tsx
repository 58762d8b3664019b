import { hrefFor } from '../app/routes';
import { CommunityTools } from '../moderation/CommunityTools';
import { RemovalNotice } from '../moderation/RemovalNotice';
import { useModeratedCommunities } from '../moderation/useRoles';
import { CrisisLineList } from './CrisisLines';
import { plural } from './format';
import { useLiveDocs } from './hooks';
import { Markdown } from './Markdown';
import { PinnedResources } from './PinnedResources';
import { ThreadList } from './ThreadList';
import { useMembershipActions, useMyMemberships } from './useMembership';
import { WelcomeMessage } from './WelcomeMessage';

export function CommunityPage({ communityId }: { communityId: string }) {
  const { docs: communities } = useLiveDocs('communities', { selector: { id: communityId } });
  const { docs: states } = useLiveDocs('threadState', {
    selector: { communityId },
    sort: [{ lastActivityAt: 'desc' }],
  });
  const { docs: members } = useLiveDocs('memberships', {
    selector: { communityId, status: 'active' },
  });
  const membership = useMyMemberships().get(communityId);
  const moderates = useModeratedCommunities().has(communityId);
  const actions = useMembershipActions();
  const community = communities[0];
  // Rows of threads that are only on the device as reading state (never synced) are left out.
  const rows = states.filter((state) => state.lastActivityAt > 0);

  if (!community) return <p className="muted">This community is not on this device yet.</p>;
  const isMember = membership?.status === 'active';
  const removed = membership?.status === 'banned';
  // The server's count reaches everyone; an older server sends none, and then only members,
  // who hold the community's memberships, can count them here.
  const memberCount = community.memberCount ?? (isMember ? members.length : undefined);

  return (
    <section aria-labelledby="community-title">
      <p>
        <a href={hrefFor({ name: 'directory' })}>← All communities</a>
      </p>
      <h1 id="community-title">{community.name}</h1>
      <p className="muted">
        Started with {community.partner.name}
        {memberCount !== undefined ? ` · ${plural(memberCount, 'member', 'members')}` : ''}
      </p>
      {moderates && <CommunityTools communityId={communityId} />}
      {isMember && <WelcomeMessage community={community} />}
      <p>{community.description}</p>
      {community.guidelines && (
        <details className="guidelines">
          <summary>Community guidelines</summary>
          <Markdown text={community.guidelines} />
        </details>
      )}
      <PinnedResources resources={community.pinnedResources ?? []} />
      <details className="crisis-lines-details">
        <summary>Need help now? Crisis lines</summary>
        <CrisisLineList communityId={communityId} />
      </details>
      {actions.error && (
        <p className="error" role="alert">
          {actions.error}
        </p>
      )}
      {removed ? (
        <RemovalNotice communityId={communityId} communityName={community.name} />
      ) : (
        <div className="toolbar">
          {isMember ? (
            <a className="button primary" href={hrefFor({ name: 'new-thread', communityId })}>
              New thread
            </a>
          ) : membership?.status === 'pending' ? (
            <span className="tag pending">Request pending</span>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={actions.busy === communityId}
              onClick={() => actions.join(communityId)}
            >
              {community.joinPolicy === 'open' ? 'Join this community' : 'Ask to join'}
            </button>
          )}
        </div>
      )}
      {!isMember && !removed && rows.length === 0 && (
        <p className="muted">Join to read and write in this community.</p>
      )}
      {isMember && rows.length === 0 && (
        <p className="muted">No threads yet. Start the first conversation.</p>
      )}
      {/* Removed: the community is no longer listed for them, only why. */}
      {!removed && rows.length > 0 && <ThreadList states={rows} />}
    </section>
  );
}
