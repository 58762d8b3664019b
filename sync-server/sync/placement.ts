/**
 * Where each document is stored: its channels and its owner. Placement depends on other
 * documents (a post follows its thread onto therapy pages; pending content goes to the
 * moderators' channel), so it is computed inside the write transaction, and write.ts
 * re-places the rows that depend on a document when that document's placement changes.
 *
 * | collection              | channels                                                   | owner        |
 * | communities, therapies  | public                                                     | -            |
 * | memberships             | community                                                  | userId       |
 * | profiles                | each community where the user is active; mod channel where pending | id    |
 * | threads                 | community + therapy channels; mod channel while pending/hidden | authorId |
 * | posts                   | community + the thread's therapy channels; mod while pending/hidden | authorId |
 * | reactions               | community                                                  | userId       |
 * | moderation              | mod channel while pending; else the target's public channels | target's author |
 * |   about a membership    | mod channel (the member and the moderators only)           | the member   |
 * | reports                 | mod channel (never the reported author's channels)         | reporterId   |
 * | drafts, journal         | none                                                       | ownerId      |
 */
import type { Community } from '../../shared/schemas/communities';
import type { WireDoc } from '../../shared/schemas/common';
import type { Membership } from '../../shared/schemas/memberships';
import { type ModerationDoc, moderationIdFor } from '../../shared/schemas/moderation';
import type { Post } from '../../shared/schemas/posts';
import type { Thread } from '../../shared/schemas/threads';
import type { Placement, StoreTx, StoredCollection } from '../store/types';
import { PUBLIC_CHANNEL, communityChannel, moderatorChannel, therapyChannel } from './channels';

type Fields = Record<string, unknown>;
const str = (doc: WireDoc, field: string): string => {
  const value = (doc as unknown as Fields)[field];
  if (typeof value !== 'string') throw new Error(`document has no ${field}`);
  return value;
};

/** The moderation state of a target, or null when nobody decided anything about it. */
export async function moderationStateOf(tx: StoreTx, targetId: string) {
  const doc = (await tx.get(
    'moderation',
    moderationIdFor(targetId),
  )) as WireDoc<ModerationDoc> | null;
  return doc && !doc._deleted ? doc.state : null;
}

const withheld = (state: ModerationDoc['state'] | null) =>
  state === 'pending' || state === 'hidden';

/** Therapy channels of a thread: only if it asks to be shared and its community allows it. */
async function therapyChannelsOf(tx: StoreTx, thread: WireDoc<Thread>): Promise<string[]> {
  if (!thread.shareToTherapyPages) return [];
  const community = (await tx.get('communities', thread.communityId)) as WireDoc<Community> | null;
  if (!community || community._deleted || !community.allowTherapySharing) return [];
  return thread.therapyIds.map(therapyChannel);
}

/**
 * Where a thread or post is seen when nothing withholds it: its community and, for a shared
 * thread, its therapies (a post follows its thread, as long as the thread itself is not
 * withheld).
 */
async function publicChannelsOf(
  tx: StoreTx,
  collection: 'threads' | 'posts',
  doc: WireDoc,
): Promise<string[]> {
  const channels = [communityChannel(str(doc, 'communityId'))];
  if (collection === 'threads')
    return [...channels, ...(await therapyChannelsOf(tx, doc as WireDoc<Thread>))];
  const threadId = (doc as WireDoc<Post>).threadId;
  const thread = (await tx.get('threads', threadId)) as WireDoc<Thread> | null;
  if (!thread || thread.communityId !== str(doc, 'communityId')) return channels;
  if (withheld(await moderationStateOf(tx, threadId))) return channels;
  return [...channels, ...(await therapyChannelsOf(tx, thread))];
}

/**
 * The membership a moderation document is about, if it is one: its target is the id of a
 * membership of the same community (`communityId:userId`). Checked before threads and posts, so
 * a thread can never pose as a membership (push refuses thread ids that are membership ids).
 */
export async function membershipTarget(tx: StoreTx, m: ModerationDoc) {
  if (!m.targetId.startsWith(`${m.communityId}:`)) return null;
  const doc = (await tx.get('memberships', m.targetId)) as WireDoc<Membership> | null;
  return doc && doc.communityId === m.communityId ? doc : null;
}

/** The thread or post a moderation document is about, if it is one. */
export async function moderationTarget(tx: StoreTx, targetId: string) {
  for (const collection of ['threads', 'posts'] as const) {
    const doc = await tx.get(collection, targetId);
    if (doc) return { collection, doc };
  }
  return null;
}

export async function placementOf(
  tx: StoreTx,
  collection: StoredCollection,
  doc: WireDoc,
): Promise<Placement> {
  switch (collection) {
    case 'communities':
    case 'therapies':
      return { channels: [PUBLIC_CHANNEL], ownerId: null };
    case 'memberships':
    case 'reactions':
      return { channels: [communityChannel(str(doc, 'communityId'))], ownerId: str(doc, 'userId') };
    case 'profiles': {
      const memberships = (await tx.ownedBy('memberships', doc.id)) as WireDoc<Membership>[];
      const live = memberships.filter((m) => !m._deleted);
      const channels = [
        ...live.filter((m) => m.status === 'active').map((m) => communityChannel(m.communityId)),
        // Asking to join shows who asks to the moderators who decide.
        ...live.filter((m) => m.status === 'pending').map((m) => moderatorChannel(m.communityId)),
      ];
      return { channels, ownerId: doc.id };
    }
    case 'threads':
    case 'posts': {
      const communityId = str(doc, 'communityId');
      const channels = withheld(await moderationStateOf(tx, doc.id))
        ? [moderatorChannel(communityId)]
        : await publicChannelsOf(tx, collection, doc);
      return { channels, ownerId: str(doc, 'authorId') };
    }
    case 'moderation': {
      const m = doc as WireDoc<ModerationDoc>;
      const member = await membershipTarget(tx, m);
      if (member) return { channels: [moderatorChannel(m.communityId)], ownerId: member.userId };
      const target = await moderationTarget(tx, m.targetId);
      const ownerId = target ? str(target.doc, 'authorId') : null;
      if (m.state === 'pending') return { channels: [moderatorChannel(m.communityId)], ownerId };
      // Readers who hold the target learn that it was approved, hidden or locked.
      const channels = target
        ? await publicChannelsOf(tx, target.collection, target.doc)
        : [communityChannel(m.communityId)];
      return { channels, ownerId };
    }
    case 'reports':
      // The moderators and the reporter: the reported author must not learn who reported them.
      return {
        channels: [moderatorChannel(str(doc, 'communityId'))],
        ownerId: str(doc, 'reporterId'),
      };
    case 'drafts':
    case 'journal':
      return { channels: [], ownerId: str(doc, 'ownerId') };
  }
}
