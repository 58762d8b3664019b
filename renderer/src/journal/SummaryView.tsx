/** The appointment summary (printable) and the exports of the whole journal. */
import { useMemo, useState } from 'react';
import { addDays, formatDay } from './dates';
import { todayIso } from './entry-model';
import { journalToJson, journalToMarkdown } from './export';
import type { OpenedEntry } from './journal-store';
import { type TextFileKind, saveOutcomeText, saveTextFile } from './save-text-file';
import { type Trend, appointmentSummary } from './summary';

const TREND_TEXT: Record<Trend, string> = {
  rising: 'rising',
  falling: 'falling',
  steady: 'steady',
  'too-little-data': 'too few days to tell',
};

export function SummaryView({ entries }: { entries: readonly OpenedEntry[] }) {
  const today = todayIso();
  const [from, setFrom] = useState(addDays(today, -27));
  const [to, setTo] = useState(today);
  const summary = useMemo(() => appointmentSummary(entries, from, to), [entries, from, to]);
  const year = { year: 'numeric' } as const;
  const [saved, setSaved] = useState<{ error: boolean; text: string } | null>(null);

  async function save(name: string, text: string, kind: TextFileKind) {
    setSaved(null);
    setSaved(saveOutcomeText(await saveTextFile(name, text, kind)));
  }

  return (
    <section aria-labelledby="summary-title" className="journal-summary">
      <div className="journal-no-print">
        <h2>Export your journal</h2>
        <p className="muted">
          The files are made on this device from your decrypted entries. Keep them somewhere safe:
          they are not sealed.
        </p>
        <div className="composer-actions">
          <button
            type="button"
            onClick={() =>
              void save(`kindred-journal-${today}.md`, journalToMarkdown(entries), 'markdown')
            }
          >
            Download Markdown
          </button>
          <button
            type="button"
            onClick={() =>
              void save(`kindred-journal-${today}.json`, journalToJson(entries), 'json')
            }
          >
            Download JSON
          </button>
        </div>
        {saved && (
          <p className={saved.error ? 'error' : 'muted'} role={saved.error ? 'alert' : 'status'}>
            {saved.text}
          </p>
        )}
        <h2>Summary for an appointment</h2>
        <div className="journal-inline">
          <label>
            From
            <input
              type="date"
              value={from}
              onChange={(e) => e.target.value && setFrom(e.target.value)}
            />
          </label>
          <label>
            To
            <input
              type="date"
              value={to}
              onChange={(e) => e.target.value && setTo(e.target.value)}
            />
          </label>
          <button type="button" className="primary" onClick={() => window.print()}>
            Print summary
          </button>
        </div>
      </div>
      <div className="journal-print-sheet" data-testid="appointment-summary">
        <h2 id="summary-title">
          Health journal summary, {formatDay(summary.from, year)} – {formatDay(summary.to, year)}
        </h2>
        <p>{summary.entries} entries in this period.</p>
        <h3>Scores (0–10)</h3>
        {summary.mood || summary.symptoms.length ? (
          <table className="journal-table">
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Average</th>
                <th scope="col">Range</th>
                <th scope="col">Days</th>
                <th scope="col">Trend</th>
              </tr>
            </thead>
            <tbody>
              {[...(summary.mood ? [summary.mood] : []), ...summary.symptoms].map((s) => (
                <tr key={s.name}>
                  <th scope="row">{s.name}</th>
                  <td>{s.average}</td>
                  <td>
                    {s.min}–{s.max}
                  </td>
                  <td>{s.days}</td>
                  <td>{TREND_TEXT[s.trend]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No scores recorded.</p>
        )}
        <h3>Medications</h3>
        {summary.medications.length ? (
          <ul>
            {summary.medications.map((m) => (
              <li key={m.therapyId ?? m.name}>
                {m.name}
                {m.doses.length ? ` (${m.doses.join(', ')})` : ''}: {m.days} days,{' '}
                {formatDay(m.first)} – {formatDay(m.last)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None noted.</p>
        )}
        <h3>Questions I noted</h3>
        {summary.questions.length ? (
          <ul>
            {summary.questions.map((q, i) => (
              <li key={i}>
                {q.text} <span className="muted">({formatDay(q.date)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No questions noted (lines ending in “?”).</p>
        )}
        <h3>Notes</h3>
        <ul>
          {summary.notes.map((n, i) => (
            <li key={i}>
              {formatDay(n.date)}: {n.title}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
