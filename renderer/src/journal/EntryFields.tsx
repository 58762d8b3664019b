/** The structured parts of an entry: mood, symptom scores, medications, tags, thread links. */
import { useMemo, useState } from 'react';
import { THERAPY_CATALOG } from '../../../shared/therapy-catalog';
import { hrefFor } from '../app/routes';
import { useLiveDocs } from '../ui/hooks';
import {
  type EntryContent,
  SCORE_MAX,
  SCORE_MIN,
  normalizeSymptomName,
  normalizeTags,
} from './entry-model';
import { matchTherapy, therapyIndex } from './medications';

interface Props {
  entry: EntryContent;
  knownSymptoms: readonly string[];
  onChange(next: EntryContent): void;
  onNewSymptom(name: string): void;
}

function ScoreInput({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number | null;
  onChange(v: number | null): void;
}) {
  return (
    <label className="journal-score">
      <span>{label}</span>
      <input
        type="number"
        min={SCORE_MIN}
        max={SCORE_MAX}
        value={value ?? ''}
        placeholder="–"
        onChange={(e) =>
          onChange(
            e.target.value === ''
              ? null
              : Math.min(SCORE_MAX, Math.max(SCORE_MIN, Number(e.target.value))),
          )
        }
      />
    </label>
  );
}

export function EntryFields({ entry, knownSymptoms, onChange, onNewSymptom }: Props) {
  const { docs: therapies } = useLiveDocs('therapies', {});
  const index = useMemo(() => therapyIndex([...THERAPY_CATALOG, ...therapies]), [therapies]);
  const { docs: threads } = useLiveDocs('threads', { sort: [{ updatedAt: 'desc' }], limit: 200 });
  const [symptom, setSymptom] = useState('');
  const [med, setMed] = useState({ name: '', dose: '' });
  const [tagText, setTagText] = useState(entry.tags.join(', '));
  const [threadId, setThreadId] = useState('');
  const missing = knownSymptoms.filter((s) => !entry.symptoms.some((x) => x.name === s));
  const set = (patch: Partial<EntryContent>) => onChange({ ...entry, ...patch });
  const matched = med.name.trim() ? matchTherapy(index, med.name) : undefined;

  function addSymptom(name: string) {
    const clean = normalizeSymptomName(name);
    if (!clean || entry.symptoms.some((s) => s.name === clean)) return;
    set({ symptoms: [...entry.symptoms, { name: clean, score: null }] });
    if (!knownSymptoms.includes(clean)) onNewSymptom(clean);
    setSymptom('');
  }

  return (
    <div className="journal-fields">
      <fieldset>
        <legend>Mood and symptoms (0–10)</legend>
        <div className="journal-scores">
          <ScoreInput
            label="Mood (10 = very good)"
            value={entry.mood}
            onChange={(mood) => set({ mood })}
          />
          {entry.symptoms.map((s, i) => (
            <ScoreInput
              key={s.name}
              label={s.name}
              value={s.score}
              onChange={(score) =>
                set({ symptoms: entry.symptoms.map((x, j) => (j === i ? { ...x, score } : x)) })
              }
            />
          ))}
        </div>
        <div className="journal-inline">
          <input
            aria-label="New symptom"
            placeholder="Add a symptom (e.g. fatigue)"
            value={symptom}
            list="journal-symptoms"
            onChange={(e) => setSymptom(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addSymptom(symptom);
              }
            }}
          />
          <datalist id="journal-symptoms">
            {missing.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <button type="button" onClick={() => addSymptom(symptom)}>
            Add symptom
          </button>
        </div>
      </fieldset>
      <fieldset>
        <legend>Medications taken</legend>
        <ul className="journal-chips" aria-label="Medications taken">
          {entry.medications.map((m, i) => (
            <li key={`${m.name}-${i}`}>
              {m.name}
              {m.dose && ` · ${m.dose}`}
              {m.therapyId && <span className="tag">in catalog</span>}{' '}
              <button
                type="button"
                aria-label={`Remove ${m.name}`}
                onClick={() => set({ medications: entry.medications.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="journal-inline">
          <input
            aria-label="Medication"
            placeholder="Medication"
            value={med.name}
            onChange={(e) => setMed({ ...med, name: e.target.value })}
          />
          <input
            aria-label="Dose"
            placeholder="Dose (optional)"
            value={med.dose}
            onChange={(e) => setMed({ ...med, dose: e.target.value })}
          />
          <button
            type="button"
            disabled={!med.name.trim()}
            onClick={() => {
              const name = med.name.trim();
              set({
                medications: [
                  ...entry.medications,
                  { name, dose: med.dose.trim(), ...(matched ? { therapyId: matched.id } : {}) },
                ],
              });
              setMed({ name: '', dose: '' });
            }}
          >
            Add medication
          </button>
        </div>
        {matched && <p className="hint">Matches {matched.name} in the therapy catalog.</p>}
      </fieldset>
      <label>
        Tags (comma separated)
        <input
          value={tagText}
          onChange={(e) => {
            setTagText(e.target.value);
            set({ tags: normalizeTags(e.target.value) });
          }}
        />
      </label>
      <fieldset>
        <legend>Linked threads</legend>
        <ul className="journal-chips" aria-label="Linked threads">
          {entry.threadIds.map((id) => (
            <li key={id}>
              <a href={hrefFor({ name: 'thread', threadId: id })}>
                {threads.find((t) => t.id === id)?.title ?? 'A thread'}
              </a>{' '}
              <button
                type="button"
                aria-label="Remove link"
                onClick={() => set({ threadIds: entry.threadIds.filter((x) => x !== id) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="journal-inline">
          <select
            aria-label="Thread to link"
            value={threadId}
            onChange={(e) => setThreadId(e.target.value)}
          >
            <option value="">Choose a thread…</option>
            {threads.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={!threadId}
            onClick={() => {
              if (!entry.threadIds.includes(threadId))
                set({ threadIds: [...entry.threadIds, threadId] });
              setThreadId('');
            }}
          >
            Link thread
          </button>
        </div>
      </fieldset>
    </div>
  );
}
