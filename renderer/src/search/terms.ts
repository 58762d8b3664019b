/**
 * How text becomes index terms, used alike for documents, queries and highlighting, so that what
 * matched is exactly what gets highlighted: accents folded, lower case, the commonest English
 * words left out (they match nearly every post and would only slow "similar threads" down).
 */
import { foldText } from '../../../shared/therapy-match';

const STOP_WORDS = new Set(
  (
    'a all also am an and are as at be been but by can could did do does for from had has have ' +
    'he her him his i if in is it its just me my of on or our she so than that the their them ' +
    'there they this to very was we were what when which who will with would you your'
  ).split(' '),
);

/** The index term for a word, or null when the word is not indexed. */
export function termOf(word: string): string | null {
  const folded = foldText(word);
  return folded.length === 0 || STOP_WORDS.has(folded) ? null : folded;
}

/**
 * MiniSearch's tokenizer: folds the whole text once (folding word by word costs three times as
 * much on a large index), then splits it into words.
 */
export function tokenize(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

/** MiniSearch's processTerm: the words are already folded by tokenize. */
export function keepTerm(term: string): string | null {
  return STOP_WORDS.has(term) ? null : term;
}

/** Words of a text in order, with their offsets (letters and digits in any script). */
export function wordsOf(text: string): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    out.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/**
 * The words of a long text most likely to tell it apart: the longest distinct ones (length is a
 * fair stand-in for rarity), so "similar threads" stays fast however much has been typed.
 */
export function distinctiveWords(text: string, max = 12): string {
  const words = [...new Set(tokenize(text).filter((w) => keepTerm(w) !== null && w.length > 2))];
  return words
    .sort((a, b) => b.length - a.length)
    .slice(0, max)
    .join(' ');
}
