import { useMemo } from 'react';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { plural, timeAgo } from './format';
import { useLiveDocs, useSyncStatus } from './hooks';
import { useMyMemberships } from './useMembership';

/**
 * After time offline: what is new in the user's communities and followed therapies since the
 * sync before this session, threads with the most new activity first.
 */
export function SinceLastSync() {
  const { previousSyncAt } = useSyncStatus();
  const since = previousSyncAt ?? 0;
  const memberships = useMyMemberships();
  const mine = useMemo(
    () => [...memberships.values()].filter((m) => m.status === 'active').map((m) => m.communityId),
    [memberships],
  );
  const { session } = useServices();
  const { docs: profiles } = useLiveDocs('profiles', { selector: { id: session.userId } });
  const followed = useMemo(() => new Set(profiles[0]?.followedTherapyIds ?? []), [profiles]);
  // New threads and replies in the user's communities, and in threads shared to the pages of
  // therapies they follow (those arrive from other communities too).
  const { docs: recentThreads } = useLiveDocs('threads', {
    selector: { createdAt: { $gt: since } },
  });
  const { docs: posts } = useLiveDocs('posts', { selector: { createdAt: { $gt: since } } });
  const touchedIds = useMemo(() => [...new Set(posts.map((p) => p.threadId))], [posts]);
  const { docs: touchedThreads } = useLiveDocs('threads', {
    selector: { id: { $in: touchedIds } },
  });
  const threads = useMemo(() => {
    const relevant = (t: { communityId: string; therapyIds: string[] }) =>
      mine.includes(t.communityId) || t.therapyIds.some((id) => followed.has(id));
    const byId = new Map(
      [...recentThreads, ...touchedThreads].filter(relevant).map((t) => [t.id, t]),
    );
    return [...byId.values()];
  }, [recentThreads, touchedThreads, mine, followed]);
  const { docs: communities } = useLiveDocs('communities', {});
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);

  const rows = useMemo(() => {
    const newReplies = new Map<string, number>();
    for (const post of posts)
      newReplies.set(post.threadId, (newReplies.get(post.threadId) ?? 0) + 1);
    return threads
      .map((thread) => ({
        thread,
        isNew: thread.createdAt > since,
        replies: newReplies.get(thread.id) ?? 0,
      }))
      .filter((row) => row.isNew || row.replies > 0)
      .sort(
        (a, b) =>
          Number(b.isNew) + b.replies - (Number(a.isNew) + a.replies) ||
          b.thread.createdAt - a.thread.createdAt,
      );
  }, [threads, posts, since]);

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
