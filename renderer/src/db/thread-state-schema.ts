/**
 * Local-only facts about each thread, kept up to date from the database's own changes: its
 * latest activity and reply count (so a community of 10,000 threads lists in order without
 * reading 100,000 replies), and the user's reading of it (read up to when, following or not).
 * Never replicated.
 */
import type { RxJsonSchema } from 'rxdb';

export interface ThreadState {
  /** the thread's id */
  id: string;
  communityId: string;
  lastActivityAt: number;
  replyCount: number;
  /** when the user last had the thread open; 0 = never */
  lastReadAt: number;
  /** the reply the user had scrolled to, to come back to it */
  readPositionId?: string;
  followed: boolean;
}

const time = { type: 'number', minimum: 0, maximum: 8_640_000_000_000_000, multipleOf: 1 } as const;

export const threadStateSchema: RxJsonSchema<ThreadState> = {
  title: 'threadState',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 200 },
    communityId: { type: 'string', maxLength: 200 },
    lastActivityAt: time,
    replyCount: { type: 'number', minimum: 0, maximum: 10_000_000, multipleOf: 1 },
    lastReadAt: time,
    readPositionId: { type: 'string', maxLength: 200 },
    followed: { type: 'boolean' },
  },
  required: ['id', 'communityId', 'lastActivityAt', 'replyCount', 'lastReadAt', 'followed'],
  indexes: [['communityId', 'lastActivityAt']],
};
