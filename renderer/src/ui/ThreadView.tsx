import { type FormEvent, useMemo, useState } from 'react';
import type { Post } from '../../../shared/schemas/posts';
import type { Thread } from '../../../shared/schemas/threads';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { deleteDraft, replyDraftId } from '../data/drafts';
import { PROBLEM_TEXT, checkReply, createReply, editReply, withdraw } from '../data/writes';
import type { OutboxItem } from '../db/outbox-schema';
import { timeAgo } from './format';
import { useLiveDocs, useSyncStatus } from './hooks';
import { Markdown } from './Markdown';
import { OutboxBadge, deliveryLabel } from './OutboxBadge';
import { SaveIndicator } from './SaveIndicator';
import { useAutosavedDraft } from './useAutosave';

export function ThreadView({ threadId }: { threadId: string }) {
  const { docs: threads } = useLiveDocs('threads', { selector: { id: threadId } });
  const { docs: replies } = useLiveDocs('posts', {
    selector: { threadId },
    sort: [{ createdAt: 'asc' }],
  });
  const { docs: outbox } = useLiveDocs('outbox', { selector: { threadId } });
  const { docs: reviews } = useLiveDocs('moderation', { selector: { state: 'pending' } });
  const { connection } = useSyncStatus();
  const outboxById = useMemo(() => new Map(outbox.map((item) => [item.id, item])), [outbox]);
  const pendingReview = useMemo(() => new Set(reviews.map((m) => m.targetId)), [reviews]);
  const thread = threads[0];
  if (!thread) return <p className="muted">This thread is not on this device (yet).</p>;

  const badge = (id: string) => {
    const item = outboxById.get(id);
    return item ? (
      <OutboxBadge label={deliveryLabel(item, connection, pendingReview.has(id))} />
    ) : null;
  };

  return (
    <article aria-labelledby="thread-title">
      <p>
        <a href={hrefFor({ name: 'community', communityId: thread.communityId })}>
          ← Back to the community
        </a>
      </p>
      <h1 id="thread-title">{thread.title}</h1>
      <p className="muted">
        {thread.authorName ?? 'A member'} · {timeAgo(thread.createdAt)} {badge(thread.id)}
      </p>
      <Markdown text={thread.body} />
      <h2>{replies.length === 0 ? 'No replies yet' : 'Replies'}</h2>
      <ol className="replies" aria-label="Replies">
        {replies.map((reply) => (
          <ReplyItem
            key={reply.id}
            reply={reply}
            outboxItem={outboxById.get(reply.id)}
            badge={badge(reply.id)}
          />
        ))}
      </ol>
      <ReplyBox thread={thread} />
    </article>
  );
}

function ReplyItem({
  reply,
  outboxItem,
  badge,
}: {
  reply: Post;
  outboxItem?: OutboxItem;
  badge: React.ReactNode;
}) {
  const { db } = useServices();
  const [editing, setEditing] = useState<string | null>(null);
  // Still on this device only: the author may change their mind.
  const waiting = outboxItem?.state === 'queued';

  async function onWithdraw() {
    if (!window.confirm('Withdraw this reply? It has not been sent yet and will be deleted.'))
      return;
    await withdraw(db, 'posts', reply.id);
  }

  return (
    <li className="reply">
      <p className="muted">
        {reply.authorName ?? 'A member'} · {timeAgo(reply.createdAt)} {badge}
      </p>
      {editing === null ? (
        <Markdown text={reply.body} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (checkReply(editing)) return;
            void editReply(db, reply.id, editing).then(() => setEditing(null));
          }}
        >
          <label>
            Edit your reply
            <textarea value={editing} onChange={(e) => setEditing(e.target.value)} rows={3} />
          </label>
          <button type="submit" className="primary">
            Save
          </button>{' '}
          <button type="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </form>
      )}
      {waiting && editing === null && (
        <p className="reply-actions">
          <button type="button" onClick={() => setEditing(reply.body)}>
            Edit
          </button>{' '}
          <button type="button" onClick={() => void onWithdraw()}>
            Withdraw
          </button>
        </p>
      )}
    </li>
  );
}

function ReplyBox({ thread }: { thread: Thread }) {
  const { db, session } = useServices();
  const draftId = replyDraftId(session.userId, thread.id);
  const draft = useAutosavedDraft({
    id: draftId,
    kind: 'reply',
    communityId: thread.communityId,
    threadId: thread.id,
  });
  const [error, setError] = useState<string | null>(null);
  const body = draft.content.body;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = checkReply(body);
    if (problem) {
      setError(PROBLEM_TEXT[problem]);
      return;
    }
    try {
      draft.cancelPending();
      await createReply(db, session, thread, body);
      await deleteDraft(db, draftId);
      draft.update({ title: '', body: '' });
      draft.cancelPending();
      setError(null);
    } catch (caught) {
      setError(`Could not save the reply on this device: ${String(caught)}`);
    }
  }

  return (
    <form onSubmit={submit} className="composer" aria-label="Reply">
      <label>
        Your reply
        <textarea
          value={body}
          onChange={(e) => draft.update({ title: '', body: e.target.value })}
          rows={4}
          disabled={!draft.loaded}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-actions">
        <button type="submit" className="primary" disabled={!draft.loaded}>
          Send reply
        </button>
        <SaveIndicator state={draft.saveState} />
      </div>
    </form>
  );
}
