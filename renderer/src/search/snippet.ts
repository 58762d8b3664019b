/**
 * The passage shown under a result: a window of text around the first word that matched, with
 * the matching words marked. Pure; the page renders hits as <mark>.
 */
import { termOf, wordsOf } from './terms';

export interface Segment {
  text: string;
  hit: boolean;
}

/** Markdown as a reader sees it, roughly: marks and link targets dropped, lines joined. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`~>#|]+/g, '')
    .replace(/^\s*[-+]\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The whole text, with every word that is one of `terms` marked. */
export function highlight(text: string, terms: readonly string[]): Segment[] {
  return mark(text, 0, text.length, new Set(terms));
}

/** About `width` characters around the first matching word (from the start if none matches). */
export function snippet(text: string, terms: readonly string[], width = 180): Segment[] {
  const wanted = new Set(terms);
  const words = wordsOf(text);
  const first = words.find((w) => isHit(w.word, wanted));
  if (text.length <= width) return mark(text, 0, text.length, wanted);
  // The hit a third of the way in: enough before it to give it sense.
  let start = Math.max(0, (first?.start ?? 0) - Math.floor(width / 3));
  let end = Math.min(text.length, start + width);
  start = Math.max(0, end - width);
  // Never cut a word in two.
  if (start > 0) start = words.find((w) => w.start >= start)?.start ?? start;
  if (end < text.length) end = [...words].reverse().find((w) => w.end <= end)?.end ?? end;
  const segments = mark(text, start, end, wanted);
  if (start > 0) segments.unshift({ text: '…', hit: false });
  if (end < text.length) segments.push({ text: '…', hit: false });
  return merge(segments);
}

function isHit(word: string, wanted: ReadonlySet<string>): boolean {
  const term = termOf(word);
  return term !== null && wanted.has(term);
}

function mark(text: string, start: number, end: number, wanted: ReadonlySet<string>): Segment[] {
  const segments: Segment[] = [];
  let at = start;
  for (const w of wordsOf(text.slice(start, end))) {
    if (!isHit(w.word, wanted)) continue;
    if (w.start + start > at) segments.push({ text: text.slice(at, w.start + start), hit: false });
    segments.push({ text: w.word, hit: true });
    at = w.end + start;
  }
  if (at < end) segments.push({ text: text.slice(at, end), hit: false });
  return segments;
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && !last.hit && !s.hit) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}
