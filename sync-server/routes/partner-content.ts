/**
 * PUT /communities/:id/partner-content: the community's partners and moderators edit its
 * guidelines, welcome message, pinned resources and crisis lines. Communities are server-owned
 * documents, so this is a route (online only; the app keeps the editor's text as a local draft
 * until it is saved) rather than a push. The edit is checked (shared/partner-content.ts: https
 * links only, bounded sizes), applied to the stored community through the ordinary write path
 * (a new seq: every client receives it with its next pull) and audited (who, which fields).
 */
import type { FastifyInstance } from 'fastify';
import {
  type PartnerContentResponse,
  changedFields,
  checkPartnerContent,
  withPartnerContent,
} from '../../shared/partner-content';
import type { Community } from '../../shared/schemas/communities';
import type { WireDoc } from '../../shared/schemas/common';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';
import type { StoredRow } from '../store/types';
import { isModeratorRole } from '../sync/channels';
import { activeMembership } from '../sync/push/community-rules';
import { writeDoc } from '../sync/write';

type Outcome =
  { ok: true; community: WireDoc<Community>; rows: StoredRow[] } | { ok: false; error: ApiError };

export function partnerContentRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, hub, now } = ctx;

  app.put<{ Params: { id: string }; Body: unknown }>(
    '/communities/:id/partner-content',
    { schema: { body: { type: 'object' } } },
    async (request): Promise<PartnerContentResponse> => {
      const check = checkPartnerContent(request.body);
      if (!check.ok) throw new ApiError(400, 'bad-request', check.message);
      const { baseUpdatedAt, ...edit } = check.value;
      const communityId = request.params.id;
      const userId = request.userId;
      const t = now();

      const outcome = await store.transaction(async (tx): Promise<Outcome> => {
        const stored = (await tx.get('communities', communityId)) as WireDoc<Community> | null;
        if (!stored || stored._deleted) {
          return { ok: false, error: new ApiError(404, 'not-found', 'no such community') };
        }
        const membership = await activeMembership(tx, communityId, userId);
        if (!membership || !isModeratorRole(membership.role)) {
          const message = 'only the partners and moderators of this community can change this';
          return { ok: false, error: new ApiError(403, 'forbidden', message) };
        }
        if (baseUpdatedAt !== undefined && baseUpdatedAt !== stored.updatedAt) {
          const message = 'someone changed this community meanwhile: review the latest version';
          return { ok: false, error: new ApiError(409, 'edit-conflict', message) };
        }
        const next = withPartnerContent(stored, edit);
        const fields = changedFields(stored, next);
        if (fields.length === 0) return { ok: true, community: stored, rows: [] };
        next.updatedAt = Math.max(t, stored.updatedAt + 1);
        const rows = await writeDoc(tx, 'communities', next);
        await tx.audit({
          at: t,
          kind: 'partner-content',
          userId,
          subject: communityId,
          detail: { role: membership.role, fields: fields.join(',') },
        });
        return { ok: true, community: next, rows };
      });

      if (!outcome.ok) throw outcome.error;
      hub.publish(
        outcome.rows.map(({ collection, channels, ownerId }) => ({
          collection,
          channels,
          ownerId,
        })),
      );
      return { community: outcome.community };
    },
  );
}
