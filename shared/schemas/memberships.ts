import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, idField, refField, timeField } from './common';

export type MemberRole = 'member' | 'moderator' | 'partner';
export type MembershipStatus = 'active' | 'pending' | 'left' | 'banned';

/** Written by the server only: a user asks to join or leave through the HTTP routes. */
export interface Membership extends BaseDoc {
  /** `communityId + ':' + userId` */
  id: string;
  communityId: string;
  userId: string;
  role: MemberRole;
  status: MembershipStatus;
}

export const membershipId = (communityId: string, userId: string) => `${communityId}:${userId}`;

export const membershipSchema: RxJsonSchema<Membership> = {
  title: 'memberships',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { ...idField, maxLength: 401 },
    updatedAt: timeField,
    communityId: refField,
    userId: refField,
    role: { type: 'string', enum: ['member', 'moderator', 'partner'] },
    status: { type: 'string', enum: ['active', 'pending', 'left', 'banned'] },
  },
  required: ['id', 'updatedAt', 'communityId', 'userId', 'role', 'status'],
};
