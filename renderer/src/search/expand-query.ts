/**
 * Turns what the user typed into a MiniSearch query: every word must match (AND), and a word that
 * names a therapy matches any of that therapy's names, so "Keytruda" finds "pembrolizumab".
 */
import type { Query } from 'minisearch';
import { type NamedTherapy, namesOfTherapiesMatching } from '../../../shared/therapy-match';
import { termOf, wordsOf } from './terms';

/** `prefix`: only the last word is still being typed; earlier ones are whole words. */
function alternatives(phrase: string, therapies: readonly NamedTherapy[], prefix: boolean): Query {
  const names = namesOfTherapiesMatching(phrase, therapies);
  return { combineWith: 'OR', prefix, queries: [...new Set([phrase, ...names])] };
}

/**
 * null when nothing searchable was typed (only punctuation or the commonest words).
 * `combineWith` 'OR' lets any word match, for "similar threads".
 */
export function expandQuery(
  text: string,
  therapies: readonly NamedTherapy[],
  combineWith: 'AND' | 'OR' = 'AND',
): Query | null {
  const words = wordsOf(text)
    .map((w) => w.word)
    .filter((w) => termOf(w) !== null);
  if (words.length === 0) return null;
  // A therapy whose name has several words ("Opdivo Qvantig") is recognised as a whole.
  const whole = words.join(' ');
  if (words.length > 1 && namesOfTherapiesMatching(whole, therapies).length > 0) {
    return alternatives(whole, therapies, false);
  }
  const last = words.length - 1;
  return {
    combineWith,
    queries: words.map((w, i) => alternatives(w, therapies, combineWith === 'AND' && i === last)),
  };
}
