/** The store contract, documents: exact bodies, tombstones, placement, lookups, transactions. */
import { describe, expect, it } from 'vitest';
import { STORES } from '../stores';
import { doc, freshStore, placed, sorted, writeEach } from './setup';

describe.each(STORES)('the $kind store: documents', (kind) => {
  const f = freshStore(kind);

  it('is empty when new, and stores a document exactly as given, key order and all', async () => {
    expect(await f.store.isEmpty()).toBe(true);
    const body = doc({ zeta: 1, alpha: { b: [1, 2.5, 'ü'], a: null }, text: 'line\nbreak "q"' });
    const [row] = await writeEach(f.store, [placed('threads', body, ['community:a'], 'u1')]);
    expect(await f.store.isEmpty()).toBe(false);
    const stored = await f.store.getDocument('threads', body.id);
    expect(JSON.stringify(stored)).toBe(JSON.stringify(body));
    expect(row).toEqual({ ...placed('threads', body, ['community:a'], 'u1'), seq: row!.seq });
    expect(await f.store.getDocument('posts', body.id)).toBeNull();
    expect(await f.store.getDocument('threads', 'missing')).toBeNull();
  });

  it('keeps a deleted document as a tombstone', async () => {
    const alive = doc();
    await writeEach(f.store, [
      placed('posts', alive, ['community:a'], 'u1'),
      placed('posts', { ...alive, _deleted: true }, ['community:a'], 'u1'),
    ]);
    expect(await f.store.getDocument('posts', alive.id)).toEqual({ ...alive, _deleted: true });
  });

  it('gives every write a larger seq, and re-placing a row moves it to its new channels with a new seq', async () => {
    const d = doc();
    const [first, second] = await writeEach(f.store, [
      placed('threads', d, ['community:a', 'therapy:x', 'community:a'], 'u1'),
      placed('threads', d, ['mod:a'], 'u1'),
    ]);
    expect(first!.channels.sort()).toEqual(['community:a', 'therapy:x']);
    expect(second!.seq).toBeGreaterThan(first!.seq);
    const row = await f.store.transaction((tx) => tx.getRow('threads', d.id));
    expect(sorted([row!])).toEqual([
      { ...placed('threads', d, ['mod:a'], 'u1'), seq: second!.seq },
    ]);
  });

  it('finds rows by owner and posts by thread, in seq order, reading its own writes inside a transaction', async () => {
    const a = doc({ threadId: 't1' });
    const b = doc({ threadId: 't2' });
    const c = doc({ threadId: 't1' });
    await f.store.transaction(async (tx) => {
      await tx.write(placed('posts', a, [], 'u1'));
      await tx.write(placed('posts', b, [], 'u2'));
      await tx.write(placed('posts', c, [], 'u1'));
      expect(await tx.findBy('posts', 'threadId', 't1')).toEqual([a, c]);
      expect(await tx.ownedBy('posts', 'u1')).toEqual([a, c]);
      expect(await tx.get('posts', b.id)).toEqual(b);
    });
    expect(await f.store.ownedDocuments('posts', 'u2')).toEqual([b]);
    expect(await f.store.ownedDocuments('threads', 'u1')).toEqual([]);
  });

  it('writes nothing of a transaction that fails, and leaves no gap a reader could stop at', async () => {
    const kept = doc();
    const lost = doc();
    await expect(
      f.store.transaction(async (tx) => {
        await tx.write(placed('threads', lost, ['public']));
        throw new Error('rule failed');
      }),
    ).rejects.toThrow('rule failed');
    expect(await f.store.getDocument('threads', lost.id)).toBeNull();
    expect(await f.store.isEmpty()).toBe(true);
    const [row] = await writeEach(f.store, [placed('threads', kept, ['public'])]);
    expect(row!.seq).toBe(1);
  });

  it('runs transactions one at a time: concurrent read-then-write transactions lose no update', async () => {
    const counterDoc = doc({ n: 0 });
    await writeEach(f.store, [placed('profiles', counterDoc, [], 'u1')]);
    // PostgreSQL: three pools on one database, as three instances would be.
    const others =
      kind.kind === 'postgres' ? await Promise.all([f.database.open(), f.database.open()]) : [];
    const stores = [f.store, ...others];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        stores[i % stores.length]!.transaction(async (tx) => {
          const current = (await tx.get('profiles', counterDoc.id)) as unknown as { n: number };
          await new Promise((r) => setTimeout(r, Math.random() * 5));
          await tx.write(
            placed('profiles', { ...counterDoc, n: current.n + 1 } as never, [], 'u1'),
          );
        }),
      ),
    );
    expect(await f.store.getDocument('profiles', counterDoc.id)).toMatchObject({ n: 12 });
  });
});
