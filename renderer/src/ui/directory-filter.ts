/**
 * Finding a community in the directory. People type conditions the way they say them
 * ("type 2 diabetes", "Non small cell", "sjogren"), while condition tags are kebab-case slugs
 * (`type-2-diabetes`): both sides are folded (case, accents, hyphens and spaces) before they are
 * compared, and every word typed must appear somewhere in the community's name, description,
 * partner or conditions.
 */
import type { Community } from '../../../shared/schemas/communities';

/** Lower case, without accents, with hyphens, underscores and runs of spaces as one space. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\-_\u2010-\u2015]+/g, ' ')
    .trim();
}

/** Tags that are abbreviations, read as such rather than as a word. */
const ABBREVIATIONS = new Set([
  'nsclc',
  'sclc',
  'copd',
  'adhd',
  'hiv',
  'ibd',
  'pcos',
  'ptsd',
  'als',
]);

/** A condition tag as words: `type-2-diabetes` → "Type 2 diabetes", `nsclc` → "NSCLC". */
export function conditionLabel(tag: string): string {
  if (ABBREVIATIONS.has(tag)) return tag.toUpperCase();
  const words = tag.split('-').filter(Boolean).join(' ');
  // "non small cell" is written "non-small cell"
  const text = words.replace(/\bnon /g, 'non-');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every condition the communities name, as {tag, label}, in the order of their labels. */
export function conditionsOf(communities: readonly Community[]): { tag: string; label: string }[] {
  const tags = new Set(communities.flatMap((c) => c.conditionTags));
  return [...tags]
    .map((tag) => ({ tag, label: conditionLabel(tag) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

function searchableText(community: Community): string {
  return fold(
    [
      community.name,
      community.description,
      community.partner.name,
      ...community.conditionTags,
      ...community.conditionTags.map(conditionLabel),
    ].join('\n'),
  );
}

export interface DirectoryFilter {
  /** what the person typed */
  text: string;
  /** a condition tag chosen from the list, or '' for all */
  condition: string;
}

/** Whether the community answers both the typed words and the chosen condition. */
export function matchesCommunity(community: Community, filter: DirectoryFilter): boolean {
  if (filter.condition && !community.conditionTags.includes(filter.condition)) return false;
  const words = fold(filter.text).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const text = searchableText(community);
  return words.every((word) => text.includes(word));
}
