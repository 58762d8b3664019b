/**
 * Moderators settle a member's report by deciding about its target (hide it, or keep it): a
 * moderation decision made after the report means the report was handled, on every
 * moderator's device. No separate "dismissed" state exists to get out of step.
 */
import { type ModerationDoc, moderationIdFor } from '../../../shared/schemas/moderation';
import type { Report } from '../../../shared/schemas/reports';
import type { KindredDatabase } from '../db/database';
import { decide } from './decisions';

/** A moderator's decision about the target made after the report settles the report. */
export function isHandled(report: Report, decision: ModerationDoc | undefined): boolean {
  return (
    decision !== undefined && decision.by !== 'server' && decision.updatedAt > report.createdAt
  );
}

/**
 * The decision's time must come after the report's, even when the moderator's clock is behind
 * the reporter's: otherwise the report would stay open after it was dealt with.
 */
const after = (reportedAt: number) => Math.max(Date.now(), reportedAt + 1);

export function hideReported(
  db: KindredDatabase,
  me: string,
  target: { id: string; communityId: string },
  reason: string,
  reportedAt: number,
) {
  return decide(db, me, target, 'hidden', reason, after(reportedAt));
}

/**
 * Keep: the target stays as it is, and its decision records that a moderator looked at it
 * ('approved'; a locked thread stays locked, with its reason).
 */
export async function keepReported(
  db: KindredDatabase,
  me: string,
  target: { id: string; communityId: string },
  reportedAt: number,
) {
  const current = await db.moderation.findOne(moderationIdFor(target.id)).exec();
  const locked = current?.state === 'locked';
  return decide(
    db,
    me,
    target,
    locked ? 'locked' : 'approved',
    locked ? current.reason : '',
    after(reportedAt),
  );
}
