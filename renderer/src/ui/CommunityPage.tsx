import { useMemo } from 'react';
import { hrefFor } from '../app/routes';
import { plural, timeAgo } from './format';
import { useLiveDocs } from './hooks';
import { Markdown } from './Markdown';
import { useMembershipActions, useMyMemberships } from './useMembership';

export function CommunityPage({ communityId }: { communityId: string }) {
  const { docs: communities } = useLiveDocs('communities', { selector: { id: communityId } });
  const { docs: threads } = useLiveDocs('threads', {
    selector: { communityId },
    sort: [{ updatedAt: 'desc' }],
  });
  const { docs: posts } = useLiveDocs('posts', { selector: { communityId } });
  const membership = useMyMemberships().get(communityId);
  const actions = useMembershipActions();
  const community = communities[0];

  // Latest activity: a thread moves up when someone replies to it.
  const rows = useMemo(() => {
    const stats = new Map<string, { replies: number; last: number }>();
    for (const post of posts) {
      const s = stats.get(post.threadId) ?? { replies: 0, last: 0 };
      s.replies += 1;
      s.last = Math.max(s.last, post.createdAt);
      stats.set(post.threadId, s);
    }
    return threads
      .map((thread) => {
        const s = stats.get(thread.id);
        return {
          thread,
          replies: s?.replies ?? 0,
          lastActivity: Math.max(thread.createdAt, s?.last ?? 0),
        };
      })
      .sort((a, b) => b.lastActivity - a.lastActivity);
  }, [threads, posts]);

  if (!community) return <p className="muted">This community is not on this device yet.</p>;
  const isMember = membership?.status === 'active';

  return (
    <section aria-labelledby="community-title">
      <p>
        <a href={hrefFor({ name: 'directory' })}>← All communities</a>
      </p>
      <h1 id="community-title">{community.name}</h1>
      <p className="muted">Started with {community.partner.name}</p>
      <p>{community.description}</p>
      {community.guidelines && (
        <details className="guidelines">
          <summary>Community guidelines</summary>
          <Markdown text={community.guidelines} />
        </details>
      )}
      {actions.error && (
        <p className="error" role="alert">
          {actions.error}
        </p>
      )}
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
      {!isMember && rows.length === 0 && (
        <p className="muted">Join to read and write in this community.</p>
      )}
      {isMember && rows.length === 0 && (
        <p className="muted">No threads yet. Start the first conversation.</p>
      )}
      <ul className="thread-list" aria-label="Threads">
        {rows.map(({ thread, replies, lastActivity }) => (
          <li key={thread.id}>
            <a href={hrefFor({ name: 'thread', threadId: thread.id })}>{thread.title}</a>
            <span className="muted">
              {thread.authorName ?? 'A member'} · {plural(replies, 'reply', 'replies')} ·{' '}
              {timeAgo(lastActivity)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
