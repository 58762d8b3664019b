import type { RxJsonSchema } from 'rxdb';
import {
  type BaseDoc,
  LIMITS,
  idField,
  refField,
  shortText,
  stringList,
  timeField,
} from './common';

export interface Thread extends BaseDoc {
  communityId: string;
  authorId: string;
  /** Shown beside the thread so readers need no profile lookup (optional over the wire). */
  authorName?: string;
  title: string;
  /** Markdown; rendered without raw HTML. */
  body: string;
  therapyIds: string[];
  shareToTherapyPages: boolean;
  createdAt: number;
}

export const threadSchema: RxJsonSchema<Thread> = {
  title: 'threads',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idField,
    updatedAt: timeField,
    communityId: refField,
    authorId: refField,
    authorName: shortText(LIMITS.nameMax),
    title: { type: 'string', minLength: 1, maxLength: LIMITS.titleMax },
    body: shortText(LIMITS.bodyMax),
    therapyIds: stringList(20, 200),
    shareToTherapyPages: { type: 'boolean' },
    createdAt: timeField,
  },
  required: [
    'id',
    'updatedAt',
    'communityId',
    'authorId',
    'title',
    'body',
    'therapyIds',
    'shareToTherapyPages',
    'createdAt',
  ],
  indexes: [['communityId', 'updatedAt']],
};
