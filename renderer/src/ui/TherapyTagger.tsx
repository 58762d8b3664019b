import { useMemo } from 'react';
import { therapiesMentioned } from '../../../shared/therapy-match';
import { useLiveDocs } from './hooks';

/**
 * Therapy tags for a new thread: suggested from the text (brand names and aliases count), always
 * editable, and the author's choice whether the thread may appear on therapy pages — where
 * members of other communities who follow the therapy can read it.
 */
export function TherapyTagger(props: {
  text: string;
  selected: string[];
  onChange: (ids: string[]) => void;
  share: boolean;
  onShareChange: (share: boolean) => void;
  communityAllowsSharing: boolean;
  communityName: string;
}) {
  const { docs: therapies } = useLiveDocs('therapies', { sort: [{ id: 'asc' }] });
  const byId = useMemo(() => new Map(therapies.map((t) => [t.id, t])), [therapies]);
  const suggested = useMemo(
    () => therapiesMentioned(props.text, therapies).filter((id) => !props.selected.includes(id)),
    [props.text, props.selected, therapies],
  );

  return (
    <fieldset className="therapy-tagger">
      <legend>Therapies this thread is about</legend>
      <div className="chips" role="group" aria-label="Tagged therapies">
        {props.selected.length === 0 && <span className="muted">None yet.</span>}
        {props.selected.map((id) => (
          <button
            key={id}
            type="button"
            className="chip selected"
            aria-label={`Remove ${byId.get(id)?.name ?? id}`}
            onClick={() => props.onChange(props.selected.filter((s) => s !== id))}
          >
            {byId.get(id)?.name ?? id} ×
          </button>
        ))}
      </div>
      {suggested.length > 0 && (
        <div className="chips" role="group" aria-label="Suggested therapies">
          <span className="muted">Suggested from your text:</span>
          {suggested.map((id) => (
            <button
              key={id}
              type="button"
              className="chip"
              aria-label={`Tag ${byId.get(id)?.name ?? id}`}
              onClick={() => props.onChange([...props.selected, id])}
            >
              + {byId.get(id)?.name ?? id}
            </button>
          ))}
        </div>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={props.share && props.communityAllowsSharing}
          disabled={!props.communityAllowsSharing || props.selected.length === 0}
          onChange={(e) => props.onShareChange(e.target.checked)}
        />
        Also show this thread on the pages of these therapies, to people with other conditions who
        follow them
      </label>
      {!props.communityAllowsSharing && (
        <p className="hint">{props.communityName} keeps its threads inside the community.</p>
      )}
    </fieldset>
  );
}
