import { CRISIS_REGIONS, type CrisisRegionId, isCrisisRegionId } from '../../../shared/crisis';
import { CrisisLineList } from './CrisisLines';
import { useCrisisRegion } from './crisis-region';

/** The region whose crisis lines the app offers: on this device only, never synced. */
export function CrisisRegionPicker() {
  const [region, setRegion] = useCrisisRegion();
  return (
    <section aria-labelledby="crisis-region-title">
      <h2 id="crisis-region-title">Crisis lines</h2>
      <p className="muted">
        When what you write sounds like you are in crisis, the app offers lines you can call. Pick
        your region so they are the right ones. This stays on this device; it is not shared.
      </p>
      <label>
        Your region
        <select
          value={region ?? ''}
          onChange={(e) =>
            setRegion(isCrisisRegionId(e.target.value) ? (e.target.value as CrisisRegionId) : null)
          }
        >
          <option value="">Not chosen (show every line)</option>
          {CRISIS_REGIONS.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <details>
        <summary>Lines offered to you</summary>
        <CrisisLineList />
      </details>
    </section>
  );
}
