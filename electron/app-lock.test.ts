import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LockStatus } from '../shared/bridge';
import { type AppLock, backoffMs, FREE_ATTEMPTS, MAX_WAIT_MS, openAppLock } from './app-lock';
import { hashPasscode, isScryptParams, verifyPasscode } from './passcode-hash';

// Cheap scrypt for tests; the real cost is DEFAULT_SCRYPT.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

let dir = '';
let file = '';
let clock = 1_000_000;
let changes: LockStatus[] = [];
/** Sets a passcode where none is set yet: no current passcode needed. */
const setFirst = (lock: AppLock, passcode: string) =>
  lock.setPasscode({ current: null, next: passcode });
const open = () =>
  openAppLock({ file, now: () => clock, scrypt: FAST, onChange: (s) => changes.push(s) });

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kindred-lock-'));
  file = path.join(dir, 'app-lock.json');
  clock = 1_000_000;
  changes = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the app lock', () => {
  it('without a passcode it never locks', async () => {
    const lock = await open();
    expect(lock.lock()).toEqual({ enabled: false, locked: false, failedAttempts: 0, retryInMs: 0 });
    expect(changes).toEqual([]);
  });

  it('stores only a salted hash, and a relaunch starts locked', async () => {
    const lock = await open();
    expect(await setFirst(lock, '2468 blue')).toMatchObject({
      ok: true,
      value: { changed: true, status: { enabled: true, locked: false } },
    });
    expect(await readFile(file, 'utf8')).not.toContain('2468');
    const relaunched = await open();
    expect(relaunched.status()).toMatchObject({ enabled: true, locked: true });
    expect(await relaunched.unlock('2468 blue')).toMatchObject({ unlocked: true });
    expect(relaunched.status().locked).toBe(false);
  });

  it('locking and unlocking tell the renderer', async () => {
    const lock = await open();
    await setFirst(lock, '2468');
    changes = [];
    lock.lock();
    lock.lock();
    await lock.unlock('2468');
    expect(changes.map((s) => s.locked)).toEqual([true, false]);
  });

  it('the passcode cannot be changed or removed while locked', async () => {
    const lock = await open();
    await setFirst(lock, '2468');
    lock.lock();
    const remove = { current: '2468', next: null };
    expect(await lock.setPasscode(remove)).toEqual({ ok: false, error: 'not-allowed' });
    expect(await lock.setPasscode({ current: '2468', next: '0000' })).toEqual({
      ok: false,
      error: 'not-allowed',
    });
    await lock.unlock('2468');
    expect(await lock.setPasscode(remove)).toMatchObject({
      ok: true,
      value: { changed: true, status: { enabled: false } },
    });
    expect((await open()).status()).toMatchObject({ enabled: false, locked: false });
  });

  it('changing or removing the passcode needs the current one; a wrong one counts', async () => {
    const lock = await open();
    await setFirst(lock, '2468');
    changes = [];
    for (const current of ['1111', null]) {
      for (const next of ['0000', null]) {
        expect(await lock.setPasscode({ current, next })).toMatchObject({
          ok: true,
          value: { changed: false, reason: 'wrong-passcode', status: { enabled: true } },
        });
        clock += MAX_WAIT_MS; // past any back-off: this test is about each try being counted
      }
    }
    // Each wrong try is told to the renderer, as on the lock screen, and kept on disk.
    expect(changes.map((s) => s.failedAttempts)).toEqual([1, 2, 3, 4]);
    expect((await open()).status()).toMatchObject({ enabled: true, failedAttempts: 4 });
    expect(await lock.setPasscode({ current: '2468', next: '1357' })).toMatchObject({
      ok: true,
      value: { changed: true, status: { enabled: true, failedAttempts: 0, retryInMs: 0 } },
    });
    const relaunched = await open();
    expect(await relaunched.unlock('2468')).toMatchObject({ reason: 'wrong-passcode' });
    expect(await relaunched.unlock('1357')).toMatchObject({ unlocked: true });
  });

  it('wrong tries in Settings make the lock screen wait, and the reverse', async () => {
    const lock = await open();
    await setFirst(lock, '2468');
    await lock.setPasscode({ current: '0000', next: null });
    await lock.setPasscode({ current: '0000', next: null });
    lock.lock();
    expect(await lock.unlock('0000')).toMatchObject({ status: { retryInMs: 5_000 } });
    expect(await lock.unlock('2468')).toMatchObject({ unlocked: false, reason: 'wait' });
    clock += 5_000;
    await lock.unlock('2468');
    await lock.unlock('0000');
    await lock.unlock('0000');
    await lock.unlock('0000');
    // Back in Settings: even the right passcode waits, and the lock stays.
    expect(await lock.setPasscode({ current: '2468', next: null })).toMatchObject({
      ok: true,
      value: { changed: false, reason: 'wait', status: { enabled: true, retryInMs: 5_000 } },
    });
  });

  it('a quick-hide while the current passcode is checked keeps the passcode', async () => {
    // The quick-hide lands once the check has begun: checking first reads the clock (back-off).
    let quickHide: (() => void) | null = null;
    const now = () => {
      const hide = quickHide;
      quickHide = null;
      hide?.();
      return clock;
    };
    const lock = await openAppLock({ file, now, scrypt: FAST, onChange: () => undefined });
    await setFirst(lock, '2468');
    const removal = lock.setPasscode({ current: '2468', next: null });
    quickHide = () => lock.lock();
    expect(await removal).toEqual({ ok: false, error: 'not-allowed' });
    expect((await open()).status()).toMatchObject({ enabled: true });
  });

  it('back-off: a few free attempts, then each wrong passcode doubles the wait', async () => {
    const lock = await open();
    await setFirst(lock, '2468');
    lock.lock();
    for (let i = 1; i < FREE_ATTEMPTS; i++)
      expect(await lock.unlock('0000')).toMatchObject({
        unlocked: false,
        reason: 'wrong-passcode',
        status: { retryInMs: 0 },
      });
    expect(await lock.unlock('0000')).toMatchObject({
      reason: 'wrong-passcode',
      status: { failedAttempts: 3, retryInMs: 5_000 },
    });
    // Even the right passcode is not checked during the wait.
    expect(await lock.unlock('2468')).toMatchObject({
      unlocked: false,
      reason: 'wait',
      status: { retryInMs: 5_000 },
    });
    clock += 5_000;
    expect(await lock.unlock('1111')).toMatchObject({
      status: { failedAttempts: 4, retryInMs: 10_000 },
    });
    clock += 10_000;
    expect(await lock.unlock('2468')).toMatchObject({
      unlocked: true,
      status: { failedAttempts: 0, retryInMs: 0 },
    });
  });

  it('quitting and relaunching does not reset the back-off', async () => {
    const lock = await open();
    await setFirst(lock, '2468');
    for (let i = 0; i < FREE_ATTEMPTS; i++) await lock.unlock('0000');
    expect((await open()).status()).toMatchObject({
      locked: true,
      failedAttempts: 3,
      retryInMs: 5_000,
    });
  });

  it('parallel guesses are taken one at a time, so the back-off still applies', async () => {
    const lock = await open();
    await setFirst(lock, '2468');
    lock.lock();
    const results = await Promise.all(
      ['1', '2', '3', '4', '5', '6'].map((d) => lock.unlock(d.repeat(4))),
    );
    expect(results.map((r) => (r.unlocked ? 'ok' : r.reason))).toEqual([
      'wrong-passcode',
      'wrong-passcode',
      'wrong-passcode',
      'wait',
      'wait',
      'wait',
    ]);
  });

  it('a clock set back cannot make the wait longer than the maximum', async () => {
    const lock = await open();
    await setFirst(lock, '2468');
    for (let i = 0; i < FREE_ATTEMPTS; i++) await lock.unlock('0000');
    clock -= 10 * 24 * 3_600_000;
    expect(lock.status().retryInMs).toBe(MAX_WAIT_MS);
  });

  it('a quick-hide while the right passcode is being checked keeps the app locked', async () => {
    const lock = await open();
    await setFirst(lock, '2468');
    lock.lock();
    const attempt = lock.unlock('2468');
    lock.lock();
    expect(await attempt).toMatchObject({ unlocked: false, reason: 'relocked' });
    expect(lock.status().locked).toBe(true);
  });

  it('an unreadable lock file counts as no passcode rather than locking the user out', async () => {
    await writeFile(file, '{"version":1,"salt":');
    expect((await open()).status()).toMatchObject({ enabled: false, locked: false });
    await writeFile(
      file,
      JSON.stringify({ version: 1, salt: 'a', hash: 'b', params: { N: 2 ** 40, r: 8, p: 1 } }),
    );
    expect((await open()).status().enabled).toBe(false);
  });

  it('backoffMs is total and capped', () => {
    expect([0, 1, 2, 3, 4, 5].map(backoffMs)).toEqual([0, 0, 0, 5_000, 10_000, 20_000]);
    expect(backoffMs(1_000)).toBe(MAX_WAIT_MS);
    expect(backoffMs(Number.NaN)).toBe(0);
  });
});

describe('passcode hashing', () => {
  it('verifies the right passcode (in any Unicode normal form) and nothing else', async () => {
    const stored = await hashPasscode('café', FAST);
    expect(await verifyPasscode('cafe\u0301', stored)).toBe(true);
    expect(await verifyPasscode('cafe', stored)).toBe(false);
    const again = await hashPasscode('café', FAST);
    expect(again.salt).not.toBe(stored.salt);
    expect(again.hash).not.toBe(stored.hash);
  });

  it('accepts only scrypt parameters we would write', () => {
    expect(isScryptParams({ N: 2 ** 15, r: 8, p: 1 })).toBe(true);
    for (const bad of [
      null,
      {},
      { N: 3, r: 8, p: 1 },
      { N: 2 ** 21, r: 8, p: 1 },
      { N: 1024, r: 1e6, p: 1 },
    ])
      expect(isScryptParams(bad)).toBe(false);
  });
});
