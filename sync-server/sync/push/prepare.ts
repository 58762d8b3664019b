/**
 * The checks of a pushed row that need nothing but the row: size, schema, derived ids. A row
 * that fails them is refused on its own ('too-large', 'invalid'); the rest of the push goes on.
 * The body's shape (an array of objects with newDocumentState) was checked by the route schema:
 * a malformed body is a 400, a bad row inside a well-formed body is not.
 */
import type { CollectionName } from '../../../shared/collections';
import { DOC_BYTES_MAX, type RefusalCode } from '../../../shared/protocol';
import type { WireDoc } from '../../../shared/schemas/common';
import { moderationIdFor } from '../../../shared/schemas/moderation';
import { type Reaction, reactionId } from '../../../shared/schemas/reactions';
import type { ModerationDoc } from '../../../shared/schemas/moderation';
import { validateWireDoc } from '../../../shared/validation';

export interface PushRow {
  assumedMasterState: WireDoc | null;
  newDocumentState: WireDoc;
}

export type Prepared = { ok: true; row: PushRow } | { ok: false; id: string; code: RefusalCode };

interface RawRow {
  assumedMasterState?: unknown;
  newDocumentState: Record<string, unknown>;
}

/** Ids an id-less or garbled row is reported under, so the client can still match it. */
const idOf = (doc: Record<string, unknown>) =>
  typeof doc.id === 'string' ? doc.id.slice(0, 400) : '';

/** Ids that other fields determine: a mismatch would let one document shadow another. */
function derivedIdOk(collection: CollectionName, doc: WireDoc): boolean {
  if (collection === 'reactions') {
    const r = doc as WireDoc<Reaction>;
    return r.id === reactionId(r.targetId, r.userId, r.kind);
  }
  if (collection === 'moderation') {
    return doc.id === moderationIdFor((doc as WireDoc<ModerationDoc>).targetId);
  }
  return true;
}

export function prepareRow(collection: CollectionName, raw: RawRow): Prepared {
  const next = raw.newDocumentState;
  const id = idOf(next);
  if (Buffer.byteLength(JSON.stringify(next)) > DOC_BYTES_MAX[collection]) {
    return { ok: false, id, code: 'too-large' };
  }
  if (!validateWireDoc(collection, next).ok) return { ok: false, id, code: 'invalid' };
  const doc = next as unknown as WireDoc;
  if (!derivedIdOk(collection, doc)) return { ok: false, id, code: 'invalid' };
  const assumed = raw.assumedMasterState ?? null;
  if (assumed !== null && (assumed as { id?: unknown }).id !== doc.id) {
    return { ok: false, id, code: 'invalid' };
  }
  return {
    ok: true,
    row: { assumedMasterState: assumed as WireDoc | null, newDocumentState: doc },
  };
}
