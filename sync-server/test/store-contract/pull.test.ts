/**
 * The store contract, pulls: pages in seq order past per-channel positions, visibility decided
 * before LIMIT (channels and owner), rows in several channels returned once, re-placement.
 */
import { describe, expect, it } from 'vitest';
import { advanceCheckpoint, positionsFor } from '../../sync/checkpoint';
import type { Store } from '../../store/types';
import { STORES } from '../stores';
import { doc, freshStore, placed, pullOf, writeEach } from './setup';

const ids = (rows: { doc: { id: string } }[]) => rows.map((r) => r.doc.id);

/** Pulls every page as the route does, with the real checkpoint functions. */
async function pullAllPages(store: Store, channels: Set<string>, userId: string, limit: number) {
  let checkpoint = { v: 1 as const, pos: {} as Record<string, number> };
  const seen: string[] = [];
  let pages = 0;
  for (;;) {
    const { positions, ownPosition } = positionsFor(checkpoint, channels);
    const rows = await store.pull({
      collection: 'threads',
      channels: positions,
      ownerId: userId,
      ownPosition,
      limit,
    });
    pages++;
    seen.push(...ids(rows));
    checkpoint = advanceCheckpoint(checkpoint, rows, channels, userId);
    if (rows.length < limit) return { seen, checkpoint, pages };
  }
}

describe.each(STORES)('the $kind store: pull', (kind) => {
  const f = freshStore(kind);

  it('returns pages in seq order and a short page when up to date, resuming from the checkpoint', async () => {
    const docs = Array.from({ length: 7 }, () => doc());
    await writeEach(
      f.store,
      docs.map((d) => placed('threads', d, ['community:a'])),
    );
    const { seen, checkpoint, pages } = await pullAllPages(
      f.store,
      new Set(['community:a']),
      'me',
      3,
    );
    expect(seen).toEqual(ids(docs.map((d) => ({ doc: d }))));
    expect(pages).toBe(3);
    const later = doc();
    await writeEach(f.store, [placed('threads', later, ['community:a'])]);
    const { positions } = positionsFor(checkpoint, new Set(['community:a']));
    const next = await f.store.pull({
      collection: 'threads',
      channels: positions,
      ownerId: 'me',
      ownPosition: checkpoint.pos.own ?? 0,
      limit: 3,
    });
    expect(ids(next)).toEqual([later.id]);
  });

  it('decides visibility before the limit: rows of channels the reader lacks never fill a page', async () => {
    const hidden = Array.from({ length: 5 }, () => doc());
    const visible = doc();
    await writeEach(f.store, [
      ...hidden.map((d) => placed('threads', d, ['community:other'], 'someone')),
      placed('threads', visible, ['community:a']),
    ]);
    expect(ids(await pullOf(f.store, 'threads', { 'community:a': 0 }, 'me', 0, 2))).toEqual([
      visible.id,
    ]);
  });

  it('shows owned rows past the own position, and private rows to their owner only', async () => {
    const journal = doc();
    const draft = doc();
    await writeEach(f.store, [
      placed('journal', journal, [], 'owner'),
      placed('drafts', draft, [], 'owner'),
    ]);
    const all = { public: 0, 'community:a': 0 };
    expect(ids(await pullOf(f.store, 'journal', all, 'owner'))).toEqual([journal.id]);
    expect(ids(await pullOf(f.store, 'journal', all, 'stranger'))).toEqual([]);
    const [own] = await pullOf(f.store, 'journal', all, 'owner');
    expect(await pullOf(f.store, 'journal', all, 'owner', own!.seq)).toEqual([]);
    expect(ids(await pullOf(f.store, 'drafts', all, 'owner'))).toEqual([draft.id]);
  });

  it('returns a row in several of the reader’s channels (and owned) once, with all its channels', async () => {
    const shared = doc();
    await writeEach(f.store, [
      placed('threads', shared, ['community:a', 'therapy:x', 'therapy:y'], 'me'),
    ]);
    const rows = await pullOf(
      f.store,
      'threads',
      { 'community:a': 0, 'therapy:x': 0, 'therapy:y': 0 },
      'me',
    );
    expect(ids(rows)).toEqual([shared.id]);
    expect(rows[0]!.channels.sort()).toEqual(['community:a', 'therapy:x', 'therapy:y']);
    expect(rows[0]!.ownerId).toBe('me');
  });

  it('gives a channel new to the reader its whole history, and other channels only what is new', async () => {
    const old = doc();
    const seen = doc();
    const fresh = doc();
    const [, seenRow] = await writeEach(f.store, [
      placed('threads', old, ['therapy:x']),
      placed('threads', seen, ['community:a']),
      placed('threads', fresh, ['community:a']),
    ]);
    const rows = await pullOf(f.store, 'threads', { 'community:a': seenRow!.seq, 'therapy:x': 0 });
    expect(ids(rows)).toEqual([old.id, fresh.id]);
  });

  it('moves a re-placed row: readers of its new channel receive it, readers of the old one no longer do', async () => {
    const d = doc();
    const [before] = await writeEach(f.store, [placed('posts', d, ['community:a'], 'author')]);
    const [after] = await writeEach(f.store, [placed('posts', d, ['mod:a'], 'author')]);
    expect(await pullOf(f.store, 'posts', { 'community:a': before!.seq })).toEqual([]);
    expect(ids(await pullOf(f.store, 'posts', { 'community:a': 0 }))).toEqual([]);
    const mod = await pullOf(f.store, 'posts', { 'mod:a': 0 });
    expect(mod.map((r) => r.seq)).toEqual([after!.seq]);
  });

  it('returns tombstones to the readers of the row', async () => {
    const d = doc();
    await writeEach(f.store, [
      placed('posts', d, ['community:a']),
      placed('posts', { ...d, _deleted: true }, ['community:a']),
    ]);
    expect((await pullOf(f.store, 'posts', { 'community:a': 0 })).map((r) => r.doc)).toEqual([
      { ...d, _deleted: true },
    ]);
  });

  it('keeps collections apart', async () => {
    await writeEach(f.store, [placed('posts', doc(), ['community:a'])]);
    expect(await pullOf(f.store, 'threads', { 'community:a': 0 })).toEqual([]);
  });
});
