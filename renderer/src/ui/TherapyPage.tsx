import { useMemo, useState } from 'react';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { setTherapyFollowed } from '../data/profile';
import { timeAgo } from './format';
import { useLiveDocs } from './hooks';

const conditionName = (slug: string) => slug.replace(/-/g, ' ');

/** One therapy: its names, what it is used for, and the threads about it from every community. */
export function TherapyPage({ therapyId }: { therapyId: string }) {
  const { db, session, sync } = useServices();
  const { docs: therapies } = useLiveDocs('therapies', { selector: { id: therapyId } });
  const { docs: threads } = useLiveDocs('threads', {
    selector: { therapyIds: { $elemMatch: { $eq: therapyId } } },
    sort: [{ createdAt: 'desc' }],
  });
  const { docs: communities } = useLiveDocs('communities', {});
  const { docs: profiles } = useLiveDocs('profiles', { selector: { id: session.userId } });
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);
  const [note, setNote] = useState<string | null>(null);
  const therapy = therapies[0];
  if (!therapy) return <p className="muted">This therapy is not on this device yet.</p>;
  const following = profiles[0]?.followedTherapyIds?.includes(therapyId) ?? false;

  async function toggleFollow() {
    const ok = await setTherapyFollowed(db, session.userId, therapyId, !following);
    setNote(
      ok
        ? null
        : 'Your profile has not arrived on this device yet; try again after the first sync.',
    );
    if (ok) sync.syncNow();
  }

  return (
    <section aria-labelledby="therapy-title">
      <p>
        <a href={hrefFor({ name: 'therapies' })}>← All therapies</a>
      </p>
      <h1 id="therapy-title">{therapy.name}</h1>
      {therapy.aliases.length > 0 && (
        <p className="muted">Also known as {therapy.aliases.join(', ')}</p>
      )}
      <p>Used for: {therapy.conditions.map(conditionName).join(', ')}</p>
      <button
        type="button"
        className={following ? '' : 'primary'}
        aria-pressed={following}
        onClick={() => void toggleFollow()}
      >
        {following ? 'Following' : 'Follow this therapy'}
      </button>
      {note && <p className="error">{note}</p>}
      <h2>Conversations</h2>
      {threads.length === 0 && (
        <p className="muted">
          {following
            ? 'No shared conversations about it yet.'
            : 'Follow this therapy to receive the conversations shared about it from every community.'}
        </p>
      )}
      <ul className="thread-list" aria-label="Threads about this therapy">
        {threads.map((thread) => (
          <li key={thread.id}>
            <a href={hrefFor({ name: 'thread', threadId: thread.id })}>{thread.title}</a>
            <span className="muted">
              In {names.get(thread.communityId) ?? 'another community'} ·{' '}
              {thread.authorName ?? 'A member'} · {timeAgo(thread.createdAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
