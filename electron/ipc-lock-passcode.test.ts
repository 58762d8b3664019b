// setLockPasscode end to end in the main process: the guarded IPC handler in front of a real app
// lock (temporary file, cheap scrypt). The renderer is not trusted to have checked anything.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, openAppLock } from './app-lock';
import { IPC } from '../shared/bridge';
import { APP_PAGE, setUp } from './ipc-fixture';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

let dir = '';
let clock = 1_000_000;
const openLock = () =>
  openAppLock({
    file: path.join(dir, 'app-lock.json'),
    now: () => clock,
    scrypt: FAST,
    onChange: () => undefined,
  });

/** The handlers registered in front of a real lock; `change` sends what the bridge would. */
async function shell() {
  const lock = await openLock();
  const { invoke } = setUp(undefined, 'linux', lock);
  const change = (current: unknown, next: unknown) =>
    invoke(IPC.setLockPasscode, APP_PAGE, { current, next });
  return { lock, invoke, change };
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kindred-ipc-lock-'));
  clock = 1_000_000;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('changing the app-lock passcode through IPC', () => {
  it('the first passcode needs no current one', async () => {
    const { change, lock } = await shell();
    expect(await change(null, '2468')).toMatchObject({
      ok: true,
      value: { changed: true, status: { enabled: true, locked: false } },
    });
    lock.lock();
    expect(await lock.unlock('2468')).toMatchObject({ unlocked: true });
  });

  it('a renderer that skips the current passcode cannot remove or replace the lock', async () => {
    const { change } = await shell();
    await change(null, '2468');
    expect(await change(null, null)).toMatchObject({
      ok: true,
      value: { changed: false, reason: 'wrong-passcode', status: { enabled: true } },
    });
    expect(await change(null, '0000')).toMatchObject({ value: { changed: false } });
    const relaunched = await openLock();
    expect(relaunched.status()).toMatchObject({ enabled: true, locked: true, failedAttempts: 2 });
    expect(await relaunched.unlock('2468')).toMatchObject({ unlocked: true });
  });

  it('a wrong current passcode is refused and counted; the right one works', async () => {
    const { change, lock } = await shell();
    await change(null, '2468');
    expect(await change('1111', null)).toMatchObject({
      ok: true,
      value: { changed: false, reason: 'wrong-passcode', status: { failedAttempts: 1 } },
    });
    expect(lock.status()).toMatchObject({ enabled: true, failedAttempts: 1 });
    expect(await change('2468', '1357')).toMatchObject({
      ok: true,
      value: { changed: true, status: { enabled: true, failedAttempts: 0 } },
    });
    expect(await change('2468', null)).toMatchObject({ value: { reason: 'wrong-passcode' } });
    expect(await change('1357', null)).toMatchObject({
      ok: true,
      value: { changed: true, status: { enabled: false } },
    });
    expect((await openLock()).status()).toMatchObject({ enabled: false, locked: false });
  });

  it('wrong tries in Settings share the lock screen’s back-off, across a relaunch', async () => {
    const { change, lock } = await shell();
    await change(null, '2468');
    for (let i = 0; i < FREE_ATTEMPTS; i++) await change('0000', null);
    // Not even the right passcode is checked while waiting, here or on the lock screen.
    expect(await change('2468', null)).toMatchObject({
      value: { changed: false, reason: 'wait', status: { retryInMs: 5_000 } },
    });
    lock.lock();
    expect(await lock.unlock('2468')).toMatchObject({ unlocked: false, reason: 'wait' });
    const relaunched = await openLock();
    expect(relaunched.status()).toMatchObject({ failedAttempts: FREE_ATTEMPTS, retryInMs: 5_000 });
    clock += 5_000;
    expect(await relaunched.unlock('2468')).toMatchObject({ unlocked: true });
  });

  it('refuses malformed changes before checking anything', async () => {
    const { change, invoke, lock } = await shell();
    await change(null, '2468');
    expect(await invoke(IPC.setLockPasscode, APP_PAGE, null)).toEqual({
      ok: false,
      error: 'invalid-argument',
    });
    expect(await change('x'.repeat(129), null)).toEqual({ ok: false, error: 'invalid-argument' });
    expect(
      await invoke(IPC.setLockPasscode, APP_PAGE, { current: '2468', next: null, extra: 1 }),
    ).toEqual({ ok: false, error: 'invalid-argument' });
    expect(lock.status()).toMatchObject({ enabled: true, failedAttempts: 0 });
  });
});
