/** The appointment summary: what a clinician wants to see from a stretch of the journal. */
import type { OpenedEntry } from './journal-store';

export type Trend = 'rising' | 'falling' | 'steady' | 'too-little-data';

export interface ScoreSummary {
  name: string;
  average: number;
  min: number;
  max: number;
  days: number;
  trend: Trend;
}

export interface MedicationSummary {
  name: string;
  therapyId?: string;
  days: number;
  first: string;
  last: string;
  doses: string[];
}

export interface AppointmentSummary {
  from: string;
  to: string;
  entries: number;
  mood: ScoreSummary | null;
  symptoms: ScoreSummary[];
  medications: MedicationSummary[];
  /** Questions the patient noted: lines ending in "?" */
  questions: { date: string; text: string }[];
  notes: { date: string; title: string }[];
}

/** Compares the first and the second half of the period: a change of a point or more counts. */
export function trendOf(scores: readonly { date: string; score: number }[]): Trend {
  if (scores.length < 4) return 'too-little-data';
  const sorted = [...scores].sort((a, b) => a.date.localeCompare(b.date));
  const half = Math.floor(sorted.length / 2);
  const mean = (xs: typeof sorted) => xs.reduce((s, x) => s + x.score, 0) / xs.length;
  const change = mean(sorted.slice(sorted.length - half)) - mean(sorted.slice(0, half));
  return change >= 1 ? 'rising' : change <= -1 ? 'falling' : 'steady';
}

function scoreSummary(name: string, scores: { date: string; score: number }[]): ScoreSummary {
  const values = scores.map((s) => s.score);
  return {
    name,
    average: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10,
    min: Math.min(...values),
    max: Math.max(...values),
    days: new Set(scores.map((s) => s.date)).size,
    trend: trendOf(scores),
  };
}

export function appointmentSummary(
  all: readonly OpenedEntry[],
  from: string,
  to: string,
): AppointmentSummary {
  const entries = all
    .filter((e) => !e.conflictCopy && e.entry.date >= from && e.entry.date <= to)
    .sort((a, b) => a.entry.date.localeCompare(b.entry.date));
  const mood: { date: string; score: number }[] = [];
  const symptoms = new Map<string, { date: string; score: number }[]>();
  const meds = new Map<string, MedicationSummary & { dayset: Set<string> }>();
  const questions: AppointmentSummary['questions'] = [];
  for (const { entry } of entries) {
    if (entry.mood !== null) mood.push({ date: entry.date, score: entry.mood });
    for (const s of entry.symptoms) {
      if (s.score === null) continue;
      symptoms.set(s.name, [...(symptoms.get(s.name) ?? []), { date: entry.date, score: s.score }]);
    }
    for (const m of entry.medications) {
      const key = m.therapyId ?? m.name.toLowerCase();
      const med = meds.get(key) ?? {
        name: m.name,
        ...(m.therapyId ? { therapyId: m.therapyId } : {}),
        days: 0,
        first: entry.date,
        last: entry.date,
        doses: [],
        dayset: new Set<string>(),
      };
      med.dayset.add(entry.date);
      med.last = entry.date;
      if (m.dose.trim() && !med.doses.includes(m.dose.trim())) med.doses.push(m.dose.trim());
      meds.set(key, med);
    }
    for (const line of entry.body.split('\n')) {
      const text = line.replace(/^\s*(?:[-*+]|\d+\.)\s+/, '').trim();
      if (text.endsWith('?') && text.length > 1) questions.push({ date: entry.date, text });
    }
  }
  return {
    from,
    to,
    entries: entries.length,
    mood: mood.length ? scoreSummary('mood', mood) : null,
    symptoms: [...symptoms].map(([name, scores]) => scoreSummary(name, scores)),
    medications: [...meds.values()].map(({ dayset, ...m }) => ({ ...m, days: dayset.size })),
    questions,
    notes: entries
      .filter((e) => e.entry.title.trim())
      .map((e) => ({ date: e.entry.date, title: e.entry.title.trim() })),
  };
}
