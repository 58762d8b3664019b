import { describe, expect, it } from 'vitest';
import { highlight, plainText, snippet } from './snippet';

const marked = (segments: { text: string; hit: boolean }[]) =>
  segments.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('');

describe('snippets', () => {
  it('marks every matching word, whatever its accents and case', () => {
    expect(marked(highlight('Rémicade, then remicade again', ['remicade']))).toBe(
      '[Rémicade], then [remicade] again',
    );
  });

  it('shows a window around the first hit of a long text, cut between words', () => {
    const text = `${'filler words here '.repeat(30)}the thyroid was checked ${'and more '.repeat(30)}`;
    const out = marked(snippet(text, ['thyroid'], 80));
    expect(out).toContain('[thyroid]');
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out.length).toBeLessThan(100);
    expect(out).toMatch(/^…[a-z]/);
  });

  it('shows a short text whole', () => {
    expect(marked(snippet('Thyroid fine.', ['thyroid']))).toBe('[Thyroid] fine.');
  });

  it('reads markdown as plain text', () => {
    expect(plainText('Did they check your **thyroid**? See [this](https://x.y).\n- a')).toBe(
      'Did they check your thyroid? See this. a',
    );
  });
});
