/**
 * The author's own thread while it still waits on this device to be sent: it can be edited
 * (title and body) or withdrawn, like a waiting reply. Once sent it is the community's.
 */
import { type FormEvent, useState } from 'react';
import type { Thread } from '../../../shared/schemas/threads';
import { navigate } from '../app/routes';
import { useServices } from '../app/services';
import { PROBLEM_TEXT, checkThread, editThread, withdraw } from '../data/writes';

export function WaitingThreadActions({ thread, onEdit }: { thread: Thread; onEdit(): void }) {
  const { db } = useServices();

  async function onWithdraw() {
    if (!window.confirm('Withdraw this thread? It has not been sent yet and will be deleted.'))
      return;
    await withdraw(db, 'threads', thread.id);
    navigate({ name: 'community', communityId: thread.communityId }, { replace: true });
  }

  return (
    <p className="reply-actions">
      <button type="button" onClick={onEdit}>
        Edit thread
      </button>{' '}
      <button type="button" onClick={() => void onWithdraw()}>
        Withdraw thread
      </button>
    </p>
  );
}

export function ThreadEditForm({ thread, onDone }: { thread: Thread; onDone(): void }) {
  const { db } = useServices();
  const [title, setTitle] = useState(thread.title);
  const [body, setBody] = useState(thread.body);
  const [error, setError] = useState<string | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    const problem = checkThread({ title, body });
    if (problem) {
      setError(PROBLEM_TEXT[problem]);
      return;
    }
    await editThread(db, thread.id, { title, body });
    onDone();
  }

  return (
    <form onSubmit={(event) => void save(event)} aria-label="Edit your thread">
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        Text
        <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={6} />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        Save
      </button>{' '}
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}
