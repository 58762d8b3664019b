/** Medications in the journal, linked to the therapy catalog where the name matches. */
import type { CatalogTherapy } from '../../../shared/therapy-catalog';

export type TherapyLike = Pick<CatalogTherapy, 'id' | 'name' | 'aliases'>;

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Index by generic name and every alias (brand names), folded for case and accents. */
export function therapyIndex(therapies: readonly TherapyLike[]): Map<string, TherapyLike> {
  const index = new Map<string, TherapyLike>();
  for (const therapy of therapies) {
    for (const name of [therapy.name, ...therapy.aliases]) {
      const key = fold(name);
      if (key && !index.has(key)) index.set(key, therapy);
    }
  }
  return index;
}

/** The catalog therapy a typed medication name stands for ("Keytruda 200mg" → pembrolizumab). */
export function matchTherapy(
  index: ReadonlyMap<string, TherapyLike>,
  typed: string,
): TherapyLike | undefined {
  const words = fold(typed).split(' ').filter(Boolean);
  // Longest leading run of words first, so "insulin glargine" beats "insulin".
  for (let n = words.length; n > 0; n -= 1) {
    const found = index.get(words.slice(0, n).join(' '));
    if (found) return found;
  }
  return undefined;
}
