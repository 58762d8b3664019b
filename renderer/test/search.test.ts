// One browser profile for the whole file: the key store (crypto/key-store) uses the global one.
import 'fake-indexeddb/auto';
import { indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CollectionName } from '../../shared/collections';
import { type Keyring, keyringOf, loadKeyring } from '../src/crypto/keyring';
import { createReply } from '../src/data/writes';
import { databaseNameFor } from '../src/db/database';
import { type EntryContent, emptyEntry } from '../src/journal/entry-model';
import { type Owner, newEntryId, saveEntry } from '../src/journal/journal-store';
import { SearchIndexer } from '../src/search/indexer';
import type { Thread } from '../../shared/schemas/threads';
import {
  type TestClient,
  type TestServer,
  eventually,
  newSealingKey,
  startClient,
  startTestServer,
} from './harness';

const SENTINEL = 'Quixotrel-brindle-5521';
const COLLECTIONS: CollectionName[] = ['memberships', 'threads', 'posts', 'therapies', 'journal'];

function entry(title: string, body: string): EntryContent {
  return { ...emptyEntry('2025-04-02'), title, body };
}

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

  /** Another device of `account`'s person, with a key of its own. */
  async function otherDevice(account: TestClient, sealingKey: TestClient['sealingKey']) {
    const client = await startClient(server.url, account.displayName, {
      collections: COLLECTIONS,
      account: {
        userId: account.userId,
        token: account.token,
        displayName: account.displayName,
        sealingKey,
      },
    });
    clients.push(client);
    return client;
  }

  function indexerFor(
    client: TestClient,
    {
      accountDatabase = client.db.name,
      keyring = async () => keyringOf(client.sealingKey, []),
    }: { accountDatabase?: string; keyring?: () => Promise<Keyring | null> } = {},
  ): SearchIndexer {
    const indexer = new SearchIndexer({
      db: client.db,
      accountDatabase,
      userId: client.userId,
      keyring,
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

  it('the journal becomes searchable as soon as a recovery key opens it, with no journal write', async () => {
    const laptop = await member('Ana');
    const laptopOwner: Owner = { userId: laptop.userId, keyring: keyringOf(laptop.sealingKey, []) };
    await saveEntry(
      laptop.db,
      laptopOwner,
      newEntryId(laptop.userId),
      entry('Brambleweed again', `Zeltrane on my hands, ${SENTINEL}.`),
    );
    // A new phone made a key of its own at first start: the entry syncs but does not open.
    const phoneKey = await newSealingKey();
    const phone = await otherDevice(laptop, phoneKey);
    await eventually(
      async () => (await phone.db.journal.find().exec()).length === 1,
      'the sealed entry on the phone',
    );
    let keyring = keyringOf(phoneKey, []);
    const search = indexerFor(phone, { keyring: async () => keyring });
    await search.settled();
    expect(search.search(SENTINEL)).toEqual([]);

    // The recovery key is entered: the laptop's key becomes current, the phone's own is kept.
    keyring = keyringOf(laptop.sealingKey, [phoneKey]);
    search.keysChanged();
    const hit = await eventually(
      () => search.search(SENTINEL).find((h) => h.kind === 'journal'),
      'the entry in search once the recovery key was entered',
    );
    expect(search.journalText(hit.key)).toContain(SENTINEL);
  });

  it('the journal leaves search when the keys can no longer be read', async () => {
    const ana = await member('Ana');
    const owner: Owner = { userId: ana.userId, keyring: keyringOf(ana.sealingKey, []) };
    await saveEntry(ana.db, owner, newEntryId(ana.userId), entry('Brambleweed', SENTINEL));
    let keychainOpen = true;
    const search = indexerFor(ana, {
      keyring: async () => {
        if (!keychainOpen) throw new Error('the keychain is locked');
        return owner.keyring;
      },
    });
    const hit = await eventually(
      () => search.search(SENTINEL).find((h) => h.kind === 'journal'),
      'the entry in search',
    );

    keychainOpen = false;
    search.keysChanged();
    await search.settled();
    expect(search.search(SENTINEL)).toEqual([]);
    expect(search.journalText(hit.key)).toBeUndefined();
  });

  it('two accounts on one browser profile: Ben’s search never shows Ana’s journal', async () => {
    // The app cannot put two accounts' journals in one database: every account gets its own
    // database on a device (databaseNameFor: server and user id), its saved index beside it, and
    // its own sealing key in the profile's key store. What two people on one computer do share is
    // the browser profile, which holds all of these side by side. So: Ana writes in her journal
    // and signs out, then Ben signs in on the same profile and searches for what she wrote.
    // (The harness names the RxDB databases itself, one per client; the saved indexes and the keys
    // are named as the app names them.)
    const ana = await member('Ana');
    const anaAccount = databaseNameFor(server.url, ana.userId);
    const anaKeyring = () => loadKeyring(anaAccount, undefined);
    await saveEntry(
      ana.db,
      { userId: ana.userId, keyring: await anaKeyring() },
      newEntryId(ana.userId),
      entry('Sleepless', `Insomnia again, ${SENTINEL}, since the osimertinib dose went up.`),
    );
    const anaSearch = indexerFor(ana, { accountDatabase: anaAccount, keyring: anaKeyring });
    await eventually(
      () => anaSearch.search(SENTINEL).find((h) => h.kind === 'journal'),
      'the entry in Ana’s search',
    );
    await anaSearch.flush();
    await anaSearch.stop(); // signing out stops the account's services
    indexers.splice(indexers.indexOf(anaSearch), 1);

    const ben = await member('Ben');
    const benAccount = databaseNameFor(server.url, ben.userId);
    expect(benAccount).not.toBe(anaAccount);
    const benKeyring = () => loadKeyring(benAccount, undefined);
    const benEntry = newEntryId(ben.userId);
    await saveEntry(
      ben.db,
      { userId: ben.userId, keyring: await benKeyring() },
      benEntry,
      entry('Insomnia notes', 'Insomnia most nights this week.'),
    );
    const benSearch = indexerFor(ben, { accountDatabase: benAccount, keyring: benKeyring });
    // Ben's own journal is searched (so an empty answer below is not a broken journal search)...
    await eventually(
      () => benSearch.search('insomnia').find((h) => h.kind === 'journal'),
      'Ben’s own entry in his search',
    );
    await benSearch.settled();
    const journalHits = benSearch.search('insomnia', { filters: { kinds: ['journal'] } });
    expect(journalHits.map((h) => h.docId)).toEqual([benEntry]);
    // ...and nothing of Ana's, by any of its words, in any kind of result.
    expect(benSearch.search(SENTINEL)).toEqual([]);
    expect(benSearch.search('sleepless')).toEqual([]);
    // (the community both joined is searchable for Ben: his search works beyond his journal)
    expect(benSearch.search('osimertinib').length).toBeGreaterThan(0);
  });
});
