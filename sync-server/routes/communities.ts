/**
 * Join and leave. Memberships are server-owned documents: the user asks through these routes
 * and the result replicates like any other document. A membership change also changes what the
 * user sees, which the hub turns into a RESYNC of every collection on the user's streams.
 * Becoming or stopping being an active member also rewrites the community with its new
 * `memberCount` in the same transaction (sync/member-count.ts): the rows published below
 * include it, so everyone's directory shows the new count.
 */
import type { FastifyInstance } from 'fastify';
import type { MembershipResponse } from '../../shared/protocol';
import type { Community } from '../../shared/schemas/communities';
import type { WireDoc } from '../../shared/schemas/common';
import {
  type Membership,
  type MembershipStatus,
  membershipId,
} from '../../shared/schemas/memberships';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import { writeDoc } from '../sync/write';

type Params = { id: string };
type WireMembership = WireDoc<Membership>;

/** What a join or leave does to the current membership: the new status, or an error. */
export function nextMembershipStatus(
  action: 'join' | 'leave',
  current: MembershipStatus | null,
  joinPolicy: Community['joinPolicy'],
): MembershipStatus | 'banned' {
  if (current === 'banned') return 'banned';
  if (action === 'leave') return 'left';
  if (current === 'active' || current === 'pending') return current;
  return joinPolicy === 'open' ? 'active' : 'pending';
}

export function communityRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, hub, now } = ctx;

  async function change(action: 'join' | 'leave', communityId: string, userId: string) {
    const community = (await store.getDocument(
      'communities',
      communityId,
    )) as WireDoc<Community> | null;
    if (!community || community._deleted) throw new ApiError(404, 'not-found', 'no such community');
    const id = membershipId(communityId, userId);
    const { banned, membership, written } = await store.transaction(async (tx) => {
      const current = (await tx.get('memberships', id)) as WireMembership | null;
      const status = nextMembershipStatus(action, current?.status ?? null, community.joinPolicy);
      if (status === 'banned') return { banned: true, membership: current, written: [] };
      if (current && current.status === status && !current._deleted) {
        return { banned: false, membership: current, written: [] }; // no write, no new seq
      }
      const next: WireMembership = {
        id,
        updatedAt: now(),
        communityId,
        userId,
        role: current?.role ?? 'member', // a moderator who rejoins stays a moderator
        status,
        _deleted: false,
      };
      return { banned: false, membership: next, written: await writeDoc(tx, 'memberships', next) };
    });
    if (banned) throw new ApiError(403, 'forbidden', 'you cannot take part in this community');
    hub.publish(
      written.map(({ collection, channels, ownerId }) => ({ collection, channels, ownerId })),
    );
    return { membership: membership! } satisfies MembershipResponse;
  }

  app.post<{ Params: Params }>('/communities/:id/join', async (request) =>
    change('join', request.params.id, request.userId),
  );
  app.post<{ Params: Params }>('/communities/:id/leave', async (request) =>
    change('leave', request.params.id, request.userId),
  );
}
