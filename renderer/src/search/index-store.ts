/**
 * Where the shared index is kept between runs: a small IndexedDB database of its own per account
 * (not an RxDB collection: the free RxDB build caps collections per process, and the index is a
 * cache that is never synced). One record holds the serialized index together with the
 * checkpoints it reflects, so a reader always sees an index and the
 * checkpoints that belong to it, or nothing.
 *
 * Only the shared index is ever written here; the journal's index lives in memory only.
 */
import type { SearchIndex, SerializedIndex } from './search-index';

const STORE = 'index';
const KEY = 'shared';

/** Where indexing of one collection stopped: RxDB's own (last write time, id) order. */
export interface Checkpoint {
  lwt: number;
  id: string;
}

export interface SavedIndex {
  format: number;
  checkpoints: Record<string, Checkpoint>;
  /** MiniSearch's JSON as strings: cloning a string is far cheaper than cloning a tree. */
  json: SerializedIndex;
}

export interface IndexStore {
  load(): Promise<SavedIndex | undefined>;
  save(format: number, index: SearchIndex, checkpoints: Record<string, Checkpoint>): Promise<void>;
  close(): void;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function searchDatabaseName(accountDatabase: string): string {
  return `${accountDatabase}-search`;
}

export async function openIndexStore(
  accountDatabase: string,
  factory: IDBFactory = indexedDB,
): Promise<IndexStore> {
  const open = factory.open(searchDatabaseName(accountDatabase), 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  return {
    async load() {
      const value = (await request(db.transaction(STORE).objectStore(STORE).get(KEY))) as
        SavedIndex | undefined;
      return value && typeof value.json?.replies === 'string' ? value : undefined;
    },
    async save(format, index, checkpoints) {
      const record: SavedIndex = { format, checkpoints, json: index.toJSON() };
      const tx = db.transaction(STORE, 'readwrite');
      tx.objectStore(STORE).put(record, KEY);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      });
    },
    close() {
      db.close();
    },
  };
}
