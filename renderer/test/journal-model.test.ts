import { describe, expect, it } from 'vitest';
import { THERAPY_CATALOG } from '../../shared/therapy-catalog';
import { chartData } from '../src/journal/chart-data';
import {
  type EntryContent,
  dailyCheckIn,
  emptyEntry,
  normalizeEntry,
} from '../src/journal/entry-model';
import { journalToJson, journalToMarkdown } from '../src/journal/export';
import { passageOf } from '../src/journal/excerpt';
import type { OpenedEntry } from '../src/journal/journal-store';
import { searchEntries } from '../src/journal/journal-search';
import { matchTherapy, therapyIndex } from '../src/journal/medications';
import { appointmentSummary, trendOf } from '../src/journal/summary';

let n = 0;
function opened(entry: Partial<EntryContent>, conflictCopy = false): OpenedEntry {
  n += 1;
  return {
    id: `u:journal:${n}`,
    updatedAt: n,
    createdAt: n,
    savedAt: n,
    entry: { ...emptyEntry('2025-03-01'), ...entry },
    history: [],
    conflictCopy,
  };
}

const days = ['2025-03-01', '2025-03-02', '2025-03-03', '2025-03-04'].map((date, i) =>
  opened({
    date,
    title: `Day ${i}`,
    body: i === 3 ? 'Felt heavy.\n- Can I take it with food?\n' : 'Café visit, ok',
    mood: 6 - i,
    symptoms: [{ name: 'fatigue', score: 2 + 2 * i }],
    medications: i % 2 ? [{ name: 'Keytruda', dose: '200 mg', therapyId: 'pembrolizumab' }] : [],
    tags: ['week-1'],
  }),
);

describe('journal model', () => {
  it('the daily check-in lists the user’s symptoms, unscored', () => {
    const entry = dailyCheckIn(['fatigue', 'pain'], '2025-03-05');
    expect(entry.symptoms).toEqual([
      { name: 'fatigue', score: null },
      { name: 'pain', score: null },
    ]);
    expect(entry.title).toBe('Check-in 2025-03-05');
  });

  it('a malformed payload becomes a well-formed entry with scores clamped', () => {
    const entry = normalizeEntry({
      date: 'x',
      mood: 99,
      symptoms: [{ name: ' Pain ', score: -3 }, { score: 1 }],
    });
    expect(entry.mood).toBe(10);
    expect(entry.symptoms).toEqual([{ name: 'pain', score: 0 }]);
    expect(entry.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('medication names match the catalog by generic name or brand, ignoring case and dose', () => {
    const index = therapyIndex(THERAPY_CATALOG);
    expect(matchTherapy(index, 'keytruda 200mg')?.id).toBe('pembrolizumab');
    expect(matchTherapy(index, 'Pembrolizumab')?.id).toBe('pembrolizumab');
    expect(matchTherapy(index, 'chamomile tea')).toBeUndefined();
  });

  it('search finds entries by words, tags, symptoms and medications, accents folded', () => {
    expect(searchEntries(days, 'cafe').map((e) => e.entry.title)).toEqual([
      'Day 0',
      'Day 1',
      'Day 2',
    ]);
    expect(searchEntries(days, 'keytruda heavy')).toHaveLength(1);
    expect(searchEntries(days, '#week-1 fatigue')).toHaveLength(4);
  });

  it('chart series average per day over a month and per week over a year, with medication days marked', () => {
    const month = chartData(
      [...days, opened({ date: '2025-03-04', mood: 1 }, true)],
      'month',
      '2025-03-04',
    );
    expect(month.points).toHaveLength(30);
    expect(month.series).toEqual(['mood', 'fatigue']);
    const last = month.points.at(-1)!;
    expect(last.values).toEqual({ mood: 3, fatigue: 8 });
    expect(last.medications).toEqual(['Keytruda']);
    const year = chartData(days, 'year', '2025-03-04');
    expect(year.points).toHaveLength(53);
    // Mon 3 March starts the last week: days 3 and 4 average together.
    expect(year.points.at(-1)!.values.fatigue).toBe(7);
  });

  it('the appointment summary has averages, trends, medications and the questions noted', () => {
    const summary = appointmentSummary(days, '2025-03-01', '2025-03-31');
    expect(summary.symptoms).toEqual([
      { name: 'fatigue', average: 5, min: 2, max: 8, days: 4, trend: 'rising' },
    ]);
    expect(summary.mood?.trend).toBe('falling');
    expect(summary.medications).toEqual([
      expect.objectContaining({
        name: 'Keytruda',
        days: 2,
        first: '2025-03-02',
        last: '2025-03-04',
        doses: ['200 mg'],
      }),
    ]);
    expect(summary.questions).toEqual([{ date: '2025-03-04', text: 'Can I take it with food?' }]);
    expect(trendOf([{ date: 'a', score: 1 }])).toBe('too-little-data');
  });

  it('exports hold every entry, in Markdown and in JSON', () => {
    const markdown = journalToMarkdown(days);
    expect(markdown).toContain('# 2025-03-04 — Day 3');
    expect(markdown).toContain('- fatigue: 8/10');
    expect(markdown).toContain('- Took Keytruda (200 mg)');
    const json = JSON.parse(journalToJson(days)) as { entries: { title: string }[] };
    expect(json.entries.map((e) => e.title)).toEqual(['Day 0', 'Day 1', 'Day 2', 'Day 3']);
  });

  it('the shared passage is exactly the selection, without surrounding blank lines', () => {
    const body = 'Private line.\n\nShare this part.\n\nPrivate again.';
    const start = body.indexOf('Share');
    expect(passageOf(body, start - 1, start + 'Share this part.'.length + 1)).toBe(
      'Share this part.',
    );
  });
});
