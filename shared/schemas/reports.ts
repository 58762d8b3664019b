import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, LIMITS, idField, refField, shortText, timeField } from './common';

/** Why a member reports a thread or reply; the app shows these in words (see ReportDialog). */
export const REPORT_REASONS = [
  'misinformation',
  'crisis',
  'spam',
  'privacy',
  'harassment',
  'other',
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_NOTE_MAX = 1_000;

/** What the reported thread or reply said when it was reported (a thread also has a title). */
export interface ReportSnapshot {
  title?: string;
  body: string;
  authorId: string;
}

/**
 * A member's report of a thread or reply to the community's moderators. Written once by the
 * reporter (who may only withdraw it, by deleting it); seen by the reporter and the community's
 * moderators, never by the reported author (unless that author moderates the community).
 * Moderators act on the target through its moderation document; a decision made after the
 * report means the report was handled.
 */
export interface Report extends BaseDoc {
  reporterId: string;
  communityId: string;
  targetId: string;
  targetKind: 'thread' | 'post';
  /** the thread itself, or the reply's thread */
  threadId: string;
  reason: ReportReason;
  /** may be empty */
  note: string;
  snapshot: ReportSnapshot;
  createdAt: number;
}

export const reportSchema: RxJsonSchema<Report> = {
  title: 'reports',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idField,
    updatedAt: timeField,
    reporterId: refField,
    communityId: refField,
    targetId: refField,
    targetKind: { type: 'string', enum: ['thread', 'post'] },
    threadId: refField,
    reason: { type: 'string', enum: [...REPORT_REASONS] },
    note: shortText(REPORT_NOTE_MAX),
    snapshot: {
      type: 'object',
      additionalProperties: false,
      properties: {
        title: shortText(LIMITS.titleMax),
        body: shortText(LIMITS.bodyMax),
        authorId: refField,
      },
      required: ['body', 'authorId'],
    },
    createdAt: timeField,
  },
  required: [
    'id',
    'updatedAt',
    'reporterId',
    'communityId',
    'targetId',
    'targetKind',
    'threadId',
    'reason',
    'note',
    'snapshot',
    'createdAt',
  ],
  indexes: [['communityId', 'createdAt']],
};

/** The snapshot of a thread or reply as it is now: what a report about it must carry. */
export function snapshotOf(target: {
  title?: string;
  body: string;
  authorId: string;
}): ReportSnapshot {
  return target.title === undefined
    ? { body: target.body, authorId: target.authorId }
    : { title: target.title, body: target.body, authorId: target.authorId };
}

/** Same text and author (key order and absent titles do not matter). */
export function sameSnapshot(a: ReportSnapshot, b: ReportSnapshot): boolean {
  return a.title === b.title && a.body === b.body && a.authorId === b.authorId;
}
