/**
 * Search over the decrypted entries in memory (the database holds only ciphertext, so there is
 * nothing to index there). Every word of the query must appear somewhere in the entry.
 */
import type { OpenedEntry } from './journal-store';

function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function haystack({ entry }: OpenedEntry): string {
  return fold(
    [
      entry.date,
      entry.title,
      entry.body,
      ...entry.tags.map((t) => `#${t} ${t}`),
      ...entry.symptoms.map((s) => s.name),
      ...entry.medications.map((m) => `${m.name} ${m.dose}`),
    ].join('\n'),
  );
}

export function searchEntries(entries: readonly OpenedEntry[], query: string): OpenedEntry[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...entries];
  return entries.filter((e) => {
    const text = haystack(e);
    return words.every((w) => text.includes(w));
  });
}
