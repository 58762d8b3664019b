/**
 * What people type into the directory finds the community they mean, whatever the spelling of
 * the condition tag (hyphens, case, accents), and the chosen condition narrows the list.
 */
import { describe, expect, it } from 'vitest';
import type { Community } from '../../../shared/schemas/communities';
import { conditionLabel, conditionsOf, fold, matchesCommunity } from './directory-filter';

function community(fields: Partial<Community>): Community {
  return {
    id: 'c',
    updatedAt: 1,
    slug: 'c',
    name: 'C',
    description: '',
    partner: { name: 'Partner', kind: 'other' },
    conditionTags: [],
    joinPolicy: 'open',
    premoderation: false,
    allowTherapySharing: false,
    ...fields,
  };
}

const diabetes = community({
  id: 'diabetes',
  name: 'Diabetes',
  description: 'Glucose, food, devices, and living well with it.',
  conditionTags: ['type-1-diabetes', 'type-2-diabetes'],
});
const lungs = community({
  id: 'lung-cancer',
  name: 'Lung cancer',
  description: 'Treatments, side effects, scans and trials.',
  partner: { name: 'Northwind Alliance', kind: 'advocacy' },
  conditionTags: ['lung-cancer', 'nsclc', 'non-small-cell-lung-cancer'],
});
const sjogren = community({ id: 'sjogren', name: 'Dry eyes', conditionTags: ['sjögren-syndrome'] });

const finds = (text: string, condition = '') =>
  [diabetes, lungs, sjogren]
    .filter((c) => matchesCommunity(c, { text, condition }))
    .map((c) => c.id);

describe('the directory filter', () => {
  it('finds a hyphenated condition typed with spaces, in any case', () => {
    expect(finds('type 2 diabetes')).toEqual(['diabetes']);
    expect(finds('Type-2 Diabetes')).toEqual(['diabetes']);
    expect(finds('diabetes type 2')).toEqual(['diabetes']);
    expect(finds('non small cell')).toEqual(['lung-cancer']);
  });

  it('ignores accents on either side', () => {
    expect(finds('sjogren')).toEqual(['sjogren']);
    expect(fold('Sjögren – Syndrome')).toBe('sjogren syndrome');
  });

  it('searches the description and the partner too', () => {
    expect(finds('glucose')).toEqual(['diabetes']);
    expect(finds('northwind')).toEqual(['lung-cancer']);
    expect(finds('nothing like this')).toEqual([]);
    expect(finds('  ')).toEqual(['diabetes', 'lung-cancer', 'sjogren']);
  });

  it('narrows to the chosen condition, together with the words typed', () => {
    expect(finds('', 'nsclc')).toEqual(['lung-cancer']);
    expect(finds('glucose', 'nsclc')).toEqual([]);
  });

  it('shows condition tags as words', () => {
    expect(conditionLabel('type-2-diabetes')).toBe('Type 2 diabetes');
    expect(conditionLabel('nsclc')).toBe('NSCLC');
    expect(conditionLabel('non-small-cell-lung-cancer')).toBe('Non-small cell lung cancer');
    expect(conditionsOf([lungs, diabetes]).map((c) => c.label)).toEqual([
      'Lung cancer',
      'Non-small cell lung cancer',
      'NSCLC',
      'Type 1 diabetes',
      'Type 2 diabetes',
    ]);
  });
});
