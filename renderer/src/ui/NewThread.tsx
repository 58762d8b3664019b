import { type FormEvent, useEffect, useState } from 'react';
import { hrefFor, navigate } from '../app/routes';
import { useServices } from '../app/services';
import { deleteDraft, newThreadDraftId } from '../data/drafts';
import { PROBLEM_TEXT, checkThread, createThread } from '../data/writes';
import { useLiveDocs } from './hooks';
import { MarkdownEditor } from './MarkdownEditor';
import { SaveIndicator } from './SaveIndicator';
import { TherapyTagger } from './TherapyTagger';
import { CrisisPanel } from './CrisisPanel';
import { useAutosavedDraft } from './useAutosave';
import { SimilarThreads } from '../search/SimilarThreads';

/** "New thread" opens a fresh draft; each draft has its own address, so several can coexist. */
export function NewThread({ communityId, draftId }: { communityId: string; draftId?: string }) {
  const { session } = useServices();
  useEffect(() => {
    if (!draftId) {
      navigate(
        { name: 'new-thread', communityId, draftId: newThreadDraftId(session.userId) },
        { replace: true },
      );
    }
  }, [communityId, draftId, session.userId]);
  if (!draftId) return null;
  return <ThreadComposer key={draftId} communityId={communityId} draftId={draftId} />;
}

function ThreadComposer({ communityId, draftId }: { communityId: string; draftId: string }) {
  const { db, session } = useServices();
  const { docs: communities } = useLiveDocs('communities', { selector: { id: communityId } });
  const draft = useAutosavedDraft({ id: draftId, kind: 'thread', communityId });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const { title, body } = draft.content;
  const therapyIds = draft.content.therapyIds ?? [];
  const share = draft.content.shareToTherapyPages ?? false;
  const community = communities[0];

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = checkThread({ title, body });
    if (problem) {
      setError(PROBLEM_TEXT[problem]);
      return;
    }
    setSaving(true);
    try {
      await draft.cancelPending();
      const thread = await createThread(db, session, {
        communityId,
        title,
        body,
        therapyIds,
        shareToTherapyPages: share && (community?.allowTherapySharing ?? false),
      });
      // Only now that the thread is stored on this device is its draft no longer needed.
      await deleteDraft(db, draftId);
      navigate({ name: 'thread', threadId: thread.id });
    } catch (caught) {
      // The text stays in the form and in its draft: nothing is thrown away on an error.
      setError(`Could not save the thread on this device: ${String(caught)}`);
      setSaving(false);
    }
  }

  async function discard() {
    if (!window.confirm('Discard this draft? Its text will be deleted from all your devices.'))
      return;
    await draft.cancelPending();
    await deleteDraft(db, draftId);
    navigate({ name: 'community', communityId });
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
            onChange={(e) => draft.update({ ...draft.content, title: e.target.value })}
            maxLength={300}
            disabled={!draft.loaded}
          />
        </label>
        <SimilarThreads title={title} body={body} />
        <MarkdownEditor
          label="Message"
          value={body}
          onChange={(text) => draft.update({ ...draft.content, body: text })}
          disabled={!draft.loaded}
          placeholder="Markdown works here: **bold**, lists, links."
        />
        <CrisisPanel text={`${title}\n${body}`} communityId={communityId} />
        <TherapyTagger
          text={`${title}\n${body}`}
          selected={therapyIds}
          onChange={(ids) => draft.update({ ...draft.content, therapyIds: ids })}
          share={share}
          onShareChange={(value) => draft.update({ ...draft.content, shareToTherapyPages: value })}
          communityAllowsSharing={community?.allowTherapySharing ?? false}
          communityName={community?.name ?? 'This community'}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="composer-actions">
          <button type="submit" className="primary" disabled={saving || !draft.loaded}>
            Post thread
          </button>
          <button type="button" onClick={() => void discard()}>
            Discard draft
          </button>
          <SaveIndicator state={draft.saveState} />
        </div>
      </form>
    </section>
  );
}
