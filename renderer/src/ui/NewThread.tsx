import { type FormEvent, useState } from 'react';
import { hrefFor, navigate } from '../app/routes';
import { useServices } from '../app/services';
import { PROBLEM_TEXT, checkThread, createThread } from '../data/writes';
import { useLiveDocs } from './hooks';
import { Markdown } from './Markdown';

export function NewThread({ communityId }: { communityId: string }) {
  const { db, session } = useServices();
  const { docs: communities } = useLiveDocs('communities', { selector: { id: communityId } });
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = checkThread({ title, body });
    if (problem) {
      setError(PROBLEM_TEXT[problem]);
      return;
    }
    setSaving(true);
    try {
      const thread = await createThread(db, session, { communityId, title, body });
      navigate({ name: 'thread', threadId: thread.id });
    } catch (caught) {
      // The text stays in the form: nothing the user wrote is thrown away on an error.
      setError(`Could not save the thread on this device: ${String(caught)}`);
      setSaving(false);
    }
  }

  return (
    <section aria-labelledby="new-thread-title">
      <p>
        <a href={hrefFor({ name: 'community', communityId })}>
          ← {communities[0]?.name ?? 'Community'}
        </a>
      </p>
      <h1 id="new-thread-title">New thread</h1>
      <form onSubmit={submit} className="composer">
        <label>
          Title
          <input
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={300}
            required
          />
        </label>
        <div className="tabs" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={!preview}
            onClick={() => setPreview(false)}
          >
            Write
          </button>
          <button type="button" role="tab" aria-selected={preview} onClick={() => setPreview(true)}>
            Preview
          </button>
        </div>
        {preview ? (
          <Markdown text={body || '_Nothing to preview yet._'} />
        ) : (
          <label>
            Message
            <textarea
              value={body}
              onChange={(e) => setBody(e.target.value)}
              rows={10}
              placeholder="Markdown works here: **bold**, lists, links."
            />
          </label>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={saving}>
          Post thread
        </button>
      </form>
    </section>
  );
}
