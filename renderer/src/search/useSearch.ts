/**
 * Search results for the page: re-run when the query, the filters or the index change (a reply
 * arriving by sync shows up in open results), resolved to grouped, highlighted items.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { useServices } from '../app/services';
import { type ResultGroup, resolveResults } from './results';
import type { SearchFilters, SearchHit } from './search-index';

export interface SearchState {
  groups: ResultGroup[];
  /** every hit before grouping: the page offers its authors as a filter */
  hits: SearchHit[];
  searching: boolean;
}

export function useSearch(query: string, filters: SearchFilters): SearchState {
  const { db, search } = useServices();
  const version = useSyncExternalStore(search.subscribe, search.getVersion);
  const filtersKey = JSON.stringify(filters);
  const hits = useMemo(() => {
    void version; // the index changed: the same query may find more now
    const parsed = JSON.parse(filtersKey) as SearchFilters;
    return query.trim() ? search.search(query, { filters: parsed }) : [];
  }, [search, query, filtersKey, version]);
  const [resolved, setResolved] = useState<{ for: SearchHit[]; groups: ResultGroup[] }>({
    for: [],
    groups: [],
  });

  useEffect(() => {
    let cancelled = false;
    void resolveResults(db, search, hits).then((groups) => {
      if (!cancelled) setResolved({ for: hits, groups });
    });
    return () => {
      cancelled = true;
    };
  }, [db, search, hits]);

  return { groups: resolved.groups, hits, searching: resolved.for !== hits };
}
