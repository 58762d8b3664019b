import { describe, expect, it } from 'vitest';
import { THERAPY_CATALOG } from './therapy-catalog';
import { namesOfTherapiesMatching, therapiesMentioned } from './therapy-match';

describe('finding therapies in what people write', () => {
  it('a brand name and the generic name map to the same therapy', () => {
    expect(therapiesMentioned('Starting Keytruda next week', THERAPY_CATALOG)).toEqual([
      'pembrolizumab',
    ]);
    expect(therapiesMentioned('my PEMBROLIZUMAB infusion', THERAPY_CATALOG)).toEqual([
      'pembrolizumab',
    ]);
  });

  it('needs the whole word, not a fragment of another', () => {
    expect(therapiesMentioned('keytrudas', THERAPY_CATALOG)).toEqual([]);
    expect(therapiesMentioned('', THERAPY_CATALOG)).toEqual([]);
  });

  it('finds several therapies once each, and ignores accents and case', () => {
    const found = therapiesMentioned(
      'Opdivo then Keytruda, then keytruda again; also METFORMIN',
      THERAPY_CATALOG,
    );
    expect(found).toEqual(expect.arrayContaining(['pembrolizumab', 'nivolumab', 'metformin']));
    expect(new Set(found).size).toBe(found.length);
  });

  it('a search for a brand name expands to the generic name and back', () => {
    expect(namesOfTherapiesMatching('keytruda', THERAPY_CATALOG)).toContain('Pembrolizumab');
    expect(namesOfTherapiesMatching('Pembrolizumab', THERAPY_CATALOG)).toContain('Keytruda');
    expect(namesOfTherapiesMatching('nothing-like-this', THERAPY_CATALOG)).toEqual([]);
  });
});
