import { type FormEvent, useState } from 'react';
import type { Thread } from '../../../shared/schemas/threads';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { PROBLEM_TEXT, checkReply, createReply } from '../data/writes';
import { timeAgo } from './format';
import { useLiveDocs } from './hooks';
import { Markdown } from './Markdown';

export function ThreadView({ threadId }: { threadId: string }) {
  const { docs: threads } = useLiveDocs('threads', { selector: { id: threadId } });
  const { docs: replies } = useLiveDocs('posts', {
    selector: { threadId },
    sort: [{ createdAt: 'asc' }],
  });
  const thread = threads[0];
  if (!thread) return <p className="muted">This thread is not on this device (yet).</p>;

  return (
    <article aria-labelledby="thread-title">
      <p>
        <a href={hrefFor({ name: 'community', communityId: thread.communityId })}>
          ← Back to the community
        </a>
      </p>
      <h1 id="thread-title">{thread.title}</h1>
      <p className="muted">
        {thread.authorName ?? 'A member'} · {timeAgo(thread.createdAt)}
      </p>
      <Markdown text={thread.body} />
      <h2>{replies.length === 0 ? 'No replies yet' : 'Replies'}</h2>
      <ol className="replies" aria-label="Replies">
        {replies.map((reply) => (
          <li key={reply.id} className="reply">
            <p className="muted">
              {reply.authorName ?? 'A member'} · {timeAgo(reply.createdAt)}
            </p>
            <Markdown text={reply.body} />
          </li>
        ))}
      </ol>
      <ReplyBox thread={thread} />
    </article>
  );
}

function ReplyBox({ thread }: { thread: Thread }) {
  const { db, session } = useServices();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = checkReply(body);
    if (problem) {
      setError(PROBLEM_TEXT[problem]);
      return;
    }
    try {
      await createReply(db, session, thread, body);
      setBody('');
      setError(null);
    } catch (caught) {
      setError(`Could not save the reply on this device: ${String(caught)}`);
    }
  }

  return (
    <form onSubmit={submit} className="composer" aria-label="Reply">
      <label>
        Your reply
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={4} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        Send reply
      </button>
    </form>
  );
}
