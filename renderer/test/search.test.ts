import { indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../shared/collections';
import { keyringOf } from '../src/crypto/keyring';
import { createReply } from '../src/data/writes';
import { emptyEntry } from '../src/journal/entry-model';
import { newEntryId, saveEntry } from '../src/journal/journal-store';
import { SearchIndexer } from '../src/search/indexer';
import type { Thread } from '../../shared/schemas/threads';
import {
  type TestClient,
  type TestServer,
  eventually,
  startClient,
  startTestServer,
} from './harness';

const SENTINEL = 'Quixotrel-brindle-5521';
const COLLECTIONS: CollectionName[] = ['memberships', 'threads', 'posts', 'therapies', 'journal'];

/** Every value in the saved search index databases of this process, as text. */
async function savedIndexText(): Promise<string> {
  const out: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name?.endsWith('-search')) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(info.name!);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
      out.push(JSON.stringify(values));
    }
    db.close();
  }
  return out.join('\n');
}

describe('search over the local database', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const indexers: SearchIndexer[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const indexer of indexers.splice(0)) await indexer.stop();
    for (const client of clients.splice(0)) await client.close();
  });
  afterAll(async () => {
    await server.close();
  });

  async function member(name: string): Promise<TestClient> {
    const client = await startClient(server.url, name, { collections: COLLECTIONS });
    clients.push(client);
    await client.api.join('lung-cancer');
    await eventually(
      async () => (await client.db.threads.find().exec()).length > 0,
      `lung-cancer history on ${name}`,
    );
    return client;
  }

  function indexerFor(client: TestClient, accountDatabase = client.db.name): SearchIndexer {
    const indexer = new SearchIndexer({
      db: client.db,
      accountDatabase,
      userId: client.userId,
      keyring: async () => keyringOf(client.sealingKey, []),
      indexedDB,
    });
    indexers.push(indexer);
    indexer.start();
    return indexer;
  }

  it('a brand name finds the thread that names the generic, and a new reply is found within a second', async () => {
    const ana = await member('Ana');
    const search = indexerFor(ana);
    await search.settled();
    const hits = search.search('Tagrisso', { filters: { kinds: ['thread'] } });
    expect(hits[0]?.docId).toBe('demo-thread-osimertinib-rash');

    const thread = (await ana.db.threads.findOne(hits[0]!.docId).exec())!.toJSON() as Thread;
    const written = Date.now();
    await createReply(ana.db, ana, thread, 'Urea cream from the pharmacy, unscented.');
    const found = await eventually(
      () => search.search('urea unscented').find((h) => h.kind === 'reply'),
      'the new reply in search',
      1_000,
    );
    expect(Date.now() - written).toBeLessThan(1_000);
    expect(found.threadId).toBe(thread.id);
  });

  it('a reopened index is loaded from disk and re-indexes only what changed meanwhile', async () => {
    const ana = await member('Ana');
    const first = indexerFor(ana);
    await first.settled();
    expect(first.stats.indexed).toBeGreaterThan(0);
    await first.stop();
    indexers.splice(indexers.indexOf(first), 1);

    const thread = (await ana.db.threads
      .findOne('demo-thread-scanxiety')
      .exec())!.toJSON() as Thread;
    await createReply(ana.db, ana, thread, 'Crossword puzzles got me through the weekend.');

    const second = indexerFor(ana);
    await second.settled();
    expect(second.stats.loadedSaved).toBe(true);
    expect(second.stats.indexed).toBe(1);
    expect(second.search('crossword').map((h) => h.threadId)).toEqual([thread.id]);
    expect(second.search('osimertinib').length).toBeGreaterThan(0);
  });

  it('the journal is searchable by its owner only, and never reaches the saved index', async () => {
    const ana = await member('Ana');
    const ben = await member('Ben');
    await saveEntry(
      ana.db,
      { userId: ana.userId, keyring: keyringOf(ana.sealingKey, []) },
      newEntryId(ana.userId),
      {
        ...emptyEntry('2025-04-02'),
        title: 'Brambleweed again',
        body: `Zeltrane on my hands, ${SENTINEL}, asked about the osimertinib dose.`,
      },
    );
    const anaSearch = indexerFor(ana);
    const benSearch = indexerFor(ben);
    await eventually(
      () => anaSearch.search(SENTINEL).find((h) => h.kind === 'journal'),
      'the entry in Ana’s search',
    );
    // A brand name reaches the journal too, and the text for its snippet is in memory.
    const viaBrand = anaSearch.search('Tagrisso', { filters: { kinds: ['journal'] } });
    expect(viaBrand).toHaveLength(1);
    expect(anaSearch.journalText(viaBrand[0]!.key)).toContain(SENTINEL);

    await benSearch.settled();
    expect(benSearch.search(SENTINEL)).toEqual([]);
    expect(benSearch.search('zeltrane')).toEqual([]);

    await anaSearch.flush();
    await benSearch.flush();
    const saved = await savedIndexText();
    // (the saved index is really there, with the community's words in it)
    expect(saved.includes('osimertinib')).toBe(true);
    const leaked = [SENTINEL, 'zeltrane', 'Zeltrane', 'brambleweed', 'Brambleweed'].filter((w) =>
      saved.includes(w),
    );
    expect(leaked).toEqual([]);
  });
});
