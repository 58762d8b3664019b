/**
 * Share a passage of an entry into a thread. Two steps: choose the passage and where it goes,
 * then a preview of exactly what the community will see. Only the passage is posted.
 */
import { useMemo, useState } from 'react';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { PROBLEM_TEXT } from '../data/writes';
import { useLiveDocs } from '../ui/hooks';
import { Markdown } from '../ui/Markdown';
import { type ShareTarget, checkExcerpt, shareExcerpt } from './excerpt';

interface Props {
  initial: string;
  onClose(): void;
  onShared(threadId: string): void;
}

export function ShareExcerpt({ initial, onClose, onShared }: Props) {
  const { db, session } = useServices();
  const { docs: memberships } = useLiveDocs('memberships', {
    selector: { userId: session.userId, status: 'active' },
  });
  const communityIds = memberships.map((m) => m.communityId);
  const { docs: communities } = useLiveDocs('communities', {
    selector: { id: { $in: communityIds } },
  });
  const { docs: threads } = useLiveDocs('threads', {
    selector: { communityId: { $in: communityIds } },
    sort: [{ updatedAt: 'desc' }],
    limit: 200,
  });
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);
  const [excerpt, setExcerpt] = useState(initial);
  const [threadId, setThreadId] = useState('');
  const [step, setStep] = useState<'choose' | 'preview' | 'done'>('choose');
  const [error, setError] = useState<string | null>(null);
  const thread = threads.find((t) => t.id === threadId);
  const target: ShareTarget | null = thread ? { kind: 'reply', thread } : null;

  function toPreview() {
    if (!target) return setError('Choose the thread to post in.');
    const problem = checkExcerpt(excerpt, target);
    if (problem) return setError(PROBLEM_TEXT[problem]);
    setError(null);
    setStep('preview');
  }

  async function post() {
    if (!target || !thread) return;
    try {
      await shareExcerpt(db, session, excerpt, target);
      onShared(thread.id);
      setStep('done');
    } catch (caught) {
      setError(`Could not post on this device: ${String(caught)}`);
    }
  }

  return (
    <section className="journal-share card journal-no-print" aria-labelledby="share-title">
      <h3 id="share-title">Share an excerpt</h3>
      {step === 'choose' && (
        <>
          <label>
            Passage to share
            <textarea rows={5} value={excerpt} onChange={(e) => setExcerpt(e.target.value)} />
          </label>
          {communityIds.length === 0 ? (
            <p className="muted">Join a community first to share into one of its threads.</p>
          ) : (
            <label>
              Thread
              <select value={threadId} onChange={(e) => setThreadId(e.target.value)}>
                <option value="">Choose a thread…</option>
                {threads.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.title} — {names.get(t.communityId) ?? 'community'}
                  </option>
                ))}
              </select>
            </label>
          )}
          <div className="composer-actions">
            <button type="button" className="primary" onClick={toPreview}>
              Preview
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      )}
      {step === 'preview' && thread && (
        <>
          <p>
            Exactly this will become visible to the members of{' '}
            <strong>{names.get(thread.communityId) ?? 'the community'}</strong>, as your reply in “
            {thread.title}”:
          </p>
          <div className="journal-preview" data-testid="excerpt-preview">
            <Markdown text={excerpt} />
          </div>
          <p className="hint">
            Nothing else from your journal is shared: not the title, date, scores, medications or
            tags.
          </p>
          <div className="composer-actions">
            <button type="button" className="primary" onClick={() => void post()}>
              Post this excerpt
            </button>
            <button type="button" onClick={() => setStep('choose')}>
              Back
            </button>
          </div>
        </>
      )}
      {step === 'done' && thread && (
        <p role="status">
          Posted.{' '}
          <a href={hrefFor({ name: 'thread', threadId: thread.id })}>See it in the thread</a>{' '}
          <button type="button" onClick={onClose}>
            Close
          </button>
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
