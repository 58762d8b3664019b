import { crisisLinesFor } from '../../../shared/crisis';
import { getBridge, isExternalLinkAllowed } from '../platform/bridge';
import { useCrisisRegion } from './crisis-region';
import { useLiveDocs } from './hooks';

/** A contact that is an https address opens in the browser; anything else is shown as text. */
function Contact({ value }: { value: string }) {
  if (!isExternalLinkAllowed(value)) return <>{value}</>;
  return (
    <a
      href={value}
      rel="noopener noreferrer"
      onClick={(event) => {
        event.preventDefault();
        void getBridge().openExternal(value);
      }}
    >
      {value}
    </a>
  );
}

/**
 * The crisis lines for here and now, from the device only: the community's own lines (set by its
 * partner), then the bundled ones for the region the user chose (all of them when none is).
 */
export function CrisisLineList({ communityId }: { communityId?: string }) {
  const [region] = useCrisisRegion();
  const { docs } = useLiveDocs('communities', { selector: { id: communityId ?? '' } });
  const lines = crisisLinesFor({ region, communityLines: docs[0]?.crisisLines ?? [] });
  return (
    <ul className="crisis-lines">
      {lines.map((line) => (
        <li key={`${line.name}\u0000${line.contact}`}>
          <strong>{line.name}</strong>
          {line.region ? ` (${line.region})` : ''}: <Contact value={line.contact} />
        </li>
      ))}
    </ul>
  );
}
