import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeSafeStorage } from './fakes';
import { createSecretStore, hasRealEncryption } from './secrets';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kindred-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TOKEN = 'tok_3f9a-very-secret';

describe('secrets kept with safeStorage', () => {
  it('round-trip: a stored session token comes back, and only ciphertext is on disk', async () => {
    const store = createSecretStore({ safeStorage: fakeSafeStorage(), platform: 'linux', dir });
    expect(await store.set('session:alice', TOKEN)).toEqual({ ok: true, value: undefined });
    expect(await store.get('session:alice')).toEqual({ ok: true, value: TOKEN });
    const onDisk = await readFile(path.join(dir, 'secrets.json'), 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).toContain('session:alice');
  });

  it('a secret that was never stored is null; a deleted one is gone', async () => {
    const store = createSecretStore({ safeStorage: fakeSafeStorage(), platform: 'darwin', dir });
    expect(await store.get('sealing-key:alice')).toEqual({ ok: true, value: null });
    await store.set('sealing-key:alice', 'k');
    await store.set('session:alice', TOKEN);
    expect(await store.delete('sealing-key:alice')).toEqual({ ok: true, value: undefined });
    expect(await store.get('sealing-key:alice')).toEqual({ ok: true, value: null });
    expect(await store.get('session:alice')).toEqual({ ok: true, value: TOKEN });
    expect(await store.delete('sealing-key:nobody')).toEqual({ ok: true, value: undefined });
  });

  it('survives a restart: a new store reads what the old one wrote', async () => {
    const options = { safeStorage: fakeSafeStorage(), platform: 'win32', dir };
    await createSecretStore(options).set('session:bob', TOKEN);
    expect(await createSecretStore(options).get('session:bob')).toEqual({ ok: true, value: TOKEN });
  });

  it('concurrent writes of different secrets all survive (no lost read-modify-write)', async () => {
    const store = createSecretStore({ safeStorage: fakeSafeStorage(), platform: 'linux', dir });
    const names = Array.from({ length: 20 }, (_, i) => `session:user${i}` as const);
    await Promise.all(names.map((name) => store.set(name, `token-${name}`)));
    for (const name of names)
      expect(await store.get(name)).toEqual({ ok: true, value: `token-${name}` });
    // Every temporary file was renamed into place: only the one file remains.
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it.each([
    ['encryption is not available', { available: false }, 'darwin'],
    ['Linux without a keyring (basic_text)', { backend: 'basic_text' as const }, 'linux'],
    ['Linux before the backend is known', { backend: 'unknown' as const }, 'linux'],
  ])('refuses every call when %s, and writes nothing', async (_name, options, platform) => {
    const store = createSecretStore({ safeStorage: fakeSafeStorage(options), platform, dir });
    const unavailable = { ok: false, error: 'unavailable' };
    expect(await store.set('session:alice', TOKEN)).toEqual(unavailable);
    expect(await store.get('session:alice')).toEqual(unavailable);
    expect(await store.delete('session:alice')).toEqual(unavailable);
    expect(await readdir(dir)).toEqual([]);
  });

  it('the basic_text backend only matters on Linux, where it is the only one that exists', () => {
    expect(hasRealEncryption(fakeSafeStorage({ backend: 'basic_text' }), 'darwin')).toBe(true);
    expect(hasRealEncryption(fakeSafeStorage({ backend: 'kwallet6' }), 'linux')).toBe(true);
    const throwing = {
      ...fakeSafeStorage(),
      isEncryptionAvailable: (): boolean => {
        throw new Error('not ready');
      },
    };
    expect(hasRealEncryption(throwing, 'win32')).toBe(false);
  });

  it('a damaged file reads as empty and is replaced whole by the next write', async () => {
    await writeFile(path.join(dir, 'secrets.json'), '{"version":1,"secrets":{"session:a');
    const store = createSecretStore({ safeStorage: fakeSafeStorage(), platform: 'linux', dir });
    expect(await store.get('session:a')).toEqual({ ok: true, value: null });
    await store.set('session:a', TOKEN);
    expect(await store.get('session:a')).toEqual({ ok: true, value: TOKEN });
  });

  it('a secret the OS key can no longer decrypt is unreadable (not unavailable, not a wrong value), and can be replaced', async () => {
    // Written on another computer (or before the OS key changed): not decryptable here.
    await writeFile(
      path.join(dir, 'secrets.json'),
      JSON.stringify({
        version: 1,
        secrets: {
          'sealing-key:a': Buffer.from('from another computer').toString('base64'),
          'session:a': fakeSafeStorage().encryptString(TOKEN).toString('base64'),
        },
      }),
    );
    const store = createSecretStore({ safeStorage: fakeSafeStorage(), platform: 'linux', dir });
    expect(await store.get('sealing-key:a')).toEqual({ ok: false, error: 'unreadable' });
    // The other secrets of the file are unaffected.
    expect(await store.get('session:a')).toEqual({ ok: true, value: TOKEN });
    // Storing it again (a recovery key entered) replaces the unreadable record.
    expect(await store.set('sealing-key:a', 'recovered')).toEqual({ ok: true, value: undefined });
    expect(await store.get('sealing-key:a')).toEqual({ ok: true, value: 'recovered' });
  });
});
