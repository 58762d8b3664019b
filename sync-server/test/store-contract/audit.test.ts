/** The store contract, the audit table: appended inside or outside transactions, newest first. */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../store/types';
import { STORES } from '../stores';
import { doc, freshStore, placed } from './setup';

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
});
