import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, LIMITS, idField, refField, shortText, timeField } from './common';

/** A reply in a thread. */
export interface Post extends BaseDoc {
  threadId: string;
  communityId: string;
  authorId: string;
  authorName?: string;
  /** Markdown; rendered without raw HTML. */
  body: string;
  createdAt: number;
}

export const postSchema: RxJsonSchema<Post> = {
  title: 'posts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idField,
    updatedAt: timeField,
    threadId: refField,
    communityId: refField,
    authorId: refField,
    authorName: shortText(LIMITS.nameMax),
    body: { type: 'string', minLength: 1, maxLength: LIMITS.bodyMax },
    createdAt: timeField,
  },
  required: ['id', 'updatedAt', 'threadId', 'communityId', 'authorId', 'body', 'createdAt'],
  indexes: [['threadId', 'createdAt']],
};
