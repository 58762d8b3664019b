/**
 * Crisis language, checked on the device while someone writes (no network, nothing sent):
 * when a post mentions wanting to die or self-harm, the composer gently offers crisis lines.
 * It never blocks the post. The list is deliberately small and phrase-based: false alarms
 * are cheap (a panel the writer can close), missed ones are not.
 */
import { foldText } from './therapy-match';

const CRISIS_PHRASES = [
  'kill myself',
  'killing myself',
  'end my life',
  'ending my life',
  'take my own life',
  'want to die',
  'wanna die',
  'better off dead',
  'better off without me',
  'no reason to live',
  'suicide',
  'suicidal',
  'self harm',
  'self-harm',
  'hurt myself',
  'hurting myself',
  'cut myself',
  'cutting myself',
  'overdose on purpose',
  "can't go on",
  'cannot go on',
  'no way out',
];

export function mentionsCrisis(text: string): boolean {
  const folded = foldText(text).replace(/[’`]/g, "'").replace(/\s+/g, ' ');
  return CRISIS_PHRASES.some((phrase) => folded.includes(phrase));
}

export interface CrisisLine {
  region: string;
  name: string;
  contact: string;
}

/** Bundled defaults; a community can show its own (partners know their region's services). */
export const DEFAULT_CRISIS_LINES: readonly CrisisLine[] = [
  {
    region: 'Anywhere',
    name: 'Emergency services',
    contact: 'Call your local emergency number (112, 911, 999…)',
  },
  { region: 'United States', name: '988 Suicide & Crisis Lifeline', contact: 'Call or text 988' },
  { region: 'United Kingdom and Ireland', name: 'Samaritans', contact: 'Call 116 123' },
  { region: 'Canada', name: '9-8-8 Suicide Crisis Helpline', contact: 'Call or text 988' },
  { region: 'Australia', name: 'Lifeline', contact: 'Call 13 11 14' },
  { region: 'Elsewhere', name: 'Find a helpline', contact: 'https://findahelpline.com' },
];

/** Regions with bundled lines; the user picks theirs on the device (never sent anywhere). */
export const CRISIS_REGIONS = [
  { id: 'us', name: 'United States' },
  { id: 'uk-ie', name: 'United Kingdom and Ireland' },
  { id: 'ca', name: 'Canada' },
  { id: 'au', name: 'Australia' },
  { id: 'elsewhere', name: 'Somewhere else' },
] as const;
export type CrisisRegionId = (typeof CRISIS_REGIONS)[number]['id'];

export function isCrisisRegionId(value: unknown): value is CrisisRegionId {
  return CRISIS_REGIONS.some((region) => region.id === value);
}

/** Which bundled lines (by their `region` label) each region shows besides emergency services. */
const REGION_LABELS: Record<CrisisRegionId, string> = {
  us: 'United States',
  'uk-ie': 'United Kingdom and Ireland',
  ca: 'Canada',
  au: 'Australia',
  elsewhere: 'Elsewhere',
};

/**
 * The lines to show, all known on the device (no network): the community's own first (its
 * partner knows the local services), then the bundled ones for the user's region and emergency
 * services, or every bundled line when no region is chosen. The same line is never listed twice.
 */
export function crisisLinesFor(options: {
  region?: CrisisRegionId | null;
  communityLines?: readonly CrisisLine[];
}): CrisisLine[] {
  const { region, communityLines = [] } = options;
  const bundled = region
    ? DEFAULT_CRISIS_LINES.filter(
        (l) => l.region === 'Anywhere' || l.region === REGION_LABELS[region],
      )
    : DEFAULT_CRISIS_LINES;
  const seen = new Set<string>();
  const lines: CrisisLine[] = [];
  for (const line of [...communityLines, ...bundled]) {
    const key = `${line.name.trim().toLowerCase()}\u0000${line.contact.trim().toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lines.push(line);
  }
  return lines;
}
