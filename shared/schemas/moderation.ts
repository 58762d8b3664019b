import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, idField, refField, shortText, timeField } from './common';

/** 'removed' (schema version 1) is only ever about a membership: see moderationIdFor. */
export type ModerationState = 'pending' | 'approved' | 'hidden' | 'locked' | 'removed';
export const MODERATION_STATES: readonly ModerationState[] = [
  'pending',
  'approved',
  'hidden',
  'locked',
  'removed',
];

/** What others decided about a user's document; never written into the document itself. */
export interface ModerationDoc extends BaseDoc {
  targetId: string;
  communityId: string;
  state: ModerationState;
  reason: string;
  /** user id of the moderator, or 'server' */
  by: string;
}

/**
 * One moderation document per target: its id is derived from the target's id, so the server's
 * 'pending' document and a moderator's later 'approved' are versions of the same document.
 * A target is a thread or a post; a community id as target with state 'locked' locks the
 * whole community (a thread id with 'locked' locks that thread). Client ids are UUIDs; a
 * target id longer than ID_MAX - 4 characters cannot be moderated (its moderation id would not fit).
 *
 * A membership id (`communityId:userId`) as target is a decision about a member: 'approved'
 * lets a pending (or removed) member in, 'removed' takes a member out (their membership becomes
 * 'banned'); the server applies it to the membership in the same transaction.
 */
export const moderationIdFor = (targetId: string) => `mod:${targetId}`;

export const moderationSchema: RxJsonSchema<ModerationDoc> = {
  title: 'moderation',
  // 1: the 'removed' state (no document changes: see renderer/src/db/migrations.ts)
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idField,
    updatedAt: timeField,
    targetId: refField,
    communityId: refField,
    state: { type: 'string', enum: [...MODERATION_STATES] },
    reason: shortText(2_000),
    by: refField,
  },
  required: ['id', 'updatedAt', 'targetId', 'communityId', 'state', 'reason', 'by'],
};
