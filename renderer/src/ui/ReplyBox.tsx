import { type FormEvent, type RefObject, useState } from 'react';
import type { Thread } from '../../../shared/schemas/threads';
import { useServices } from '../app/services';
import { deleteDraft, replyDraftId } from '../data/drafts';
import { PROBLEM_TEXT, checkReply, createReply } from '../data/writes';
import { mentionAt } from './quote';
import { CrisisPanel } from './CrisisPanel';
import { SaveIndicator } from './SaveIndicator';
import type { useAutosavedDraft } from './useAutosave';

type Draft = ReturnType<typeof useAutosavedDraft>;

/** The reply composer: autosaved, with @mention suggestions from the community's members. */
export function ReplyBox({
  thread,
  draft,
  members,
  locked,
  textarea,
}: {
  thread: Thread;
  draft: Draft;
  members: Array<{ id: string; name: string }>;
  locked: boolean;
  textarea: RefObject<HTMLTextAreaElement | null>;
}) {
  const { db, session } = useServices();
  const [error, setError] = useState<string | null>(null);
  const [caret, setCaret] = useState(0);
  const body = draft.content.body;
  const mention = mentionAt(body, caret);
  const suggestions = mention
    ? members
        .filter(
          (m) =>
            m.id !== session.userId && m.name.toLowerCase().startsWith(mention.query.toLowerCase()),
        )
        .slice(0, 6)
    : [];

  function insertMention(name: string) {
    if (!mention) return;
    const next = `${body.slice(0, mention.start)}@${name} ${body.slice(caret)}`;
    draft.update({ title: '', body: next });
    textarea.current?.focus();
  }

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
      await deleteDraft(db, replyDraftId(session.userId, thread.id));
      draft.update({ title: '', body: '' });
      await draft.cancelPending();
      setError(null);
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
            setCaret(e.target.selectionStart);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
            if (e.key === 'Enter' && suggestions[0] && mention) {
              e.preventDefault();
              insertMention(suggestions[0].name);
            }
          }}
          rows={4}
          disabled={!draft.loaded}
          aria-describedby="reply-hint"
        />
      </label>
      <p id="reply-hint" className="hint">
        Markdown works. Select text in a post and press Quote to quote it; type @ to mention a
        member.
      </p>
      <CrisisPanel text={body} communityId={thread.communityId} />
      {suggestions.length > 0 && (
        <ul className="mentions" role="listbox" aria-label="Mention a member">
          {suggestions.map((member) => (
            <li key={member.id} role="option" aria-selected={false}>
              <button type="button" onClick={() => insertMention(member.name)}>
                @{member.name}
              </button>
            </li>
          ))}
        </ul>
      )}
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
