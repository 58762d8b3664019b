/**
 * The outbox: one local-only record per thread or reply the user published, telling where it
 * is on its way to the server. Never replicated; the documents themselves replicate as usual.
 */
import type { RxJsonSchema } from 'rxdb';

export type OutboxState = 'queued' | 'sending' | 'sent' | 'refused';

export interface OutboxItem {
  /** the id of the thread or post */
  id: string;
  /** 'thread' or 'reply' (a document field may not be called `collection` in RxDB) */
  kind: 'thread' | 'reply';
  communityId: string;
  /** for a reply: its thread; for a thread: itself */
  threadId: string;
  state: OutboxState;
  /** a refusal code from the server when `state` is 'refused' */
  refusal?: string;
  /** where the refused text went back to */
  draftId?: string;
  /** first words, so the outbox can be listed without opening every document */
  preview: string;
  updatedAt: number;
}

export const outboxSchema: RxJsonSchema<OutboxItem> = {
  title: 'outbox',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 200 },
    kind: { type: 'string', enum: ['thread', 'reply'] },
    communityId: { type: 'string', maxLength: 200 },
    threadId: { type: 'string', maxLength: 200 },
    state: { type: 'string', enum: ['queued', 'sending', 'sent', 'refused'], maxLength: 10 },
    refusal: { type: 'string', maxLength: 100 },
    draftId: { type: 'string', maxLength: 200 },
    preview: { type: 'string', maxLength: 200 },
    updatedAt: { type: 'number', minimum: 0, maximum: 8_640_000_000_000_000, multipleOf: 1 },
  },
  required: ['id', 'kind', 'communityId', 'threadId', 'state', 'preview', 'updatedAt'],
  indexes: ['state'],
};
