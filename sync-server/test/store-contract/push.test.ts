/**
 * The store contract, pushes: the push rules (sync/push/rules.ts) run in a store transaction
 * detect conflicts against what is stored, treat replays as harmless, and under concurrent
 * pushes of one document exactly one wins (the others get the winner back as a conflict).
 */
import { describe, expect, it } from 'vitest';
import type { WireDoc } from '../../../shared/schemas/common';
import { applyRow } from '../../sync/push/rules';
import type { Store } from '../../store/types';
import { STORES } from '../stores';
import { freshStore } from './setup';

const NOW = 1_700_000_000_000;
const entry = (id: string, ciphertext: string, updatedAt = NOW): WireDoc =>
  ({
    id,
    updatedAt,
    ownerId: 'u1',
    keyId: 'k',
    iv: 'AAAAAAAAAAAAAAAA',
    ciphertext,
    _deleted: false,
  }) as WireDoc;

const pushOne = (store: Store, assumed: WireDoc | null, next: WireDoc) =>
  store.transaction((tx) =>
    applyRow(
      tx,
      { collection: 'journal', userId: 'u1', now: NOW },
      {
        assumedMasterState: assumed,
        newDocumentState: next,
      },
    ),
  );

describe.each(STORES)('the $kind store: push', (kind) => {
  const f = freshStore(kind);

  it('writes a new document, then returns the master as a conflict for a stale assumed state', async () => {
    const first = entry('j1', 'c2VhbGVkMQ');
    expect((await pushOne(f.store, null, first)).kind).toBe('written');
    const second = entry('j1', 'c2VhbGVkMg', NOW + 1);
    expect((await pushOne(f.store, first, second)).kind).toBe('written');
    const stale = await pushOne(f.store, first, entry('j1', 'c2VhbGVkMw', NOW + 2));
    expect(stale).toEqual({ kind: 'conflict', master: second });
    expect(await f.store.getDocument('journal', 'j1')).toEqual(second);
  });

  it('treats a replayed push as harmless: no conflict and no new seq', async () => {
    const d = entry('j2', 'c2VhbGVk');
    await pushOne(f.store, null, d);
    const [before] = await f.store.pull({
      collection: 'journal',
      channels: new Map(),
      ownerId: 'u1',
      ownPosition: 0,
      limit: 10,
    });
    expect((await pushOne(f.store, null, d)).kind).toBe('unchanged');
    const after = await f.store.pull({
      collection: 'journal',
      channels: new Map(),
      ownerId: 'u1',
      ownPosition: before!.seq,
      limit: 10,
    });
    expect(after).toEqual([]);
  });

  it('lets exactly one of several concurrent pushes from the same assumed state win', async () => {
    const base = entry('j3', 'YmFzZQ');
    await pushOne(f.store, null, base);
    const others =
      kind.kind === 'postgres' ? await Promise.all([f.database.open(), f.database.open()]) : [];
    const stores = [f.store, ...others];
    const outcomes = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        pushOne(stores[i % stores.length]!, base, entry('j3', `ZWRpdA${i}`, NOW + 1 + i)),
      ),
    );
    expect(outcomes.filter((o) => o.kind === 'written')).toHaveLength(1);
    const winner = await f.store.getDocument('journal', 'j3');
    for (const o of outcomes.filter((o) => o.kind !== 'written')) {
      expect(o).toEqual({ kind: 'conflict', master: winner });
    }
  });
});
