import { useMemo, useState } from 'react';
import type { ModerationDoc } from '../../../shared/schemas/moderation';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { timeAgo } from '../ui/format';
import { useLiveDocs } from '../ui/hooks';
import { Markdown } from '../ui/Markdown';
import { approve, decline } from './decisions';
import { ReportsQueue } from './ReportsQueue';
import { useModeratedCommunities } from './useRoles';

/**
 * First posts of new members waiting for review in the communities the user moderates, and
 * what members reported there. Decisions are saved on the device and sync like everything else
 * (they work offline).
 */
export function ModerationQueue() {
  const moderated = useModeratedCommunities();
  const ids = useMemo(() => [...moderated], [moderated]);
  const { docs: pending } = useLiveDocs('moderation', {
    selector: { state: 'pending', communityId: { $in: ids } },
    sort: [{ updatedAt: 'asc' }],
  });
  const { docs: communities } = useLiveDocs('communities', {});
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);

  return (
    <section aria-labelledby="moderation-title">
      <h1 id="moderation-title">Review queue</h1>
      {ids.length === 0 ? (
        <p className="muted">You do not moderate a community.</p>
      ) : pending.length === 0 ? (
        <p className="muted">
          Nothing waits for review in {ids.map((id) => names.get(id) ?? id).join(', ')}.
        </p>
      ) : (
        <ul className="review-list" aria-label="Waiting for review">
          {pending.map((item) => (
            <ReviewItem
              key={item.id}
              item={item}
              communityName={names.get(item.communityId) ?? ''}
            />
          ))}
        </ul>
      )}
      {ids.length > 0 && <ReportsQueue communityIds={ids} communityNames={names} />}
    </section>
  );
}

function ReviewItem({ item, communityName }: { item: ModerationDoc; communityName: string }) {
  const { db, session } = useServices();
  const { docs: threads } = useLiveDocs('threads', { selector: { id: item.targetId } });
  const { docs: posts } = useLiveDocs('posts', { selector: { id: item.targetId } });
  const [declining, setDeclining] = useState<string | null>(null);
  const thread = threads[0];
  const post = posts[0];
  const target = { id: item.targetId, communityId: item.communityId };
  const author = thread?.authorName ?? post?.authorName ?? 'A new member';

  return (
    <li className="card review-item">
      <p className="muted">
        {thread ? 'New thread' : 'Reply'} by {author} in {communityName} · {timeAgo(item.updatedAt)}
        {post && (
          <>
            {' '}
            · <a href={hrefFor({ name: 'thread', threadId: post.threadId })}>open the thread</a>
          </>
        )}
      </p>
      {thread && <h2>{thread.title}</h2>}
      {thread || post ? (
        <Markdown text={thread?.body ?? post?.body ?? ''} />
      ) : (
        <p className="muted">The text has not arrived on this device yet.</p>
      )}
      {declining === null ? (
        <p>
          <button
            type="button"
            className="primary"
            onClick={() => void approve(db, session.userId, target)}
          >
            Approve
          </button>{' '}
          <button type="button" onClick={() => setDeclining('')}>
            Decline…
          </button>
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void decline(db, session.userId, target, declining);
          }}
        >
          <label>
            Reason, shown to the author with their text
            <input
              value={declining}
              onChange={(e) => setDeclining(e.target.value)}
              maxLength={300}
            />
          </label>
          <button type="submit" className="primary">
            Decline
          </button>{' '}
          <button type="button" onClick={() => setDeclining(null)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}
