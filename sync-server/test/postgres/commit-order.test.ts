/**
 * Seq order is commit order on PostgreSQL: many writers on several pools (as several server
 * instances would be), holding their transactions open for random times after taking their
 * seqs, some rolling back, while a reader pulls page after page. With a seq taken before
 * commit (a sequence, bigserial, a clock) a slow transaction would become visible behind a
 * position the reader already passed, and the reader would never see it; here it must see
 * every committed row exactly once, and never a rolled-back one.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { advanceCheckpoint, positionsFor, type SyncCheckpoint } from '../../sync/checkpoint';
import type { Store } from '../../store/types';
import { type TestDatabase, describePostgres } from '../stores';

const CHANNELS = new Set(['community:busy', 'community:quiet']);
const WRITERS = 24;
const TRANSACTIONS_EACH = 6;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePostgres('commit-order seqs on $kind', (kind) => {
  let database: TestDatabase;
  let pools: Store[];
  let reader: Store;
  beforeAll(async () => {
    database = await kind.createDatabase();
    pools = await Promise.all([1, 2, 3].map(() => database.open({ poolSize: 8 })));
    reader = await database.open({ poolSize: 2 });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('lets a reader pulling during concurrent, out-of-order writers see every committed row exactly once', async () => {
    const committed: string[] = [];
    const rolledBack: string[] = [];
    let writing = true;

    const seen: string[] = [];
    const seqs: number[] = [];
    let checkpoint: SyncCheckpoint = { v: 1, pos: {} };
    const pullPage = async () => {
      const { positions, ownPosition } = positionsFor(checkpoint, CHANNELS);
      const rows = await reader.pull({
        collection: 'posts',
        channels: positions,
        ownerId: 'reader',
        ownPosition,
        limit: 7,
      });
      seen.push(...rows.map((r) => r.doc.id));
      seqs.push(...rows.map((r) => r.seq));
      checkpoint = advanceCheckpoint(checkpoint, rows, CHANNELS, 'reader');
      return rows.length;
    };
    let pulls = 0;
    const puller = (async () => {
      while (writing) {
        await pullPage();
        pulls++;
      }
    })();

    await Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        const store = pools[w % pools.length]!;
        for (let t = 0; t < TRANSACTIONS_EACH; t++) {
          const ids = [0, 1, 2].slice(0, 1 + ((w + t) % 3)).map((i) => `w${w}-t${t}-${i}`);
          const fail = (w * 7 + t) % 11 === 0;
          try {
            await store.transaction(async (tx) => {
              for (const id of ids) {
                const channel = id.endsWith('-1') ? 'community:quiet' : 'community:busy';
                await tx.write({
                  collection: 'posts',
                  doc: { id, updatedAt: 1, _deleted: false },
                  channels: [channel],
                  ownerId: `writer-${w}`,
                });
                // Hold the transaction open after taking a seq: commits would now come out of
                // seq order if seqs were not assigned under the commit-order lock.
                await sleep(Math.random() * 6);
              }
              if (fail) throw new Error('rolled back on purpose');
            });
            committed.push(...ids);
          } catch (err) {
            if ((err as Error).message !== 'rolled back on purpose') throw err;
            rolledBack.push(...ids);
          }
        }
      }),
    );
    writing = false;
    await puller;
    while ((await pullPage()) > 0) {
      /* drain what committed after the last page */
    }

    expect(pulls).toBeGreaterThan(10);
    expect(rolledBack.length).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length); // none twice
    expect([...seen].sort()).toEqual([...committed].sort()); // none missed, none rolled back
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
