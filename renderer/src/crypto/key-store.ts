/**
 * Where the sealing key of an account lives.
 *
 * Desktop: the main process keeps it with the OS keychain (Electron safeStorage) and hands the
 * raw bytes to this page once per start, where they become a non-extractable CryptoKey.
 * Browser (development and tests): a non-extractable CryptoKey stored in IndexedDB; the raw key
 * never exists in JavaScript at all.
 */
import type { KindredBridge } from '../../../shared/bridge';
import { KEY_PROBLEM_TEXT, KeyUnavailableError, problemOfGet } from './key-problems';
import { type SealingKey, fromBase64, toBase64 } from './seal';

export { KeyUnavailableError } from './key-problems';

const KEY_DB = 'kindred-keys';
export const KEY_STORE = 'keys';

/**
 * What the shell keeps under `sealing-key:<account>`: the current key and, after a recovery key
 * was entered, the keys used before (entries sealed with them must still open).
 */
export interface ShellKeyRecord {
  keyId: string;
  raw: string;
  previous?: { keyId: string; raw: string }[];
}

export function newKeyId(): string {
  return `k-${crypto.randomUUID()}`;
}

/** The account's sealing key, created on first use. */
export async function loadSealingKey(
  accountKey: string,
  bridge: KindredBridge | undefined,
): Promise<SealingKey> {
  return bridge ? loadFromShell(accountKey, bridge) : loadFromIndexedDb(accountKey);
}

async function loadFromShell(accountKey: string, bridge: KindredBridge): Promise<SealingKey> {
  const name = `sealing-key:${accountKey}` as const;
  const stored = await bridge.getSecret(name);
  if (!stored.ok) {
    // Never replaced by a new key here: an unreadable key still sealed entries the recovery
    // key can open, and a new key would hide that anything is wrong.
    if (problemOfGet(stored.error) === 'key-unreadable')
      throw new KeyUnavailableError(KEY_PROBLEM_TEXT['key-unreadable'], 'key-unreadable');
    throw new KeyUnavailableError(
      'This computer has no secure key storage (keychain) available, so Kindred cannot keep your drafts and journal sealed.',
    );
  }
  let record: ShellKeyRecord;
  if (stored.value) {
    record = JSON.parse(stored.value) as ShellKeyRecord;
  } else {
    record = { keyId: newKeyId(), raw: toBase64(crypto.getRandomValues(new Uint8Array(32))) };
    const saved = await bridge.setSecret(name, JSON.stringify(record));
    if (!saved.ok)
      throw new KeyUnavailableError(
        'The sealing key could not be saved in the keychain.',
        'not-saved',
      );
  }
  const key = await crypto.subtle.importKey('raw', fromBase64(record.raw), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  return { keyId: record.keyId, key };
}

/** A raw key as the shell stores it, made into a non-extractable CryptoKey for this page. */
export async function importRawKey(
  keyId: string,
  raw: Uint8Array<ArrayBuffer>,
): Promise<SealingKey> {
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  return { keyId, key };
}

export function openKeyDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(KEY_DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(KEY_STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function idb<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  run: (store: IDBObjectStore) => IDBRequest,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const request = run(db.transaction(KEY_STORE, mode).objectStore(KEY_STORE));
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}

async function loadFromIndexedDb(accountKey: string): Promise<SealingKey> {
  const db = await openKeyDb();
  try {
    const existing = await idb<SealingKey | undefined>(db, 'readonly', (s) => s.get(accountKey));
    if (existing) return existing;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const created: SealingKey = { keyId: newKeyId(), key };
    // `add`, not `put`: if another start-up raced us, keep the key that was stored first.
    try {
      await idb(db, 'readwrite', (s) => s.add(created, accountKey));
      return created;
    } catch {
      const winner = await idb<SealingKey | undefined>(db, 'readonly', (s) => s.get(accountKey));
      if (winner) return winner;
      throw new KeyUnavailableError(
        'The sealing key could not be stored on this device.',
        'not-saved',
      );
    }
  } finally {
    db.close();
  }
}
