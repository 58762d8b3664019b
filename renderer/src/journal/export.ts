/**
 * Exports of the whole journal, made in memory from the decrypted entries. The files are the
 * user's to keep: they leave the app only when the user saves them.
 */
import type { OpenedEntry } from './journal-store';

export const EXPORT_FORMAT = 'kindred-journal-export';

export function journalToJson(entries: readonly OpenedEntry[], exportedAt = Date.now()): string {
  return JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: 1,
      exportedAt: new Date(exportedAt).toISOString(),
      entries: entries.map((e) => ({
        id: e.id,
        createdAt: new Date(e.createdAt).toISOString(),
        savedAt: new Date(e.savedAt).toISOString(),
        ...e.entry,
        history: e.history,
      })),
    },
    null,
    2,
  );
}

/** One Markdown document: each entry a section with its scores as a list before the text. */
export function entryToMarkdown({ entry }: OpenedEntry): string {
  const lines = [`# ${entry.date} — ${entry.title.trim() || 'Untitled'}`, ''];
  if (entry.mood !== null) lines.push(`- Mood: ${entry.mood}/10`);
  for (const s of entry.symptoms) {
    if (s.score !== null) lines.push(`- ${s.name}: ${s.score}/10`);
  }
  for (const m of entry.medications) lines.push(`- Took ${m.name}${m.dose ? ` (${m.dose})` : ''}`);
  if (entry.tags.length) lines.push(`- Tags: ${entry.tags.map((t) => `#${t}`).join(' ')}`);
  if (lines.length > 2) lines.push('');
  lines.push(entry.body.trim(), '');
  return lines.join('\n');
}

export function journalToMarkdown(entries: readonly OpenedEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.entry.date.localeCompare(b.entry.date));
  return sorted.map(entryToMarkdown).join('\n---\n\n');
}
