import { useMemo } from 'react';
import { useLiveDocs } from '../ui/hooks';
import type { SearchFilters as Filters, SearchHit } from './search-index';

const DAY_END = 'T23:59:59.999';

function dayOf(ms: number | undefined): string {
  if (ms === undefined) return '';
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function msOf(day: string, time: string): number | undefined {
  const ms = day ? Date.parse(`${day}${time}`) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

/** Narrow the results by community, therapy, author (among those found) and date. */
export function SearchFilters({
  value,
  onChange,
  hits,
}: {
  value: Filters;
  onChange: (filters: Filters) => void;
  hits: readonly SearchHit[];
}) {
  const { docs: communities } = useLiveDocs('communities', { sort: [{ name: 'asc' }] });
  const { docs: therapies } = useLiveDocs('therapies', { sort: [{ name: 'asc' }] });
  const authors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const h of hits) if (h.authorId && h.authorName) byId.set(h.authorId, h.authorName);
    if (value.authorId && !byId.has(value.authorId)) byId.set(value.authorId, 'Selected author');
    return [...byId].sort((a, b) => a[1].localeCompare(b[1]));
  }, [hits, value.authorId]);
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });

  return (
    <fieldset className="search-filters">
      <legend>Filters</legend>
      <label>
        Community
        <select
          value={value.communityId ?? ''}
          onChange={(e) => set({ communityId: e.target.value || undefined })}
        >
          <option value="">All</option>
          {communities.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Therapy
        <select
          value={value.therapyId ?? ''}
          onChange={(e) => set({ therapyId: e.target.value || undefined })}
        >
          <option value="">All</option>
          {therapies.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Author
        <select
          value={value.authorId ?? ''}
          onChange={(e) => set({ authorId: e.target.value || undefined })}
        >
          <option value="">Anyone</option>
          {authors.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input
          type="date"
          value={dayOf(value.from)}
          onChange={(e) => set({ from: msOf(e.target.value, 'T00:00:00') })}
        />
      </label>
      <label>
        To
        <input
          type="date"
          value={dayOf(value.to)}
          onChange={(e) => set({ to: msOf(e.target.value, DAY_END) })}
        />
      </label>
    </fieldset>
  );
}
