import { type FormEvent, type RefObject, useState } from 'react';
import type { Thread } from '../../../shared/schemas/threads';
import { navigate } from '../app/routes';
import { useServices } from '../app/services';
import { deleteDraft, replyDraftId } from '../data/drafts';
import { PROBLEM_TEXT, checkReply, createReply } from '../data/writes';
import { CrisisPanel } from './CrisisPanel';
import { useMentionSuggestions } from './MentionSuggestions';
import { SaveIndicator } from './SaveIndicator';
import type { useAutosavedDraft } from './useAutosave';

type Draft = ReturnType<typeof useAutosavedDraft>;

/**
 * The reply composer: autosaved, with @mention suggestions from the community's members.
 * `draftId` names the draft it was opened with when that is not the thread's usual reply draft.
 */
export function ReplyBox({
  thread,
  draft,
  draftId,
  members,
  locked,
  textarea,
}: {
  thread: Thread;
  draft: Draft;
  draftId: string | undefined;
  members: Array<{ id: string; name: string }>;
  locked: boolean;
  textarea: RefObject<HTMLTextAreaElement | null>;
}) {
  const { db, session } = useServices();
  const [error, setError] = useState<string | null>(null);
  const body = draft.content.body;
  const mentions = useMentionSuggestions({
    text: body,
    members,
    excludeId: session.userId,
    textarea,
    onTextChange: (next) => draft.update({ title: '', body: next }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = checkReply(body);
    if (problem) {
      setError(PROBLEM_TEXT[problem]);
      return;
    }
    try {
      await draft.cancelPending();
      await createReply(db, session, thread, body);
      await deleteDraft(db, draftId ?? replyDraftId(session.userId, thread.id));
      draft.update({ title: '', body: '' });
      await draft.cancelPending();
      setError(null);
      // That draft is gone: the composer goes back to the thread's usual reply draft.
      if (draftId) navigate({ name: 'thread', threadId: thread.id }, { replace: true });
    } catch (caught) {
      setError(`Could not save the reply on this device: ${String(caught)}`);
    }
  }

  if (locked)
    return <p className="muted">This thread is locked by the moderators: no new replies.</p>;

  return (
    <form onSubmit={submit} className="composer" aria-label="Reply">
      <label>
        Your reply
        <textarea
          ref={textarea}
          value={body}
          onChange={(e) => {
            draft.update({ title: '', body: e.target.value });
            mentions.trackCaret(e.target);
          }}
          onSelect={(e) => mentions.trackCaret(e.currentTarget)}
          onKeyDown={(e) => {
            if (mentions.onKeyDown(e)) return;
            if (e.key === 'Escape') e.currentTarget.blur();
          }}
          {...mentions.inputProps}
          rows={4}
          disabled={!draft.loaded}
          aria-describedby="reply-hint"
        />
      </label>
      {draftId && (
        <p className="muted">
          This is the reply from your drafts. Sending it removes it from your drafts.
        </p>
      )}
      <p id="reply-hint" className="hint">
        Markdown works. Select text in a post and press Quote to quote it; type @ to mention a
        member.
      </p>
      <CrisisPanel text={body} communityId={thread.communityId} />
      {mentions.list}
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
