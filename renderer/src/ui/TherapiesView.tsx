import { useMemo, useState } from 'react';
import { foldText } from '../../../shared/therapy-match';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { useLiveDocs } from './hooks';

/** The therapy catalog: find a therapy by any of its names or the conditions it treats. */
export function TherapiesView() {
  const { session } = useServices();
  const { docs: therapies } = useLiveDocs('therapies', { sort: [{ id: 'asc' }] });
  const { docs: profiles } = useLiveDocs('profiles', { selector: { id: session.userId } });
  const followed = new Set(profiles[0]?.followedTherapyIds ?? []);
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = foldText(filter.trim());
    const sorted = [...therapies].sort((a, b) => a.name.localeCompare(b.name));
    if (!needle) return sorted;
    return sorted.filter((t) =>
      [t.name, ...t.aliases, ...t.conditions].some((n) => foldText(n).includes(needle)),
    );
  }, [therapies, filter]);

  return (
    <section aria-labelledby="therapies-title">
      <h1 id="therapies-title">Therapies</h1>
      <p className="muted">
        A therapy page gathers the conversations about one drug from every community that shares
        them, so people with different conditions learn from each other.
      </p>
      <input
        type="search"
        className="filter"
        aria-label="Find a therapy"
        placeholder="Name, brand name or condition"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
      />
      <ul className="thread-list" aria-label="Therapies">
        {shown.map((therapy) => (
          <li key={therapy.id}>
            <a href={hrefFor({ name: 'therapy', therapyId: therapy.id })}>{therapy.name}</a>
            <span className="muted">
              {therapy.aliases.join(', ')}
              {followed.has(therapy.id) ? ' · following' : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
