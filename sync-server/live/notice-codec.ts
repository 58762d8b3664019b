/**
 * The wire form of change notices between instances: small JSON messages that fit a
 * PostgreSQL NOTIFY payload (under 8000 bytes). Notices of one commit are grouped by
 * (collection, owner) with their channels merged, which routes exactly as the separate notices
 * would (collectionsFor only asks "is it mine?" and "does any channel match?"); a commit too
 * large for one message is split over several, which at worst costs a client one extra RESYNC.
 */
import { isServedCollection } from '../../shared/collections';
import type { ChangeNotice } from './hub';

/** Room left under PostgreSQL's 8000-byte limit for the envelope and multi-byte characters. */
export const MESSAGE_BYTES_MAX = 7_000;

type Group = [collection: string, ownerId: string | null, channels: string[]];
interface Message {
  v: 1;
  /** the sending instance, which already delivered the notices to its own listeners */
  from: string;
  c: Group[];
}

export function encodeNotices(from: string, changes: readonly ChangeNotice[]): string[] {
  const groups = new Map<string, Group>();
  for (const change of changes) {
    const key = `${change.collection}\u0000${change.ownerId ?? ''}`;
    const group = groups.get(key) ?? [change.collection, change.ownerId, []];
    for (const channel of change.channels) {
      if (!group[2].includes(channel)) group[2].push(channel);
    }
    groups.set(key, group);
  }
  const messages: string[] = [];
  let batch: Group[] = [];
  const flush = () => {
    if (batch.length > 0) messages.push(JSON.stringify({ v: 1, from, c: batch } satisfies Message));
    batch = [];
  };
  for (const group of groups.values()) {
    const candidate = JSON.stringify({ v: 1, from, c: [...batch, group] });
    if (Buffer.byteLength(candidate) > MESSAGE_BYTES_MAX && batch.length > 0) flush();
    batch.push(group);
  }
  flush();
  return messages;
}

const isGroup = (g: unknown): g is Group =>
  Array.isArray(g) &&
  g.length === 3 &&
  typeof g[0] === 'string' &&
  isServedCollection(g[0]) &&
  (g[1] === null || typeof g[1] === 'string') &&
  Array.isArray(g[2]) &&
  g[2].every((c) => typeof c === 'string');

/** The sender and notices of a message, or null for anything not ours (ignored). */
export function decodeNotices(raw: string): { from: string; changes: ChangeNotice[] } | null {
  let message: unknown;
  try {
    message = JSON.parse(raw);
  } catch {
    return null;
  }
  const m = message as Partial<Message> | null;
  if (!m || m.v !== 1 || typeof m.from !== 'string' || !Array.isArray(m.c)) return null;
  if (!m.c.every(isGroup)) return null;
  return {
    from: m.from,
    changes: m.c.map(([collection, ownerId, channels]) => ({
      collection: collection as ChangeNotice['collection'],
      ownerId,
      channels,
    })),
  };
}
