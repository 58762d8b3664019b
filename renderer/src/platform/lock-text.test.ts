import { describe, expect, it } from 'vitest';
import type { LockStatus } from '../../../shared/bridge';
import { describeWait, unlockMessage, waitText } from './lock-text';

const status: LockStatus = { enabled: true, locked: true, failedAttempts: 3, retryInMs: 5_000 };

describe('lock screen words', () => {
  it('says how long to wait, rounding up', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(4_001)).toBe('5 seconds');
    expect(describeWait(60_000)).toBe('1 minute');
    expect(describeWait(65_000)).toBe('1 minute 5 seconds');
    expect(describeWait(15 * 60_000)).toBe('15 minutes');
    expect(waitText(30_000)).toBe('Too many wrong tries. You can try again in 30 seconds.');
  });

  it('explains each outcome of an unlock in words', () => {
    expect(unlockMessage({ ok: true, value: { unlocked: true, status } })).toBeNull();
    expect(
      unlockMessage({ ok: true, value: { unlocked: false, reason: 'wrong-passcode', status } }),
    ).toBe('That passcode is not right.');
    expect(unlockMessage({ ok: true, value: { unlocked: false, reason: 'wait', status } })).toMatch(
      /wait/,
    );
    expect(
      unlockMessage({ ok: true, value: { unlocked: false, reason: 'relocked', status } }),
    ).toMatch(/locked again/);
    expect(unlockMessage({ ok: false, error: 'unavailable' })).toMatch(/cannot check/);
    expect(unlockMessage({ ok: false, error: 'invalid-argument' })).toMatch(/too short/);
  });
});
