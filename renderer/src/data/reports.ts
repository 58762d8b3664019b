/**
 * Members' reports to moderators, written like everything else: to the local database first,
 * then replicated, so reporting works offline. A report carries a snapshot of what it is about;
 * the server takes it only if the snapshot is what the target says when the report arrives
 * ('report-outdated' otherwise), and the app then sends it again with a fresh snapshot, so a
 * report made offline about something edited meanwhile is not lost.
 * (What moderators do with reports: moderation/reports.ts.)
 */
import { filter, firstValueFrom, timeout } from 'rxjs';
import type { RowRefusal } from '../../../shared/protocol';
import type { Post } from '../../../shared/schemas/posts';
import {
  REPORT_NOTE_MAX,
  type Report,
  type ReportReason,
  type ReportSnapshot,
  sameSnapshot,
  snapshotOf,
} from '../../../shared/schemas/reports';
import type { Thread } from '../../../shared/schemas/threads';
import type { KindredDatabase } from '../db/database';

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  misinformation: 'Medical misinformation',
  crisis: 'Self-harm or crisis',
  spam: 'Advertising or spam',
  privacy: "Privacy — someone's personal details",
  harassment: 'Harassment',
  other: 'Something else',
};

export const isThread = (target: Thread | Post): target is Thread => 'title' in target;

export async function createReport(
  db: KindredDatabase,
  reporterId: string,
  target: Thread | Post,
  reason: ReportReason,
  note: string,
  now = Date.now(),
): Promise<Report> {
  const thread = isThread(target);
  const report: Report = {
    id: crypto.randomUUID(),
    updatedAt: now,
    reporterId,
    communityId: target.communityId,
    targetId: target.id,
    targetKind: thread ? 'thread' : 'post',
    threadId: thread ? target.id : target.threadId,
    reason,
    note: note.trim().slice(0, REPORT_NOTE_MAX),
    snapshot: snapshotOf({ ...target }),
    createdAt: now,
  };
  await db.reports.insert(report);
  return report;
}

/** How long a refused report waits for the edited target to reach this device. */
const TARGET_WAIT_MS = 10_000;

export interface ReportRecovery {
  /** Pull threads and replies now (the edit that outdated a report may not be here yet). */
  refreshTargets(): void;
  waitMs?: number;
}

/**
 * Called with the refusals of a push of reports, inside the push: a report refused as
 * 'report-outdated' gets the snapshot of its target as it is now and goes out again (RxDB
 * pushes the change next). A report the server refused for good leaves this device, so that
 * it no longer shows as sent. Returns the refusals the user should still hear about.
 */
export async function recoverRefusedReports(
  db: KindredDatabase,
  refusals: readonly RowRefusal[],
  recovery: ReportRecovery,
): Promise<RowRefusal[]> {
  const left: RowRefusal[] = [];
  for (const refusal of refusals) {
    // A stored report is never removed because of a refused change: that would withdraw it.
    const doc =
      refusal.error === 'report-final' ? null : await db.reports.findOne(refusal.id).exec();
    if (!doc) {
      left.push(refusal);
      continue;
    }
    if (refusal.error === 'report-outdated') {
      const report = doc.toJSON() as Report;
      const snapshot = await currentSnapshot(db, report, recovery);
      if (snapshot) {
        await doc.incrementalPatch({
          snapshot,
          updatedAt: Math.max(Date.now(), report.updatedAt + 1),
        });
        continue;
      }
    }
    // Never stored on the server: removing it here pushes nothing that could be taken.
    await doc.remove();
    left.push(refusal);
  }
  return left;
}

/** The target's snapshot once it differs from the report's; null if it does not in time. */
async function currentSnapshot(
  db: KindredDatabase,
  report: Report,
  recovery: ReportRecovery,
): Promise<ReportSnapshot | null> {
  const collection = report.targetKind === 'thread' ? 'threads' : 'posts';
  if (!(collection in db.collections)) return null;
  const query = (db.collections[collection] as KindredDatabase['posts']).findOne(report.targetId);
  const changed = (doc: { toJSON(): unknown } | null) =>
    doc !== null && !sameSnapshot(snapshotOf(doc.toJSON() as Post), report.snapshot);
  const now = await query.exec();
  if (changed(now)) return snapshotOf(now!.toJSON() as Post);
  recovery.refreshTargets();
  try {
    const later = await firstValueFrom(
      query.$.pipe(filter(changed), timeout(recovery.waitMs ?? TARGET_WAIT_MS)),
    );
    return snapshotOf(later!.toJSON() as Post);
  } catch {
    return null; // not here in time (or deleted): the user hears why and can report again
  }
}
