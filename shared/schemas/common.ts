/**
 * Building blocks shared by every document schema.
 *
 * Every replicated document has a string `id` and an `updatedAt` set by the writing client
 * (ms since epoch). Over the wire it also carries `_deleted`; RxDB adds that field itself on the
 * client, and the server's wire validator adds it (see `validation.ts`).
 */
export const ID_MAX = 200;
/** Upper bound for a timestamp field: far beyond any real clock, it only rejects garbage. */
export const TIME_MAX = 8_640_000_000_000_000;

export const idField = { type: 'string', maxLength: ID_MAX, minLength: 1 } as const;
export const refField = { type: 'string', maxLength: ID_MAX, minLength: 1 } as const;
export const timeField = {
  type: 'number',
  minimum: 0,
  maximum: TIME_MAX,
  multipleOf: 1,
} as const;
export const shortText = (maxLength: number) => ({ type: 'string', maxLength }) as const;
export const stringList = (maxItems: number, maxLength: number) =>
  ({ type: 'array', maxItems, items: { type: 'string', maxLength } }) as const;

/** Fields every document has. */
export interface BaseDoc {
  id: string;
  updatedAt: number;
}

/** A document as it travels over the wire: deletes are tombstones, never physical. */
export type WireDoc<T extends BaseDoc = BaseDoc> = T & { _deleted: boolean };

/** Limits on user text, shared by the composer (to warn early) and the server (to refuse). */
export const LIMITS = {
  titleMax: 300,
  bodyMax: 100_000,
  nameMax: 200,
  descriptionMax: 5_000,
  ciphertextMax: 1_500_000,
} as const;
