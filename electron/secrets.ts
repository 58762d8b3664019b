import path from 'node:path';
import type { SafeStorage } from 'electron';
import type { BridgeResult, SecretName } from '../shared/bridge';
import { readJsonFile, serialQueue, writeFileAtomic } from './atomic-file';

export type SafeStorageLike = Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
>;

/** Linux backends that do not protect anything: Electron's hard-coded key, or none yet. */
const CLEAR_TEXT_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'unknown']);

/**
 * True only when safeStorage encrypts with a key the OS keeps (Keychain, DPAPI, libsecret,
 * KWallet). On Linux without a keyring Electron falls back to a key hard-coded in Chromium,
 * which is storing in the clear by another name: we refuse that.
 */
export function hasRealEncryption(safeStorage: SafeStorageLike, platform: string): boolean {
  try {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (platform !== 'linux') return true;
    return !CLEAR_TEXT_BACKENDS.has(safeStorage.getSelectedStorageBackend());
  } catch {
    return false;
  }
}

/** secrets.json: `{ version: 1, secrets: { <name>: <base64 ciphertext> } }`. */
const SECRETS_FILE = 'secrets.json';

type SecretMap = Record<string, string>;

function toSecretMap(parsed: unknown): SecretMap {
  const secrets = (parsed as { secrets?: unknown } | null | undefined)?.secrets;
  const map: SecretMap = Object.create(null) as SecretMap;
  if (typeof secrets !== 'object' || secrets === null) return map;
  for (const [name, value] of Object.entries(secrets))
    if (typeof value === 'string') map[name] = value;
  return map;
}

export interface SecretStore {
  get(name: SecretName): Promise<BridgeResult<string | null>>;
  set(name: SecretName, value: string): Promise<BridgeResult<void>>;
  delete(name: SecretName): Promise<BridgeResult<void>>;
}

/**
 * Secrets encrypted with safeStorage, one file in the app's data folder. Only ciphertext
 * touches the disk; every call answers `unavailable` without a real OS-backed key. A secret the
 * OS key cannot decrypt reads as `unreadable`; `set` replaces it (it never decrypts the old one).
 */
export function createSecretStore(options: {
  safeStorage: SafeStorageLike;
  platform: string;
  dir: string;
}): SecretStore {
  const { safeStorage, platform } = options;
  const file = path.join(options.dir, SECRETS_FILE);
  const queue = serialQueue();
  const unavailable = { ok: false, error: 'unavailable' } as const;
  const unreadable = { ok: false, error: 'unreadable' } as const;

  const readMap = async () => toSecretMap(await readJsonFile(file));
  const writeMap = (map: SecretMap) =>
    writeFileAtomic(file, `${JSON.stringify({ version: 1, secrets: map })}\n`);

  return {
    get: (name) =>
      queue(async () => {
        if (!hasRealEncryption(safeStorage, platform)) return unavailable;
        const ciphertext = (await readMap())[name];
        if (ciphertext === undefined) return { ok: true, value: null };
        try {
          return { ok: true, value: safeStorage.decryptString(Buffer.from(ciphertext, 'base64')) };
        } catch {
          // The OS key changed, or the data folder came from another computer: storage works,
          // this one secret is lost here. Told apart from `unavailable` so the renderer can ask
          // for what replaces it (a recovery key) instead of blaming the keychain.
          return unreadable;
        }
      }),
    set: (name, value) =>
      queue(async () => {
        if (!hasRealEncryption(safeStorage, platform)) return unavailable;
        const map = await readMap();
        map[name] = safeStorage.encryptString(value).toString('base64');
        await writeMap(map);
        return { ok: true, value: undefined };
      }),
    delete: (name) =>
      queue(async () => {
        if (!hasRealEncryption(safeStorage, platform)) return unavailable;
        const map = await readMap();
        if (!(name in map)) return { ok: true, value: undefined };
        delete map[name];
        await writeMap(map);
        return { ok: true, value: undefined };
      }),
  };
}
