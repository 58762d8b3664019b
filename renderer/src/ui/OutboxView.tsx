import { useMemo } from 'react';
import { hrefFor } from '../app/routes';
import { refusalText } from './refusal-text';
import { timeAgo } from './format';
import { useLiveDocs, useSyncStatus } from './hooks';
import { OutboxBadge, deliveryLabel } from './OutboxBadge';

/** Everything the user published from this device, newest first, with where it is. */
export function OutboxView() {
  const { docs: items } = useLiveDocs('outbox', { sort: [{ updatedAt: 'desc' }] });
  const { docs: reviews } = useLiveDocs('moderation', { selector: { state: 'pending' } });
  const { docs: communities } = useLiveDocs('communities', {});
  const { connection } = useSyncStatus();
  const pendingReview = useMemo(() => new Set(reviews.map((m) => m.targetId)), [reviews]);
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);

  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">Outbox</h1>
      <p className="muted">What you posted from this device and where it is on its way.</p>
      {items.length === 0 && <p className="muted">Nothing posted from this device yet.</p>}
      <ul className="thread-list" aria-label="Outbox">
        {items.map((item) => (
          <li key={item.id}>
            {item.state === 'refused' ? (
              <span>{item.preview}</span>
            ) : (
              <a href={hrefFor({ name: 'thread', threadId: item.threadId })}>{item.preview}</a>
            )}
            <span className="muted">
              {item.kind === 'thread' ? 'Thread' : 'Reply'} in{' '}
              {names.get(item.communityId) ?? 'a community'} · {timeAgo(item.updatedAt)}{' '}
              <OutboxBadge label={deliveryLabel(item, connection, pendingReview.has(item.id))} />
            </span>
            {item.state === 'refused' && (
              <span className="error">
                {refusalText(item.refusal, names.get(item.communityId))}{' '}
                {item.draftId && <a href={hrefFor({ name: 'drafts' })}>Your text is in Drafts.</a>}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
