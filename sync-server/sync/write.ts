/**
 * Writing a document inside a transaction: place it, store it, then re-place the rows whose
 * placement depends on it. Re-placing stores the same body with a new seq and new channels, so
 * readers of a channel the row newly enters receive it through their ordinary pull.
 *
 * Dependencies: a thread's posts follow it onto therapy pages; a moderation document moves its
 * target (to the moderators' channel while pending or hidden, back when approved); a membership
 * moves its user's profile (profiles are seen by people who share a community) and, when it
 * becomes or stops being active, its community's member count (member-count.ts).
 */
import type { WireDoc } from '../../shared/schemas/common';
import type { Membership } from '../../shared/schemas/memberships';
import type { ModerationDoc } from '../../shared/schemas/moderation';
import type { StoreTx, StoredCollection, StoredRow } from '../store/types';
import { communityAfterMembershipChange } from './member-count';
import { moderationTarget, placementOf } from './placement';

const sameChannels = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((c) => b.includes(c));

/** Stores `doc` (exactly as given) and re-places what depends on it; returns every row written. */
export async function writeDoc(
  tx: StoreTx,
  collection: StoredCollection,
  doc: WireDoc,
): Promise<StoredRow[]> {
  const before = await tx.getRow(collection, doc.id);
  const row = await tx.write({ collection, doc, ...(await placementOf(tx, collection, doc)) });
  return [row, ...(await dependents(tx, row, before))];
}

/** Re-places a stored row if its placement changed (and then what depends on it). */
export async function replace(
  tx: StoreTx,
  collection: StoredCollection,
  id: string,
): Promise<StoredRow[]> {
  const before = await tx.getRow(collection, id);
  if (!before) return [];
  const placement = await placementOf(tx, collection, before.doc);
  if (sameChannels(placement.channels, before.channels) && placement.ownerId === before.ownerId) {
    return [];
  }
  const row = await tx.write({ collection, doc: before.doc, ...placement });
  return [row, ...(await dependents(tx, row, before))];
}

async function dependents(
  tx: StoreTx,
  row: StoredRow,
  before: StoredRow | null,
): Promise<StoredRow[]> {
  const written: StoredRow[] = [];
  switch (row.collection) {
    case 'threads':
      if (before && !sameChannels(before.channels, row.channels)) {
        for (const post of await tx.findBy('posts', 'threadId', row.doc.id)) {
          written.push(...(await replace(tx, 'posts', post.id)));
        }
      }
      break;
    case 'moderation': {
      const target = await moderationTarget(tx, (row.doc as WireDoc<ModerationDoc>).targetId);
      if (target) written.push(...(await replace(tx, target.collection, target.doc.id)));
      break;
    }
    case 'memberships': {
      written.push(...(await replace(tx, 'profiles', (row.doc as WireDoc<Membership>).userId)));
      const community = await communityAfterMembershipChange(tx, before?.doc ?? null, row.doc);
      if (community) written.push(...(await writeDoc(tx, 'communities', community)));
      break;
    }
    default:
      break;
  }
  return written;
}

/** Writes server-owned documents (seed, tests, admin) in one transaction. */
export async function writeDocs(
  store: { transaction: <T>(work: (tx: StoreTx) => Promise<T>) => Promise<T> },
  docs: { collection: StoredCollection; doc: WireDoc }[],
): Promise<StoredRow[]> {
  return store.transaction(async (tx) => {
    const rows: StoredRow[] = [];
    for (const { collection, doc } of docs) rows.push(...(await writeDoc(tx, collection, doc)));
    return rows;
  });
}
