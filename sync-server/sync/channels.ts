/**
 * Channels: the unit of visibility. A stored row sits in zero or more channels and may have an
 * owner; a user sees a row when one of its channels is in their channel set or they own it.
 * Where each document goes is decided in placement.ts; what a user sees, here.
 */
import type { WireDoc } from '../../shared/schemas/common';
import type { Membership } from '../../shared/schemas/memberships';
import type { Profile } from '../../shared/schemas/profiles';

export const PUBLIC_CHANNEL = 'public';
/** Name of the owner's position inside a checkpoint (not a channel of any row). */
export const OWN_POSITION = 'own';

/** What active members of a community see. */
export const communityChannel = (communityId: string) => `community:${communityId}`;
/** What only the community's moderators and partners see: pending and hidden content. */
export const moderatorChannel = (communityId: string) => `mod:${communityId}`;
/** Threads shared to a therapy's page (and their posts), for the therapy's followers. */
export const therapyChannel = (therapyId: string) => `therapy:${therapyId}`;

export const isModeratorRole = (role: Membership['role']) =>
  role === 'moderator' || role === 'partner';

/**
 * The channels a user sees besides their own rows: the directory, each community where they
 * are active (and its moderator channel where they moderate), and each therapy they follow.
 * Derived from documents the server stores (their memberships and their own profile), never
 * from anything the client claims in a request.
 */
export function channelsOf(memberships: readonly WireDoc[], profile: WireDoc | null): Set<string> {
  const channels = new Set([PUBLIC_CHANNEL]);
  for (const doc of memberships) {
    const m = doc as WireDoc<Membership>;
    if (m._deleted || m.status !== 'active') continue;
    channels.add(communityChannel(m.communityId));
    if (isModeratorRole(m.role)) channels.add(moderatorChannel(m.communityId));
  }
  const followed = (profile as WireDoc<Profile> | null)?.followedTherapyIds ?? [];
  if (profile && !profile._deleted) for (const id of followed) channels.add(therapyChannel(id));
  return channels;
}
