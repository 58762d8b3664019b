import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, LIMITS, idField, refField, shortText, timeField } from './common';

/**
 * Fields of a document whose content is sealed with the user's key (AES-GCM in the renderer):
 * the database and the server hold only these, never the plaintext.
 */
export interface SealedFields {
  ownerId: string;
  keyId: string;
  /** base64 of the 12-byte IV */
  iv: string;
  /** base64 of the AES-GCM ciphertext (with its tag) */
  ciphertext: string;
}

export type DraftKind = 'thread' | 'reply' | 'journal';

export interface Draft extends BaseDoc, SealedFields {
  kind: DraftKind;
  communityId?: string;
  threadId?: string;
}

export interface JournalDoc extends BaseDoc, SealedFields {}

const sealedProperties = {
  id: idField,
  updatedAt: timeField,
  ownerId: refField,
  keyId: shortText(100),
  iv: shortText(64),
  ciphertext: shortText(LIMITS.ciphertextMax),
} as const;
const sealedRequired = ['id', 'updatedAt', 'ownerId', 'keyId', 'iv', 'ciphertext'] as const;

export const draftSchema: RxJsonSchema<Draft> = {
  title: 'drafts',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    ...sealedProperties,
    kind: { type: 'string', enum: ['thread', 'reply', 'journal'] },
    communityId: refField,
    threadId: refField,
  },
  required: [...sealedRequired, 'kind'],
};

export const journalSchema: RxJsonSchema<JournalDoc> = {
  title: 'journal',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: { ...sealedProperties },
  required: [...sealedRequired],
};
