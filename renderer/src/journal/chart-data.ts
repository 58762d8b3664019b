/** Symptom and mood series for the charts: averages per day (week, month) or per week (year). */
import { addDays, dayToUtc, weekStart } from './dates';
import type { OpenedEntry } from './journal-store';

export type ChartRange = 'week' | 'month' | 'year';

export const MOOD_SERIES = 'mood';

export interface ChartPoint {
  /** first day of the bucket, YYYY-MM-DD */
  day: string;
  /** the bucket's start as ms, for a time axis */
  t: number;
  /** series name (a symptom, or MOOD_SERIES) → average score, null when nothing was recorded */
  values: Record<string, number | null>;
  medications: string[];
}

export interface ChartData {
  points: ChartPoint[];
  /** the series with at least one value in range: MOOD_SERIES first, then symptoms */
  series: string[];
}

function bucketsFor(
  range: ChartRange,
  today: string,
): { starts: string[]; bucketOf(day: string): string } {
  if (range === 'year') {
    const last = weekStart(today);
    const starts = Array.from({ length: 53 }, (_, i) => addDays(last, (i - 52) * 7));
    return { starts, bucketOf: weekStart };
  }
  const days = range === 'week' ? 7 : 30;
  const starts = Array.from({ length: days }, (_, i) => addDays(today, i - days + 1));
  return { starts, bucketOf: (day) => day };
}

export function chartData(
  entries: readonly OpenedEntry[],
  range: ChartRange,
  today: string,
): ChartData {
  const { starts, bucketOf } = bucketsFor(range, today);
  const sums = new Map<string, Map<string, { total: number; n: number }>>();
  const meds = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const inRange = new Set(starts);
  for (const { entry, conflictCopy } of entries) {
    if (conflictCopy) continue; // a copy of another entry's day: counting it twice would skew
    const bucket = bucketOf(entry.date);
    if (!inRange.has(bucket)) continue;
    const add = (name: string, score: number | null) => {
      if (score === null) return;
      seen.add(name);
      const series = sums.get(bucket) ?? new Map<string, { total: number; n: number }>();
      const sum = series.get(name) ?? { total: 0, n: 0 };
      sum.total += score;
      sum.n += 1;
      series.set(name, sum);
      sums.set(bucket, series);
    };
    add(MOOD_SERIES, entry.mood);
    for (const s of entry.symptoms) add(s.name, s.score);
    for (const m of entry.medications) {
      const set = meds.get(bucket) ?? new Set<string>();
      set.add(m.name);
      meds.set(bucket, set);
    }
  }
  const series = [...seen].sort((a, b) =>
    a === MOOD_SERIES ? -1 : b === MOOD_SERIES ? 1 : a.localeCompare(b),
  );
  const points = starts.map((day): ChartPoint => {
    const values: Record<string, number | null> = {};
    for (const name of series) {
      const sum = sums.get(day)?.get(name);
      values[name] = sum ? Math.round((sum.total / sum.n) * 10) / 10 : null;
    }
    return { day, t: dayToUtc(day), values, medications: [...(meds.get(day) ?? [])].sort() };
  });
  return { points, series };
}
