import { indexedDB } from 'fake-indexeddb';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JournalDoc } from '../../shared/schemas/sealed';
import { installKey, keyringOf, loadKeyring, revealRecoveryKey } from '../src/crypto/keyring';
import { parseRecoveryKey } from '../src/crypto/recovery-key';
import { fromBase64, toBase64 } from '../src/crypto/seal';
import { type EntryContent, HISTORY_SESSION_MS, emptyEntry } from '../src/journal/entry-model';
import {
  type Owner,
  JournalWriteError,
  loadJournal,
  newEntryId,
  resealWithCurrentKey,
  saveEntry,
  saveSymptomList,
} from '../src/journal/journal-store';
import {
  type TestClient,
  type TestServer,
  eventually,
  newSealingKey,
  startClient,
  startTestServer,
} from './harness';
import { fakeShell } from './journal-fake-shell';

const SENTINEL = 'Zanzibar-wobble-7731';

function entry(overrides: Partial<EntryContent> = {}): EntryContent {
  return {
    ...emptyEntry('2025-03-04'),
    title: `Bad night ${SENTINEL}`,
    body: `Woke at 3am, ${SENTINEL} everywhere. Should I ask about the dose?`,
    mood: 3,
    symptoms: [
      { name: 'breathlessness', score: 7 },
      { name: 'nausea', score: 2 },
    ],
    medications: [{ name: 'Keytruda', dose: '200 mg', therapyId: 'pembrolizumab' }],
    tags: ['night'],
    ...overrides,
  };
}

function owner(client: TestClient): Owner {
  return { userId: client.userId, keyring: keyringOf(client.sealingKey, []) };
}

/** Every value in every fake IndexedDB database of this process, as text. */
async function allIndexedDbText(): Promise<string> {
  const out: string[] = [];
  for (const info of await indexedDB.databases()) {
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

describe('the sealed journal', () => {
  let server: TestServer;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
  });
  afterAll(async () => {
    await server.close();
  });

  async function device(name: string, account?: TestClient) {
    const c = await startClient(server.url, name, {
      collections: ['journal'],
      ...(account
        ? {
            account: {
              userId: account.userId,
              token: account.token,
              displayName: account.displayName,
              sealingKey: account.sealingKey,
            },
          }
        : {}),
    });
    clients.push(c);
    return c;
  }

  it('an entry reads back in full, while the database and the server hold only ciphertext', async () => {
    const ana = await device('Ana');
    const id = newEntryId(ana.userId);
    await saveEntry(ana.db, owner(ana), id, entry());
    await saveSymptomList(ana.db, owner(ana), ['Breathlessness', 'nausea', 'brain fog']);

    const journal = await loadJournal(ana.db, owner(ana).keyring);
    expect(journal.entries).toHaveLength(1);
    expect(journal.entries[0]!.entry).toEqual(entry());
    expect(journal.symptoms).toEqual(['breathlessness', 'nausea', 'brain fog']);

    const raw = (await ana.db.journal.find().exec()).map((d) => d.toJSON());
    for (const doc of raw) {
      expect(Object.keys(doc).sort()).toEqual(
        ['ciphertext', 'id', 'iv', 'keyId', 'ownerId', 'updatedAt'].sort(),
      );
    }
    const stored = JSON.stringify(raw) + (await allIndexedDbText());
    for (const word of [SENTINEL, 'breathlessness', 'Keytruda', 'brain fog', 'night']) {
      expect(stored).not.toContain(word);
    }

    // The server's copy (what a pull returns) and its database file: ciphertext only.
    const pulled = await eventually(async () => {
      const response = await fetch(`${server.url}/api/v1/sync/journal/pull?limit=50`, {
        headers: { authorization: `Bearer ${ana.token}` },
      });
      const body = (await response.json()) as { documents: JournalDoc[] };
      return body.documents.length === 2 ? body.documents : undefined;
    }, 'both journal documents on the server');
    expect(pulled.map((d) => d.ciphertext).sort()).toEqual(raw.map((d) => d.ciphertext).sort());
    const files = [server.file, `${server.file}-wal`].filter(existsSync);
    const onDisk = files.map((f) => readFileSync(f).toString('latin1')).join('');
    expect(onDisk).toContain(raw[0]!.ciphertext.slice(0, 40));
    // ('Keytruda' is in the server's therapy catalog, so only the user's own words are checked.)
    const leaked = [SENTINEL, 'breathlessness', 'brain fog'].filter((w) => onDisk.includes(w));
    expect(leaked).toEqual([]);
  });

  it('a wrong key does not open an entry, and a tampered ciphertext is reported as damaged', async () => {
    const ana = await device('Ana');
    const id = newEntryId(ana.userId);
    await saveEntry(ana.db, owner(ana), id, entry());

    const stranger = keyringOf(await newSealingKey(), []);
    expect((await loadJournal(ana.db, stranger)).unopened).toEqual([
      expect.objectContaining({ id, problem: 'other-key' }),
    ]);
    // Same key id, different key: GCM's tag refuses it.
    const impostor = keyringOf({ ...(await newSealingKey()), keyId: ana.sealingKey.keyId }, []);
    expect((await loadJournal(ana.db, impostor)).unopened[0]?.problem).toBe('damaged');

    const doc = await ana.db.journal.findOne(id).exec();
    const bytes = fromBase64(doc!.ciphertext);
    bytes[5] = bytes[5]! ^ 0x01;
    await doc!.incrementalPatch({ ciphertext: toBase64(bytes) });
    const journal = await loadJournal(ana.db, owner(ana).keyring);
    expect(journal.entries).toEqual([]);
    expect(journal.unopened).toEqual([expect.objectContaining({ id, problem: 'damaged' })]);
    // And a save never overwrites what cannot be read.
    await expect(saveEntry(ana.db, owner(ana), id, entry())).rejects.toBeInstanceOf(
      JournalWriteError,
    );
  });

  it('keeps earlier versions inside the seal, one per editing session, bounded', async () => {
    const ana = await device('Ana');
    const id = newEntryId(ana.userId);
    const t0 = Date.now() - 100 * HISTORY_SESSION_MS;
    await saveEntry(ana.db, owner(ana), id, entry({ body: 'first' }), t0);
    await saveEntry(ana.db, owner(ana), id, entry({ body: 'first, typing' }), t0 + 300);
    await saveEntry(
      ana.db,
      owner(ana),
      id,
      entry({ body: 'second sitting' }),
      t0 + HISTORY_SESSION_MS + 1000,
    );
    let [opened] = (await loadJournal(ana.db, owner(ana).keyring)).entries;
    expect(opened!.entry.body).toBe('second sitting');
    expect(opened!.history.map((v) => v.body)).toEqual(['first, typing']);
    for (let i = 0; i < 30; i += 1) {
      await saveEntry(
        ana.db,
        owner(ana),
        id,
        entry({ body: `v${i}` }),
        t0 + (i + 2) * HISTORY_SESSION_MS,
      );
    }
    [opened] = (await loadJournal(ana.db, owner(ana).keyring)).entries;
    expect(opened!.history).toHaveLength(20);
    expect(opened!.history[0]!.body).toBe('v28');
  });

  it('two devices with the same key read each other’s entries after sync', async () => {
    const laptop = await device('Ana');
    const id = newEntryId(laptop.userId);
    await saveEntry(laptop.db, owner(laptop), id, entry());
    const tablet = await device('Ana', laptop);
    const onTablet = await eventually(async () => {
      const j = await loadJournal(tablet.db, owner(tablet).keyring);
      return j.entries.length === 1 ? j.entries[0] : undefined;
    }, 'the entry on the second device');
    expect(onTablet.entry).toEqual(entry());

    await saveEntry(tablet.db, owner(tablet), id, entry({ body: 'edited on the tablet' }));
    await eventually(async () => {
      const j = await loadJournal(laptop.db, owner(laptop).keyring);
      return j.entries[0]?.entry.body === 'edited on the tablet';
    }, 'the edit back on the first device');
  });

  it('a device without the key syncs the entry but cannot open it', async () => {
    const laptop = await device('Ana');
    await saveEntry(laptop.db, owner(laptop), newEntryId(laptop.userId), entry());
    const other = await device('Ana', { ...laptop, sealingKey: await newSealingKey() });
    const journal = await eventually(async () => {
      const j = await loadJournal(other.db, owner(other).keyring);
      return j.unopened.length === 1 ? j : undefined;
    }, 'the sealed entry on the keyless device');
    expect(journal.entries).toEqual([]);
    expect(journal.unopened[0]!.problem).toBe('other-key');
  });

  it('a second device with its own key syncs the entry sealed, then reads it once the recovery key from the first is entered', async () => {
    // Each computer keeps its key with its own keychain (the desktop shell, faked).
    const account = 'ana-two-devices';
    const laptopShell = fakeShell();
    const laptop = await device('Ana');
    const laptopKeys = await loadKeyring(account, laptopShell.bridge);
    const id = newEntryId(laptop.userId);
    await saveEntry(laptop.db, { userId: laptop.userId, keyring: laptopKeys }, id, entry());

    // The tablet made its own key at first start: it receives the entry but cannot open it.
    const tabletShell = fakeShell();
    const tabletOwnKeys = await loadKeyring(account, tabletShell.bridge);
    expect(tabletOwnKeys.current.keyId).not.toBe(laptopKeys.current.keyId);
    const tablet = await device('Ana', { ...laptop, sealingKey: tabletOwnKeys.current });
    const sealedThere = await eventually(async () => {
      const j = await loadJournal(tablet.db, tabletOwnKeys);
      return j.unopened.length === 1 ? j : undefined;
    }, 'the sealed entry on the tablet');
    expect(sealedThere.entries).toEqual([]);
    expect(sealedThere.unopened).toEqual([expect.objectContaining({ id, problem: 'other-key' })]);

    // The recovery key shown on the laptop, typed on the tablet.
    const shown = await revealRecoveryKey(account, laptopShell.bridge);
    if (!shown.ok) throw new Error(shown.problem);
    const typed = parseRecoveryKey(shown.value.toLowerCase());
    if (!typed.ok) throw new Error(typed.problem);
    const installed = await installKey(account, tabletShell.bridge, typed.value);
    if (!installed.ok) throw new Error(installed.problem);

    const opened = await loadJournal(tablet.db, installed.value);
    expect(opened.unopened).toEqual([]);
    expect(opened.entries.map((e) => e.id)).toEqual([id]);
    expect(opened.entries[0]!.entry).toEqual(entry());
    expect(opened.entries[0]!.entry.body).toContain(SENTINEL);
    // And after a restart of the tablet, from what its keychain now holds.
    const restarted = await loadJournal(tablet.db, await loadKeyring(account, tabletShell.bridge));
    expect(restarted.entries[0]!.entry).toEqual(entry());
  });

  it('an entry edited on two devices while offline keeps both versions', async () => {
    const laptop = await device('Ana');
    const id = newEntryId(laptop.userId);
    await saveEntry(laptop.db, owner(laptop), id, entry({ body: 'original' }));
    const tablet = await device('Ana', laptop);
    await eventually(async () => !!(await tablet.db.journal.findOne(id).exec()), 'entry on tablet');

    await laptop.sync.stop();
    await tablet.sync.stop();
    await saveEntry(laptop.db, owner(laptop), id, entry({ body: 'laptop version' }));
    await saveEntry(tablet.db, owner(tablet), id, entry({ body: 'tablet version' }));
    laptop.sync.start();
    await eventually(async () => {
      const response = await fetch(`${server.url}/api/v1/sync/journal/pull?limit=50`, {
        headers: { authorization: `Bearer ${laptop.token}` },
      });
      const body = (await response.json()) as { documents: JournalDoc[] };
      const mine = await laptop.db.journal.findOne(id).exec();
      return body.documents.some((d) => d.id === id && d.updatedAt === mine?.updatedAt) && body;
    }, 'laptop version on the server');
    tablet.sync.start();

    const bodies = await eventually(
      async () => {
        const j = await loadJournal(tablet.db, owner(tablet).keyring);
        const list = j.entries
          .map((e) => `${e.conflictCopy ? 'copy' : 'main'}:${e.entry.body}`)
          .sort();
        // The copy is saved while the conflict is being resolved, a moment before the server's
        // version replaces the tablet's: wait for the settled state, not the first two entries.
        return list.join() === 'copy:tablet version,main:laptop version' ? list : undefined;
      },
      'the laptop version kept as the entry and the tablet version as a copy, on the tablet',
      15_000,
    );
    expect(bodies).toEqual(['copy:tablet version', 'main:laptop version']);
    // The copy reaches the laptop too: nothing is lost anywhere.
    await eventually(
      async () => {
        const j = await loadJournal(laptop.db, owner(laptop).keyring);
        return j.entries.length === 2;
      },
      'the kept copy on the laptop',
      15_000,
    );
  });

  it('after a recovery key is entered, entries sealed with the device’s own earlier key are sealed again with it', async () => {
    const ana = await device('Ana');
    const own = await newSealingKey();
    const before: Owner = { userId: ana.userId, keyring: keyringOf(own, []) };
    await saveEntry(ana.db, before, newEntryId(ana.userId), entry());
    const after: Owner = { userId: ana.userId, keyring: keyringOf(ana.sealingKey, [own]) };
    expect(await resealWithCurrentKey(ana.db, after)).toBe(1);
    const docs = (await ana.db.journal.find().exec()).map((d) => d.keyId);
    expect(docs).toEqual([ana.sealingKey.keyId]);
    const onlyRecovered = keyringOf(ana.sealingKey, []);
    expect((await loadJournal(ana.db, onlyRecovered)).entries).toHaveLength(1);
  });
});
