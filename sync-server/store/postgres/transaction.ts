/**
 * Write transactions of the PostgreSQL store.
 *
 * Every write transaction starts by locking the seq counter row and holds it until it ends.
 * Seqs are then handed out from memory and the last one saved just before COMMIT. Because the
 * next transaction can only read the counter after this one has committed (or rolled back),
 * every seq it assigns is larger than every seq of every transaction already visible, and no
 * transaction with a smaller seq can become visible later: seq order is commit order, which is
 * what lets a reader resume from "the last seq I saw" (docs/scale-out.md). The same lock makes
 * write transactions run one at a time across all instances, as the Store interface promises.
 */
import type pg from 'pg';
import type { WireDoc } from '../../../shared/schemas/common';
import type { AuditEntry, ServerWrite, StoreTx, StoredCollection, StoredRow } from '../types';
import { translate } from './connection';
import { type DocRow, bodies, toStoredRow } from './rows';
import { SQL } from './sql';

/** Writes one row with the given seq; the caller holds the counter lock. */
export async function writeRow(
  client: pg.ClientBase,
  w: ServerWrite,
  seq: number,
): Promise<StoredRow> {
  const channels = [...new Set(w.channels)];
  await client.query(SQL.writeRow, [
    w.collection,
    w.doc.id,
    seq,
    w.ownerId,
    w.doc._deleted === true,
    JSON.stringify(w.doc),
    channels,
  ]);
  return { ...w, channels, seq };
}

export const auditParams = (entry: AuditEntry) => [
  entry.at,
  entry.kind,
  entry.userId,
  entry.subject,
  JSON.stringify(entry.detail),
];

/**
 * The push rules read the same few documents for every row of a batch (the community, the
 * writer's membership, the thread). Inside a write transaction nothing else can change a
 * document (every writer holds the seq lock), so rows read or written here are kept for the
 * rest of the transaction: a round trip saved per repeated read.
 */
function transactionOf(client: pg.ClientBase, nextSeq: () => number): StoreTx {
  const rows = new Map<string, StoredRow | null>();
  const key = (collection: string, id: string) => `${collection}\u0000${id}`;
  async function getRow(collection: StoredCollection, id: string) {
    const k = key(collection, id);
    if (!rows.has(k)) {
      const result = await client.query<DocRow>(SQL.getRow, [collection, id]);
      rows.set(k, result.rows[0] ? toStoredRow(result.rows[0]) : null);
    }
    return rows.get(k)!;
  }
  return {
    async get(collection, id) {
      return (await getRow(collection, id))?.doc ?? null;
    },
    getRow,
    async findBy(_collection, _field, value) {
      return bodies((await client.query<{ body: WireDoc }>(SQL.postsByThread, [value])).rows);
    },
    async ownedBy(collection, ownerId) {
      return bodies(
        (await client.query<{ body: WireDoc }>(SQL.ownedBy, [collection, ownerId])).rows,
      );
    },
    async write(w) {
      const row = await writeRow(client, w, nextSeq());
      rows.set(key(w.collection, w.doc.id), row);
      return row;
    },
    async audit(entry) {
      await client.query(SQL.insertAudit, auditParams(entry));
    },
  };
}

/** Runs `work` in one write transaction holding the seq lock (see the file comment). */
export async function runTransaction<T>(
  pool: pg.Pool,
  work: (tx: StoreTx, client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    throw translate(err);
  }
  /** set when the connection itself failed: it is then destroyed instead of reused */
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const locked = await client.query<{ value: number }>(SQL.lockSeq);
    const first = locked.rows[0]!.value;
    let seq = first;
    const result = await work(
      transactionOf(client, () => ++seq),
      client,
    );
    if (seq !== first) await client.query(SQL.saveSeq, [seq]);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
    throw translate(err);
  } finally {
    client.release(broken);
  }
}
