/**
 * The store contract, the audit table: appended inside or outside transactions, newest first,
 * and append-only in the database itself (test-only SQL, as an operator's client would send).
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../store/types';
import { STORES, type StoreKind } from '../stores';
import { doc, freshStore, placed } from './setup';

/** Runs one statement on the database directly, past the store. */
async function rawSql(kind: StoreKind, db: string, sql: string): Promise<void> {
  if (kind.kind === 'sqlite') {
    const direct = new Database(db);
    try {
      direct.exec(sql);
    } finally {
      direct.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const entry = (n: number, kind: AuditEntry['kind'] = 'sign-in'): AuditEntry => ({
  at: 1_700_000_000_000 + n,
  kind,
  userId: n % 2 ? `u_${n}` : null,
  subject: `subject-${n}`,
  detail: { n, ok: true, reason: null, code: 'x' },
});

describe.each(STORES)('the $kind store: audit', (kind) => {
  const f = freshStore(kind);

  it('lists audit rows newest first, by kind, up to a limit', async () => {
    await f.store.appendAudit(entry(1));
    await f.store.appendAudit(entry(2, 'refusal'));
    await f.store.appendAudit(entry(3));
    expect(await f.store.listAudit()).toEqual([entry(3), entry(2, 'refusal'), entry(1)]);
    expect(await f.store.listAudit({ kind: 'sign-in', limit: 1 })).toEqual([entry(3)]);
    expect(await f.store.listAudit({ kind: 'role' })).toEqual([]);
  });

  it('commits audit rows with their transaction, and drops them with it', async () => {
    await f.store.transaction(async (tx) => {
      await tx.write(placed('threads', doc(), ['public']));
      await tx.audit(entry(4, 'moderation'));
    });
    await expect(
      f.store.transaction(async (tx) => {
        await tx.audit(entry(5, 'moderation'));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await f.store.listAudit({ kind: 'moderation' })).toEqual([entry(4, 'moderation')]);
  });

  it('refuses to change or delete audit rows, even in SQL sent past the store', async () => {
    await f.store.appendAudit(entry(6));
    await f.store.appendAudit(entry(7, 'refusal'));
    const before = await f.store.listAudit();
    const attempts = [
      "UPDATE audit_log SET kind = 'role'",
      "UPDATE audit_log SET subject = 'rewritten' WHERE kind = 'refusal'",
      "DELETE FROM audit_log WHERE kind = 'sign-in'",
      'DELETE FROM audit_log',
    ];
    if (kind.kind === 'postgres') attempts.push('TRUNCATE audit_log');
    for (const sql of attempts) {
      await expect(rawSql(kind, f.database.db, sql), sql).rejects.toThrow(/append-only/);
    }
    expect(await f.store.listAudit()).toEqual(before);
    // Appending still works after the refused attempts.
    await f.store.appendAudit(entry(8));
    expect(await f.store.listAudit()).toEqual([entry(8), ...before]);
  });
});
