import { rm } from 'node:fs/promises';
import type {
  BridgeResult,
  LockPasscodeChange,
  LockPasscodeChangeResult,
  LockStatus,
  UnlockResult,
} from '../shared/bridge';
import { readJsonFile, serialQueue, writeFileAtomic } from './atomic-file';
import {
  DEFAULT_SCRYPT,
  hashPasscode,
  isScryptParams,
  verifyPasscode,
  type PasscodeHash,
  type ScryptParams,
} from './passcode-hash';

/** Wrong passcodes allowed without waiting; each one after that doubles the wait. */
export const FREE_ATTEMPTS = 3;
const FIRST_WAIT_MS = 5_000;
export const MAX_WAIT_MS = 15 * 60_000;

/** How long to wait after `failures` wrong passcodes in a row. */
export function backoffMs(failures: number): number {
  if (!Number.isFinite(failures) || failures < FREE_ATTEMPTS) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** Math.min(failures - FREE_ATTEMPTS, 20), MAX_WAIT_MS);
}

/**
 * app-lock.json holds the salted scrypt hash and the failure count, never the passcode. The
 * count is on disk so that quitting and relaunching does not reset the back-off.
 */
interface LockRecord extends PasscodeHash {
  version: 1;
  failures: number;
  retryAt: number;
}

function parseRecord(value: unknown): LockRecord | null {
  const r = (value ?? {}) as Partial<Record<keyof LockRecord, unknown>>;
  if (r.version !== 1 || typeof r.salt !== 'string' || typeof r.hash !== 'string') return null;
  if (!isScryptParams(r.params)) return null;
  const failures = Number.isSafeInteger(r.failures) ? Math.max(0, r.failures as number) : 0;
  const retryAt = Number.isFinite(r.retryAt) ? (r.retryAt as number) : 0;
  return { version: 1, salt: r.salt, hash: r.hash, params: r.params, failures, retryAt };
}

export interface AppLock {
  status(): LockStatus;
  /** Locks now if a passcode is set; a no-op otherwise. */
  lock(): LockStatus;
  unlock(passcode: string): Promise<UnlockResult>;
  /**
   * Refused (`not-allowed`) while locked: only an unlocked user may change the passcode. With a
   * passcode set, `current` is checked exactly as `unlock` checks it, back-off and all.
   */
  setPasscode(change: LockPasscodeChange): Promise<BridgeResult<LockPasscodeChangeResult>>;
}

export interface AppLockOptions {
  file: string;
  now: () => number;
  onChange: (status: LockStatus) => void;
  scrypt?: ScryptParams;
}

/**
 * Opens the app lock. With a passcode set the app starts locked. A lock file that cannot be
 * read counts as no passcode: whoever can damage the file could delete it just as well, and
 * the lock guards the screen against people nearby, not the disk against its owner's account.
 */
export async function openAppLock(options: AppLockOptions): Promise<AppLock> {
  const { file, now, onChange } = options;
  let record = parseRecord(await readJsonFile(file).catch(() => undefined));
  let locked = record !== null;
  // Bumped by every lock(): an unlock that was checking the passcode meanwhile must not undo
  // a quick-hide the user pressed after typing it.
  let lockGeneration = 0;
  const queue = serialQueue();

  const retryInMs = () =>
    record === null ? 0 : Math.min(Math.max(0, record.retryAt - now()), MAX_WAIT_MS);
  const status = (): LockStatus => ({
    enabled: record !== null,
    locked,
    failedAttempts: record?.failures ?? 0,
    retryInMs: retryInMs(),
  });
  const save = async (next: LockRecord) => {
    record = next;
    await writeFileAtomic(file, `${JSON.stringify(next)}\n`);
  };
  /**
   * Checks a passcode against the one set, for unlocking and for changing it alike, so that
   * Settings gives no way around the lock screen's back-off. Run only inside `queue`: parallel
   * guesses would all pass the back-off check at once. A missing passcode is a wrong one.
   */
  const check = async (
    current: LockRecord,
    passcode: string | null,
  ): Promise<'right' | 'wrong-passcode' | 'wait'> => {
    if (retryInMs() > 0) return 'wait';
    if (passcode === null || !(await verifyPasscode(passcode, current))) {
      const failures = current.failures + 1;
      await save({ ...current, failures, retryAt: now() + backoffMs(failures) }).catch(
        () => undefined,
      );
      onChange(status());
      return 'wrong-passcode';
    }
    if (current.failures > 0) await save({ ...current, failures: 0, retryAt: 0 });
    return 'right';
  };

  return {
    status,
    lock() {
      lockGeneration += 1;
      if (record !== null && !locked) {
        locked = true;
        onChange(status());
      }
      return status();
    },
    unlock(passcode) {
      const generation = lockGeneration;
      return queue(async (): Promise<UnlockResult> => {
        const current = record;
        if (current === null) return { unlocked: true, status: status() };
        const checked = await check(current, passcode);
        if (checked !== 'right') return { unlocked: false, reason: checked, status: status() };
        if (generation !== lockGeneration)
          return { unlocked: false, reason: 'relocked', status: status() };
        if (locked) {
          locked = false;
          onChange(status());
        }
        return { unlocked: true, status: status() };
      });
    },
    setPasscode: ({ current, next }) =>
      queue(async (): Promise<BridgeResult<LockPasscodeChangeResult>> => {
        if (locked) return { ok: false, error: 'not-allowed' };
        if (record !== null) {
          const checked = await check(record, current);
          if (checked !== 'right') {
            return { ok: true, value: { changed: false, reason: checked, status: status() } };
          }
          // A quick-hide while the passcode was checked: changes wait for the next unlock.
          if (locked) return { ok: false, error: 'not-allowed' };
        }
        if (next === null) {
          await rm(file, { force: true });
          record = null;
          // Without a passcode the app never locks (even after a quick-hide during the check).
          locked = false;
        } else {
          const hashed = await hashPasscode(next, options.scrypt ?? DEFAULT_SCRYPT);
          await save({ version: 1, ...hashed, failures: 0, retryAt: 0 });
        }
        onChange(status());
        return { ok: true, value: { changed: true, status: status() } };
      }),
  };
}
