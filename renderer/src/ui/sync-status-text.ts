/**
 * The sync status bar's sentences: refusals grouped with counts, server trouble, an app too old
 * for what the server sends, and the progress of a first sync. Plain functions of the status,
 * so the wording is tested without a browser (renderer/test/sync-status-text.test.ts).
 */
import { refusalReason } from './refusal-text';

const numbers = new Intl.NumberFormat('en');

/** Singular and plural of what a refused or received item is, by outbox kind or collection. */
const NOUNS: Record<string, [string, string]> = {
  thread: ['thread', 'threads'],
  threads: ['thread', 'threads'],
  reply: ['reply', 'replies'],
  posts: ['reply', 'replies'],
  reactions: ['reaction', 'reactions'],
  profiles: ['member profile', 'member profiles'],
  communities: ['community', 'communities'],
  memberships: ['membership', 'memberships'],
  therapies: ['therapy', 'therapies'],
  moderation: ['moderation decision', 'moderation decisions'],
  reports: ['report', 'reports'],
  drafts: ['draft', 'drafts'],
  journal: ['journal entry', 'journal entries'],
};

/** "1 reply", "8,400 replies". */
export function counted(count: number, kind: string): string {
  const [one, many] = NOUNS[kind] ?? ['item', 'items'];
  return `${numbers.format(count)} ${count === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c". */
export function listed(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export interface RefusedItem {
  id: string;
  /** 'thread' | 'reply' for the outbox, else the collection */
  kind: string;
  code: string | undefined;
  communityName?: string;
  /** The refused text is back in a draft. */
  inDrafts?: boolean;
}

export interface RefusalGroup {
  /** Everything in the group, to dismiss it at once. */
  ids: string[];
  text: string;
  inDrafts: boolean;
}

/**
 * One sentence per reason and community, with what was refused counted by kind: "The server
 * refused 2 replies and 1 thread: you are no longer a member of Melanoma."
 */
export function groupRefusals(items: RefusedItem[]): RefusalGroup[] {
  const groups = new Map<string, RefusedItem[]>();
  for (const item of items) {
    const key = JSON.stringify([item.code ?? '', item.communityName ?? '']);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].map((group) => {
    const [first] = group as [RefusedItem];
    const counts = new Map<string, number>();
    for (const item of group) counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
    // Most first; equal counts in the order they were refused.
    const what = [...counts].sort((a, b) => b[1] - a[1]).map(([kind, n]) => counted(n, kind));
    const reason = refusalReason(first.code, first.communityName);
    return {
      ids: group.map((item) => item.id),
      text: `The server refused ${listed(what)}${reason ? `: ${reason}` : ''}.`,
      inDrafts: group.some((item) => item.inDrafts),
    };
  });
}

export interface TroubleStatus {
  kind: 'server-error' | 'rate-limited';
  /** How long Kindred waits before it tries again. */
  retryInMs: number;
}

/**
 * The server answered, but with an error: say so, and when Kindred tries again. Not a ticking
 * countdown (the status bar is a live region, read aloud on change): each retry updates it.
 */
export function troubleText(trouble: TroubleStatus): string {
  const seconds = Math.ceil(trouble.retryInMs / 1_000);
  const when = seconds > 0 ? `in ${numbers.format(seconds)} s` : 'now';
  return trouble.kind === 'rate-limited'
    ? `The server asked Kindred to slow down; Kindred will try again ${when}.`
    : `The server is having trouble; Kindred will retry ${when}.`;
}

/** Some collections stopped syncing because this version cannot store what the server sends. */
export function outdatedText(collections: string[]): string {
  const what = listed(collections.map((c) => (NOUNS[c] ?? ['item', 'items'])[1]));
  return `Update Kindred to keep syncing ${what}: this version cannot read what the server now sends. Nothing on this device is lost.`;
}

/** The kinds a first sync lists by name; the rest are counted together. */
const NAMED_IN_PROGRESS = ['threads', 'posts'];

/**
 * There is no total to show (the server does not say how much a pull has left), so counts of
 * what has arrived: "Downloading your communities… 1,200 threads, 8,400 replies so far".
 */
export function firstSyncText(receivedBy: Partial<Record<string, number>>): string {
  const parts = NAMED_IN_PROGRESS.filter((c) => (receivedBy[c] ?? 0) > 0).map((c) =>
    counted(receivedBy[c] ?? 0, c),
  );
  const others = Object.entries(receivedBy)
    .filter(([c]) => !NAMED_IN_PROGRESS.includes(c))
    .reduce((sum, [, n]) => sum + (n ?? 0), 0);
  if (others > 0) parts.push(`${numbers.format(others)} other ${others === 1 ? 'item' : 'items'}`);
  if (parts.length === 0) return 'Downloading your communities…';
  return `Downloading your communities… ${parts.join(', ')} so far`;
}
