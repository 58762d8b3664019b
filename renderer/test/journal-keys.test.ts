import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { KeyUnavailableError, loadSealingKey } from '../src/crypto/key-store';
import {
  installKey,
  loadKeyring,
  newRecoverableKey,
  revealRecoveryKey,
} from '../src/crypto/keyring';
import { encodeRecoveryKey, parseRecoveryKey } from '../src/crypto/recovery-key';
import { openJson, sealJson } from '../src/crypto/seal';
import { fakeShell } from './journal-fake-shell';

let accounts = 0;
const account = () => `acct-${(accounts += 1)}`;

describe('the recovery key', () => {
  it('round-trips the raw key and its key id', () => {
    const { key, recoveryKey } = newRecoverableKey();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{5}-){16}[0-9A-Z]{5}$/);
    const parsed = parseRecoveryKey(recoveryKey);
    expect(parsed).toEqual({ ok: true, value: { keyId: key.keyId, raw: key.raw } });
    // Lower case, spaces instead of dashes, O for 0 and l for 1: still the same key.
    const sloppy = recoveryKey
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/0/g, 'o')
      .replace(/1/g, 'l');
    expect(parseRecoveryKey(sloppy)).toEqual(parsed);
  });

  it('catches a typo, a swap and a missing group instead of yielding a wrong key', () => {
    const { recoveryKey } = newRecoverableKey();
    const chars = [...recoveryKey];
    const at = chars.findIndex((c, i) => i > 10 && c !== '-');
    chars[at] = chars[at] === 'A' ? 'B' : 'A';
    expect(parseRecoveryKey(chars.join(''))).toEqual({ ok: false, problem: 'typo' });
    const swapped = [...recoveryKey];
    const i = swapped.findIndex(
      (c, k) => k > 20 && c !== '-' && swapped[k + 1] !== '-' && c !== swapped[k + 1],
    );
    [swapped[i], swapped[i + 1]] = [swapped[i + 1]!, swapped[i]!];
    expect(parseRecoveryKey(swapped.join(''))).toEqual({ ok: false, problem: 'typo' });
    expect(parseRecoveryKey(recoveryKey.slice(6))).toEqual({ ok: false, problem: 'malformed' });
    expect(parseRecoveryKey('hello')).toEqual({ ok: false, problem: 'malformed' });
  });

  it('desktop: the key kept by the shell is shown as a recovery key that opens what it sealed on another device', async () => {
    const first = fakeShell();
    const acct = account();
    const key = await loadSealingKey(acct, first.bridge);
    const sealed = await sealJson(key, { body: 'tired after the infusion' });
    const shown = await revealRecoveryKey(acct, first.bridge);
    if (!shown.ok) throw new Error(shown.problem);

    const second = fakeShell();
    await loadSealingKey(acct, second.bridge); // the new device made its own key at first start
    const parsed = parseRecoveryKey(shown.value);
    if (!parsed.ok) throw new Error(parsed.problem);
    const installed = await installKey(acct, second.bridge, parsed.value);
    if (!installed.ok) throw new Error(installed.problem);
    expect(installed.value.current.keyId).toBe(key.keyId);
    expect(await openJson(installed.value.current, sealed)).toEqual({
      ok: true,
      value: { body: 'tired after the infusion' },
    });
    // The device's own earlier key is kept (by key id) for what it sealed before.
    expect(installed.value.byId.size).toBe(2);
    const reloaded = await loadKeyring(acct, second.bridge);
    expect([...reloaded.byId.keys()].sort()).toEqual([...installed.value.byId.keys()].sort());
    expect((await loadSealingKey(acct, second.bridge)).keyId).toBe(key.keyId);
  });

  it('refuses to store a key where the shell has no real keychain, and says so', async () => {
    const { bridge } = fakeShell({ keychain: false });
    const { key } = newRecoverableKey();
    const result = await installKey(account(), bridge, key);
    expect(result).toEqual({ ok: false, problem: 'no-keychain' });
    await expect(loadSealingKey(account(), bridge)).rejects.toThrow(/no secure key storage/);
    expect(await revealRecoveryKey(account(), bridge)).toEqual({
      ok: false,
      problem: 'no-keychain',
    });
  });

  it('desktop: a stored key this computer cannot read is reported as such (not as a missing keychain), and the recovery key replaces it', async () => {
    const acct = account();
    const first = fakeShell();
    const key = await loadSealingKey(acct, first.bridge);
    const sealed = await sealJson(key, { body: 'scan on Friday' });
    const shown = await revealRecoveryKey(acct, first.bridge);
    if (!shown.ok) throw new Error(shown.problem);

    // The data folder was copied to another computer: the keychain works, the key is unreadable.
    const copy = fakeShell({ unreadable: [`sealing-key:${acct}`] });
    const failure = await loadSealingKey(acct, copy.bridge).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KeyUnavailableError);
    expect(failure).toMatchObject({ problem: 'key-unreadable' });
    expect((failure as Error).message).toMatch(/can’t read the journal key it stored/);
    expect((failure as Error).message).toMatch(/enter your recovery key/);
    expect((failure as Error).message).not.toMatch(/no secure key storage/);
    // Start-up did not quietly replace it with a new key.
    expect(copy.secrets.size).toBe(0);
    await expect(loadKeyring(acct, copy.bridge)).rejects.toMatchObject({
      problem: 'key-unreadable',
    });
    expect(await revealRecoveryKey(acct, copy.bridge)).toEqual({
      ok: false,
      problem: 'key-unreadable',
    });

    const parsed = parseRecoveryKey(shown.value);
    if (!parsed.ok) throw new Error(parsed.problem);
    const installed = await installKey(acct, copy.bridge, parsed.value);
    if (!installed.ok) throw new Error(installed.problem);
    expect(installed.value.current.keyId).toBe(key.keyId);
    expect(await openJson(installed.value.current, sealed)).toEqual({
      ok: true,
      value: { body: 'scan on Friday' },
    });
    // From now on the key loads at start-up on this computer too.
    expect((await loadSealingKey(acct, copy.bridge)).keyId).toBe(key.keyId);
  });

  it('browser fallback: the current key is never shown; a new recoverable key becomes current and old keys still open', async () => {
    const acct = account();
    const old = await loadSealingKey(acct, undefined);
    const oldSealed = await sealJson(old, { body: 'written before' });
    expect(await revealRecoveryKey(acct, undefined)).toEqual({
      ok: false,
      problem: 'browser-key-hidden',
    });
    const fresh = newRecoverableKey();
    const installed = await installKey(acct, undefined, fresh.key);
    if (!installed.ok) throw new Error(installed.problem);
    const keyring = await loadKeyring(acct, undefined);
    expect(keyring.current.keyId).toBe(fresh.key.keyId);
    expect(keyring.current.key.extractable).toBe(false);
    expect((await openJson(keyring.byId.get(old.keyId)!, oldSealed)).ok).toBe(true);
    // Another device entering the recovery key opens what the new key seals.
    const sealed = await sealJson(keyring.current, { body: 'after' });
    const parsed = parseRecoveryKey(fresh.recoveryKey);
    if (!parsed.ok) throw new Error(parsed.problem);
    const other = await installKey(account(), undefined, parsed.value);
    if (!other.ok) throw new Error(other.problem);
    expect(await openJson(other.value.current, sealed)).toEqual({
      ok: true,
      value: { body: 'after' },
    });
  });

  it('a key id Kindred did not make cannot be written as a recovery key', () => {
    expect(() => encodeRecoveryKey({ keyId: 'custom', raw: new Uint8Array(32) })).toThrow();
  });
});
