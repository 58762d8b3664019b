/** One journal entry, edited in place and autosaved (sealed) as the user types. */
import { useRef, useState } from 'react';
import { hrefFor, navigate } from '../app/routes';
import { useServices } from '../app/services';
import { Markdown } from '../ui/Markdown';
import { EntryFields } from './EntryFields';
import { type EntryContent, emptyEntry } from './entry-model';
import { type OpenedEntry, type Owner, deleteEntry, saveSymptomList } from './journal-store';
import { ShareExcerpt } from './ShareExcerpt';
import { ENTRY_SAVE_TEXT, useEntryAutosave } from './useEntryAutosave';

interface Props {
  id: string;
  opened: OpenedEntry | undefined;
  owner: Owner;
  symptoms: readonly string[];
}

export function EntryEditor({ id, opened, owner, symptoms }: Props) {
  const { db } = useServices();
  const [entry, setEntry] = useState<EntryContent>(() => opened?.entry ?? emptyEntry());
  const [preview, setPreview] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [sharing, setSharing] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const autosave = useEntryAutosave(id, owner, !!opened);

  function change(next: EntryContent) {
    setEntry(next);
    autosave.update(next);
  }

  function startShare() {
    const area = bodyRef.current;
    const selected = area ? entry.body.slice(area.selectionStart, area.selectionEnd) : '';
    setSharing(selected.trim() ? selected.trim() : entry.body.trim());
  }

  async function remove() {
    if (!window.confirm('Delete this entry from all your devices?')) return;
    await autosave.flush();
    await deleteEntry(db, id);
    navigate({ name: 'journal' });
  }

  return (
    <article className="journal-editor" aria-labelledby="entry-heading">
      <p className="journal-no-print">
        <a href={hrefFor({ name: 'journal' })}>← All entries</a>
      </p>
      <h2 id="entry-heading">{entry.title.trim() || 'New entry'}</h2>
      {opened?.conflictCopy && (
        <p className="journal-conflict" role="note">
          This is the version from another device, kept when both devices changed the same entry.
        </p>
      )}
      <div className="journal-inline">
        <label>
          Date
          <input
            type="date"
            value={entry.date}
            onChange={(e) => e.target.value && change({ ...entry, date: e.target.value })}
          />
        </label>
        <label className="journal-grow">
          Title
          <input
            value={entry.title}
            maxLength={300}
            onChange={(e) => change({ ...entry, title: e.target.value })}
          />
        </label>
      </div>
      <div className="tabs" role="tablist">
        <button type="button" role="tab" aria-selected={!preview} onClick={() => setPreview(false)}>
          Write
        </button>
        <button type="button" role="tab" aria-selected={preview} onClick={() => setPreview(true)}>
          Preview
        </button>
      </div>
      {preview ? (
        <Markdown text={entry.body || '_Nothing written yet._'} />
      ) : (
        <label>
          Entry
          <textarea
            ref={bodyRef}
            rows={10}
            value={entry.body}
            placeholder="Markdown works here. Only you can read this."
            onChange={(e) => change({ ...entry, body: e.target.value })}
          />
        </label>
      )}
      <EntryFields
        entry={entry}
        knownSymptoms={symptoms}
        onChange={change}
        onNewSymptom={(name) => void saveSymptomList(db, owner, [...symptoms, name])}
      />
      <div className="composer-actions journal-no-print">
        <span
          role="status"
          aria-live="polite"
          data-testid="journal-save-state"
          className={
            autosave.state === 'error' ||
            autosave.state === 'too-long' ||
            autosave.state === 'unreadable'
              ? 'error'
              : 'muted'
          }
        >
          {ENTRY_SAVE_TEXT[autosave.state]}
        </span>
        <span className="spacer" />
        <button type="button" onClick={startShare} disabled={!entry.body.trim()}>
          Share an excerpt…
        </button>
        <button
          type="button"
          onClick={() => setShowHistory((v) => !v)}
          disabled={!opened?.history.length}
        >
          Earlier versions ({opened?.history.length ?? 0})
        </button>
        <button type="button" onClick={() => void remove()}>
          Delete entry
        </button>
      </div>
      {sharing !== null && (
        <ShareExcerpt
          initial={sharing}
          onClose={() => setSharing(null)}
          onShared={(threadId) => {
            if (!entry.threadIds.includes(threadId))
              change({ ...entry, threadIds: [...entry.threadIds, threadId] });
          }}
        />
      )}
      {showHistory && opened && (
        <section aria-label="Earlier versions" className="journal-history">
          {opened.history.map((v) => (
            <details key={v.savedAt}>
              <summary>
                {new Date(v.savedAt).toLocaleString()} — {v.title || 'Untitled'}
              </summary>
              <Markdown text={v.body || '_empty_'} />
              <button
                type="button"
                onClick={() => change({ ...entry, title: v.title, body: v.body })}
              >
                Restore this text
              </button>
            </details>
          ))}
        </section>
      )}
    </article>
  );
}
