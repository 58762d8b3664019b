import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, idField, refField, timeField } from './common';

export const REACTION_KINDS = ['me-too', 'thanks', 'hug', 'helpful'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export interface Reaction extends BaseDoc {
  /** `targetId + ':' + userId + ':' + kind` */
  id: string;
  targetId: string;
  communityId: string;
  userId: string;
  kind: ReactionKind;
}

export const reactionId = (targetId: string, userId: string, kind: ReactionKind) =>
  `${targetId}:${userId}:${kind}`;

export const reactionSchema: RxJsonSchema<Reaction> = {
  title: 'reactions',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { ...idField, maxLength: 420 },
    updatedAt: timeField,
    targetId: refField,
    communityId: refField,
    userId: refField,
    kind: { type: 'string', enum: [...REACTION_KINDS] },
  },
  required: ['id', 'updatedAt', 'targetId', 'communityId', 'userId', 'kind'],
};
