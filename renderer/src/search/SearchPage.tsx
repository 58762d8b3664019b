/** Search everything on the device, offline: results grouped by kind, matches highlighted. */
import { useState } from 'react';
import { hrefFor } from '../app/routes';
import { Highlighted } from './Highlighted';
import type { ResultGroup } from './results';
import type { SearchKind } from './search-docs';
import type { SearchFilters as Filters } from './search-index';
import { SearchFilters } from './SearchFilters';
import { useSearch } from './useSearch';

const GROUP_TITLE: Record<SearchKind, string> = {
  thread: 'Threads',
  reply: 'Replies',
  journal: 'Your journal (only on this device, only for you)',
  therapy: 'Therapies',
  community: 'Communities',
};

export function SearchPage({ query }: { query: string }) {
  const [filters, setFilters] = useState<Filters>({});
  const { groups, hits, searching } = useSearch(query, filters);
  return (
    <section aria-labelledby="search-title" className="search-page">
      <h1 id="search-title">{query ? `Search: ${query}` : 'Search'}</h1>
      <SearchFilters value={filters} onChange={setFilters} hits={hits} />
      {!query.trim() && (
        <p className="muted">
          Type in the search box at the top to search threads, replies, therapies, communities and
          your journal, all on this device, even offline.
        </p>
      )}
      {query.trim() && !searching && groups.length === 0 && (
        <p role="status">Nothing on this device matches “{query}”.</p>
      )}
      {groups.map((group) => (
        <Group key={group.kind} group={group} />
      ))}
    </section>
  );
}

function Group({ group }: { group: ResultGroup }) {
  const id = `search-group-${group.kind}`;
  return (
    <section aria-labelledby={id} className="search-group">
      <h2 id={id}>
        {GROUP_TITLE[group.kind]}{' '}
        <span className="muted">
          (
          {group.total > group.items.length
            ? `${group.items.length} of ${group.total}`
            : group.total}
          )
        </span>
      </h2>
      <ol aria-label={GROUP_TITLE[group.kind]}>
        {group.items.map((item) => (
          <li key={item.key} className="search-result">
            <a href={hrefFor(item.route)}>
              <Highlighted segments={item.title} />
            </a>
            {item.passage.length > 0 && (
              <p className="search-passage">
                <Highlighted segments={item.passage} />
              </p>
            )}
            {(item.kind === 'thread' || item.kind === 'reply') && (
              <p className="muted search-meta">
                {item.authorName ?? 'A member'} · {new Date(item.createdAt).toLocaleDateString()}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
