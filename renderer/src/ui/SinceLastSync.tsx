import { useEffect, useMemo, useState } from 'react';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { plural, timeAgo } from './format';
import { useLiveDocs } from './hooks';
import { sinceLastSyncRows } from './since-last-sync';
import { useMyMemberships } from './useMembership';

/**
 * After time offline: what others posted in the user's communities and followed therapies since
 * they last looked here (or, before the first look this session, since the last sync before
 * it), new threads first, then the threads with the most new replies.
 */
export function SinceLastSync() {
  const { sync, session } = useServices();
  // Fixed for as long as the page is open, so the list does not empty itself while being read;
  // leaving the page moves the baseline forward for the next visit.
  const [previousSyncAt] = useState(() => sync.getStatus().previousSyncAt);
  useEffect(() => () => sync.markSinceLastSyncSeen(), [sync]);
  const since = previousSyncAt ?? 0;

  const memberships = useMyMemberships();
  const communityIds = useMemo(
    () => [...memberships.values()].filter((m) => m.status === 'active').map((m) => m.communityId),
    [memberships],
  );
  const { docs: profiles } = useLiveDocs('profiles', { selector: { id: session.userId } });
  const followedTherapyIds = useMemo(() => profiles[0]?.followedTherapyIds ?? [], [profiles]);
  // New threads, and the threads new replies belong to (shared to the pages of followed
  // therapies, those arrive from other communities too).
  const { docs: recentThreads } = useLiveDocs('threads', {
    selector: { createdAt: { $gt: since } },
  });
  const { docs: posts } = useLiveDocs('posts', { selector: { createdAt: { $gt: since } } });
  const touchedIds = useMemo(() => [...new Set(posts.map((p) => p.threadId))], [posts]);
  const { docs: touchedThreads } = useLiveDocs('threads', {
    selector: { id: { $in: touchedIds } },
  });
  const { docs: communities } = useLiveDocs('communities', {});
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);

  const rows = useMemo(
    () =>
      sinceLastSyncRows({
        threads: [...recentThreads, ...touchedThreads],
        posts,
        since,
        userId: session.userId,
        communityIds,
        followedTherapyIds,
      }),
    [recentThreads, touchedThreads, posts, since, session.userId, communityIds, followedTherapyIds],
  );

  return (
    <section aria-labelledby="since-title">
      <h1 id="since-title">Since your last sync</h1>
      <p className="muted">
        {previousSyncAt
          ? `New in your communities and followed therapies since ${new Date(previousSyncAt).toLocaleString()}.`
          : 'Everything in your communities and followed therapies.'}
      </p>
      {rows.length === 0 && <p className="muted">Nothing new in your communities.</p>}
      <ul className="thread-list" aria-label="New since your last sync">
        {rows.map(({ thread, isNew, replies }) => (
          <li key={thread.id}>
            <a href={hrefFor({ name: 'thread', threadId: thread.id })}>{thread.title}</a>
            <span className="muted">
              {names.get(thread.communityId) ?? ''} · {isNew ? 'new thread' : ''}
              {isNew && replies > 0 ? ', ' : ''}
              {replies > 0 ? plural(replies, 'new reply', 'new replies') : ''} ·{' '}
              {timeAgo(thread.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
