import { useMemo, useState } from 'react';
import { hrefFor } from '../app/routes';
import { formatDay } from './dates';
import type { Journal } from './journal-store';
import { searchEntries } from './journal-search';

const UNOPENED_TEXT = {
  'other-key': 'Sealed with a key this device does not have. Enter your recovery key to read it.',
  damaged:
    'This entry was changed or damaged after it was sealed, so it cannot be trusted and is not shown.',
} as const;

export function EntryList({ journal }: { journal: Journal }) {
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchEntries(journal.entries, query), [journal.entries, query]);
  return (
    <section aria-labelledby="entries-title">
      <h2 id="entries-title">Entries</h2>
      <input
        type="search"
        className="filter"
        aria-label="Search the journal"
        placeholder="Search your journal (on this device only)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {journal.entries.length === 0 && (
        <p className="muted">No entries yet. Start with a daily check-in.</p>
      )}
      <ul className="thread-list" aria-label="Journal entries">
        {found.map(({ id, entry, conflictCopy }) => (
          <li key={id}>
            <a href={hrefFor({ name: 'journal', entryId: id })}>
              {entry.title.trim() || 'Untitled entry'}
            </a>
            <span className="muted">
              {formatDay(entry.date, { year: 'numeric' })}
              {entry.mood !== null && ` · mood ${entry.mood}/10`}
              {entry.symptoms
                .filter((s) => s.score !== null)
                .map((s) => ` · ${s.name} ${s.score}`)
                .join('')}
              {entry.tags.map((t) => ` #${t}`).join('')}
              {conflictCopy && <span className="tag pending"> version from another device</span>}
            </span>
          </li>
        ))}
      </ul>
      {journal.unopened.length > 0 && (
        <ul className="thread-list" aria-label="Entries that cannot be opened">
          {journal.unopened.map((u) => (
            <li key={u.id} className="error">
              {UNOPENED_TEXT[u.problem]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
