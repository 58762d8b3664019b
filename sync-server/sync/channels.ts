/**
 * Channels: the unit of visibility. Every stored row sits in one channel and may have an
 * owner; a user sees a row when the channel is in their channel set or they own the row.
 * Adding a way to see things (followed therapies, moderators' queues) means adding a channel
 * kind here, not changing the pull.
 */
import type { WireDoc } from '../../shared/schemas/common';
import type { Placement, StoredCollection } from '../store/types';

export const PUBLIC_CHANNEL = 'public';
/** Name of the owner's position inside a checkpoint (not a channel of any row). */
export const OWN_POSITION = 'own';

export const communityChannel = (communityId: string) => `community:${communityId}`;
const userChannel = (userId: string) => `user:${userId}`;

function stringField(doc: WireDoc, field: string): string {
  const value = (doc as unknown as Record<string, unknown>)[field];
  if (typeof value !== 'string') throw new Error(`document has no ${field}`);
  return value;
}

/** Where a document of a collection is stored; the documents were validated before. */
export function placementOf(collection: StoredCollection, doc: WireDoc): Placement {
  switch (collection) {
    case 'communities':
    case 'therapies':
      return { channel: PUBLIC_CHANNEL, ownerId: null };
    case 'memberships':
      return {
        channel: communityChannel(stringField(doc, 'communityId')),
        ownerId: stringField(doc, 'userId'),
      };
    case 'threads':
    case 'posts':
      return {
        channel: communityChannel(stringField(doc, 'communityId')),
        ownerId: stringField(doc, 'authorId'),
      };
    case 'profiles':
      // Not replicated yet; "people who share a community" will be its own rule.
      return { channel: userChannel(doc.id), ownerId: doc.id };
  }
}

/** The channels a user sees (besides their own rows): public plus each active community. */
export function channelsOf(activeCommunityIds: Iterable<string>): Set<string> {
  const channels = new Set([PUBLIC_CHANNEL]);
  for (const id of activeCommunityIds) channels.add(communityChannel(id));
  return channels;
}
