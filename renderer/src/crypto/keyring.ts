/**
 * Every sealing key this device holds for an account, by key id: the current one (new writes are
 * sealed with it) and the ones used before a recovery key was entered (entries sealed with them
 * must still open). Plus the recovery key: showing it, entering it, and making a new one.
 *
 * Desktop: the shell keeps `{keyId, raw, previous[]}` with safeStorage, so the recovery key can be
 * shown at any time. Browser fallback (development and tests): keys are non-extractable
 * CryptoKeys in IndexedDB, so the current key can never be shown; instead the user may create a
 * new recoverable key: its raw bytes exist in memory only while its recovery key is made, then it
 * is stored non-extractable and becomes current (the old key is kept for old entries).
 */
import type { KindredBridge } from '../../../shared/bridge';
import {
  KEY_PROBLEM_TEXT,
  type KeyProblem,
  KeyUnavailableError,
  problemOfGet,
} from './key-problems';
import {
  KEY_STORE,
  type ShellKeyRecord,
  idb,
  importRawKey,
  loadSealingKey,
  newKeyId,
  openKeyDb,
} from './key-store';
import { type RawSealingKey, encodeRecoveryKey } from './recovery-key';
import { type SealingKey, fromBase64, toBase64 } from './seal';

export { KEY_PROBLEM_TEXT, type KeyProblem } from './key-problems';

export interface Keyring {
  current: SealingKey;
  byId: ReadonlyMap<string, SealingKey>;
}

export type KeyResult<T> = { ok: true; value: T } | { ok: false; problem: KeyProblem };

/** Old keys kept beside the current one; bounded so the shell secret stays small. */
const MAX_PREVIOUS = 40;

export function keyringOf(current: SealingKey, others: SealingKey[]): Keyring {
  const byId = new Map(others.map((k) => [k.keyId, k]));
  byId.set(current.keyId, current);
  return { current, byId };
}

/** The key to open a sealed document with, if this device has it. */
export function keyFor(keyring: Keyring, keyId: string): SealingKey | undefined {
  return keyring.byId.get(keyId);
}

export async function loadKeyring(
  accountKey: string,
  bridge: KindredBridge | undefined,
): Promise<Keyring> {
  const current = await loadSealingKey(accountKey, bridge);
  if (bridge) {
    const record = await readShellRecord(accountKey, bridge);
    const previous = await Promise.all(
      (record?.previous ?? []).map((k) => importRawKey(k.keyId, fromBase64(k.raw))),
    );
    return keyringOf(current, previous);
  }
  const db = await openKeyDb();
  try {
    const previous = await idb<SealingKey[] | undefined>(db, 'readonly', (s) =>
      s.get(previousKeysName(accountKey)),
    );
    return keyringOf(current, previous ?? []);
  } finally {
    db.close();
  }
}

/** Desktop: the current key as a recovery key. Browser: refused (the key is non-extractable). */
export async function revealRecoveryKey(
  accountKey: string,
  bridge: KindredBridge | undefined,
): Promise<KeyResult<string>> {
  if (!bridge) return { ok: false, problem: 'browser-key-hidden' };
  const stored = await bridge.getSecret(`sealing-key:${accountKey}`);
  if (!stored.ok) return { ok: false, problem: problemOfGet(stored.error) };
  if (!stored.value) return { ok: false, problem: 'not-saved' };
  const record = JSON.parse(stored.value) as ShellKeyRecord;
  return {
    ok: true,
    value: encodeRecoveryKey({ keyId: record.keyId, raw: fromBase64(record.raw) }),
  };
}

/**
 * Makes `key` this device's current key (a recovery key entered on a new device, or a freshly
 * made recoverable key). Keys used before are kept for what they sealed.
 */
export async function installKey(
  accountKey: string,
  bridge: KindredBridge | undefined,
  key: RawSealingKey,
): Promise<KeyResult<Keyring>> {
  const raw = new Uint8Array(key.raw);
  if (bridge) {
    const name = `sealing-key:${accountKey}` as const;
    const stored = await bridge.getSecret(name);
    // An unreadable record is replaced: that is what the recovery key is for. Its keys are
    // lost on this computer whatever we do; the recovery key brings back the one that matters.
    if (!stored.ok && stored.error !== 'unreadable') return { ok: false, problem: 'no-keychain' };
    const old = stored.ok && stored.value ? (JSON.parse(stored.value) as ShellKeyRecord) : null;
    const previous = [
      ...(old ? [{ keyId: old.keyId, raw: old.raw }, ...(old.previous ?? [])] : []),
    ].filter((k) => k.keyId !== key.keyId);
    const record: ShellKeyRecord = {
      keyId: key.keyId,
      raw: toBase64(raw),
      previous: previous.slice(0, MAX_PREVIOUS),
    };
    const saved = await bridge.setSecret(name, JSON.stringify(record));
    if (!saved.ok)
      return { ok: false, problem: saved.error === 'unavailable' ? 'no-keychain' : 'not-saved' };
    return { ok: true, value: await loadKeyring(accountKey, bridge) };
  }
  const imported = await importRawKey(key.keyId, raw);
  raw.fill(0);
  const db = await openKeyDb();
  try {
    const current = await idb<SealingKey | undefined>(db, 'readonly', (s) => s.get(accountKey));
    const before =
      (await idb<SealingKey[] | undefined>(db, 'readonly', (s) =>
        s.get(previousKeysName(accountKey)),
      )) ?? [];
    const previous = [...(current ? [current] : []), ...before]
      .filter((k) => k.keyId !== key.keyId)
      .slice(0, MAX_PREVIOUS);
    await putBoth(db, accountKey, imported, previous);
    return { ok: true, value: keyringOf(imported, previous) };
  } catch {
    return { ok: false, problem: 'not-saved' };
  } finally {
    db.close();
  }
}

/** A new key whose recovery key is known: shown to the user now, then installed as current. */
export function newRecoverableKey(): { key: RawSealingKey; recoveryKey: string } {
  const key = { keyId: newKeyId(), raw: crypto.getRandomValues(new Uint8Array(32)) };
  return { key, recoveryKey: encodeRecoveryKey(key) };
}

function previousKeysName(accountKey: string): string {
  return `${accountKey}#previous`;
}

async function readShellRecord(
  accountKey: string,
  bridge: KindredBridge,
): Promise<ShellKeyRecord | null> {
  const stored = await bridge.getSecret(`sealing-key:${accountKey}`);
  if (!stored.ok) {
    const problem = problemOfGet(stored.error);
    throw new KeyUnavailableError(KEY_PROBLEM_TEXT[problem], problem);
  }
  return stored.value ? (JSON.parse(stored.value) as ShellKeyRecord) : null;
}

/** Both in one transaction: a reader sees either the old pair or the new pair, never a mix. */
function putBoth(
  db: IDBDatabase,
  accountKey: string,
  current: SealingKey,
  previous: SealingKey[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(KEY_STORE, 'readwrite');
    const store = tx.objectStore(KEY_STORE);
    store.put(current, accountKey);
    store.put(previous, previousKeysName(accountKey));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}
