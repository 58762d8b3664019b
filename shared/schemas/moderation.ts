import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, idField, refField, shortText, timeField } from './common';

export type ModerationState = 'pending' | 'approved' | 'hidden' | 'locked';

/** What others decided about a user's document; never written into the document itself. */
export interface ModerationDoc extends BaseDoc {
  targetId: string;
  communityId: string;
  state: ModerationState;
  reason: string;
  /** user id of the moderator, or 'server' */
  by: string;
}

export const moderationSchema: RxJsonSchema<ModerationDoc> = {
  title: 'moderation',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idField,
    updatedAt: timeField,
    targetId: refField,
    communityId: refField,
    state: { type: 'string', enum: ['pending', 'approved', 'hidden', 'locked'] },
    reason: shortText(2_000),
    by: refField,
  },
  required: ['id', 'updatedAt', 'targetId', 'communityId', 'state', 'reason', 'by'],
};
