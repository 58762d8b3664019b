/**
 * Sends what is on the device now, not what was there when RxDB picked the rows.
 *
 * RxDB picks a push's rows and then retries exactly those rows until they go out. While the
 * server cannot be reached that can take hours, during which the user may edit a reply or
 * withdraw it. Sending the old version then would show other members words the author took
 * back (a withdrawn reply would appear, and then disappear). So public documents are re-read
 * just before the request, and the current version — or its tombstone — is sent instead.
 *
 * RxDB still believes it sent the old version; the push handler therefore reports each
 * replaced row that the server stored as a "conflict" whose master state is the version sent.
 * RxDB's conflict step then records that state as the server's (latest edit wins: it is the
 * newest), and nothing is sent twice.
 */
import type { RxCollection, RxReplicationWriteToMasterRow } from 'rxdb';

/** Collections whose documents other members see, and whose conflict rule is "latest edit wins". */
const PUBLIC_COLLECTIONS = new Set(['threads', 'posts', 'reactions']);

type Row<T> = RxReplicationWriteToMasterRow<T>;

export interface FreshRows<T> {
  rows: Row<T>[];
  /** ids whose row now carries a newer version than RxDB picked */
  replaced: Set<string>;
}

export async function freshenRows<T>(
  collection: RxCollection<T>,
  rows: Row<T>[],
): Promise<FreshRows<T>> {
  const replaced = new Set<string>();
  if (!PUBLIC_COLLECTIONS.has(collection.name) || rows.length === 0) return { rows, replaced };
  const idOf = (doc: unknown) => (doc as { id: string }).id;
  const stored = await collection.storageInstance.findDocumentsById(
    rows.map((row) => idOf(row.newDocumentState)),
    true, // tombstones too: a withdrawn reply is sent as its deletion
  );
  const current = new Map(stored.map((doc) => [idOf(doc), wireForm(doc)]));
  const fresh = rows.map((row) => {
    const now = current.get(idOf(row.newDocumentState));
    if (!now || sameJson(now, row.newDocumentState)) return row;
    replaced.add(idOf(now));
    return { ...row, newDocumentState: now as Row<T>['newDocumentState'] };
  });
  return { rows: fresh, replaced };
}

/** The document as the replication sends it: without RxDB's own bookkeeping fields. */
function wireForm(doc: object): object {
  const { _meta, _rev, _attachments, ...wire } = doc as Record<string, unknown>;
  void _meta;
  void _rev;
  void _attachments;
  return wire;
}

function sameJson(a: object, b: object): boolean {
  const keys = (o: object) => Object.keys(o).sort();
  const ka = keys(a);
  const kb = keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every(
    (k) =>
      JSON.stringify((a as Record<string, unknown>)[k]) ===
      JSON.stringify((b as Record<string, unknown>)[k]),
  );
}
