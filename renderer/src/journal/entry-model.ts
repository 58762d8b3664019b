/**
 * The journal in plaintext: what lives inside the seal of a `journal` document. These values
 * exist only in memory on the user's devices; the database and the server see ciphertext.
 */
import { LIMITS } from '../../../shared/schemas/common';

export const SCORE_MIN = 0;
export const SCORE_MAX = 10;
/** Previous versions kept inside an entry's seal. */
export const HISTORY_MAX = 20;
/** Characters of previous versions kept, so an entry always fits in one sealed document. */
export const HISTORY_CHARS_MAX = 400_000;
/** A new editing session (and so a new history version) starts after this pause. */
export const HISTORY_SESSION_MS = 10 * 60_000;

export interface SymptomScore {
  name: string;
  /** 0..10; null: listed but not scored this time */
  score: number | null;
}

export interface MedicationTaken {
  name: string;
  dose: string;
  /** Catalog therapy id when the name matches a therapy's name or alias. */
  therapyId?: string;
}

export interface EntryContent {
  /** Calendar day, YYYY-MM-DD (the user's own day, not a timestamp). */
  date: string;
  title: string;
  /** Markdown */
  body: string;
  /** 0..10, 10 = very good; null: not recorded */
  mood: number | null;
  symptoms: SymptomScore[];
  medications: MedicationTaken[];
  tags: string[];
  threadIds: string[];
}

export interface EntryVersion extends EntryContent {
  savedAt: number;
}

/** The sealed payload of an entry document. */
export interface EntryPayload {
  type: 'entry';
  createdAt: number;
  current: EntryVersion;
  /** Older versions, newest first, bounded by HISTORY_MAX and HISTORY_CHARS_MAX. */
  history: EntryVersion[];
}

/** The sealed payload of the settings document: the user's own list of symptoms. */
export interface SettingsPayload {
  type: 'settings';
  symptoms: string[];
}

export type JournalPayload = EntryPayload | SettingsPayload;

export function todayIso(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function emptyEntry(date = todayIso()): EntryContent {
  return {
    date,
    title: '',
    body: '',
    mood: null,
    symptoms: [],
    medications: [],
    tags: [],
    threadIds: [],
  };
}

/** The daily check-in: today's date, the user's symptoms ready to score, a few prompts. */
export function dailyCheckIn(symptoms: readonly string[], date = todayIso()): EntryContent {
  return {
    ...emptyEntry(date),
    title: `Check-in ${date}`,
    body: '## How I feel today\n\n\n## What helped\n\n\n## Questions for my care team\n\n',
    symptoms: symptoms.map((name) => ({ name, score: null })),
    tags: ['check-in'],
  };
}

export function isBlankEntry(entry: EntryContent): boolean {
  return (
    !entry.title.trim() &&
    !entry.body.trim() &&
    entry.mood === null &&
    entry.symptoms.every((s) => s.score === null) &&
    entry.medications.length === 0
  );
}

export function clampScore(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, Math.round(value)));
}

export function normalizeSymptomName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').slice(0, 60).toLowerCase();
}

export function normalizeTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((t) => t.trim().replace(/^#/, '').replace(/\s+/g, '-').toLowerCase().slice(0, 40))
    .filter(Boolean);
  return [...new Set(tags)].slice(0, 30);
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Makes any opened value a well-formed entry: a payload from another version of the app, or a
 * damaged-but-authentic one, never crashes the journal.
 */
export function normalizeEntry(value: unknown): EntryContent {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const str = (x: unknown, max: number) => (typeof x === 'string' ? x.slice(0, max) : '');
  const list = (x: unknown) => (Array.isArray(x) ? (x as unknown[]) : []);
  const date = str(v.date, 10);
  return {
    date: DATE_PATTERN.test(date) ? date : todayIso(),
    title: str(v.title, LIMITS.titleMax),
    body: str(v.body, LIMITS.bodyMax),
    mood: clampScore(v.mood),
    symptoms: list(v.symptoms)
      .map((s) => s as Record<string, unknown>)
      .filter((s) => typeof s?.name === 'string' && s.name.trim())
      .map((s) => ({ name: normalizeSymptomName(s.name as string), score: clampScore(s.score) })),
    medications: list(v.medications)
      .map((m) => m as Record<string, unknown>)
      .filter((m) => typeof m?.name === 'string' && m.name.trim())
      .map((m) => ({
        name: str(m.name, 120).trim(),
        dose: str(m.dose, 120),
        ...(typeof m.therapyId === 'string' ? { therapyId: m.therapyId } : {}),
      })),
    tags: list(v.tags).filter((t): t is string => typeof t === 'string'),
    threadIds: list(v.threadIds).filter((t): t is string => typeof t === 'string'),
  };
}

/** Problems that stop an entry from being saved; autosave just waits until they are fixed. */
export function checkEntry(entry: EntryContent): 'too-long' | null {
  if (entry.title.length > LIMITS.titleMax || entry.body.length > LIMITS.bodyMax) return 'too-long';
  return null;
}
