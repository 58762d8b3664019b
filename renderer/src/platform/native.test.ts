import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KindredBridge } from '../../../shared/bridge';
import {
  NO_LOCK,
  getLockStatus,
  notifyMention,
  notifyReply,
  showUnreadCount,
  toBadgeCount,
} from './native';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubShell(overrides: Partial<KindredBridge>) {
  vi.stubGlobal('window', { kindred: overrides });
}

describe('native helpers', () => {
  it('turn any unread count into one the dock can show', () => {
    expect([-3, 0, 2.7, 12, 1e9, Number.NaN, Infinity].map(toBadgeCount)).toEqual([
      0, 0, 2, 12, 9999, 0, 0,
    ]);
  });

  it('send the badge and notifications through the shell, with only the community name', async () => {
    const ok = { ok: true, value: undefined } as const;
    const setBadgeCount = vi.fn(async () => ok);
    const notify = vi.fn(async () => ok);
    stubShell({ setBadgeCount, notify });
    await showUnreadCount(12_000);
    await notifyReply('Lung cancer', 't1');
    await notifyMention('Caregivers', 't2');
    expect(setBadgeCount).toHaveBeenCalledExactlyOnceWith(9999);
    expect(notify.mock.calls).toEqual([
      [{ kind: 'reply', communityName: 'Lung cancer', threadId: 't1' }],
      [{ kind: 'mention', communityName: 'Caregivers', threadId: 't2' }],
    ]);
  });

  it('report no lock where the shell has none', async () => {
    stubShell({ lockStatus: async () => ({ ok: false, error: 'unavailable' }) });
    expect(await getLockStatus()).toEqual(NO_LOCK);
    const status = { enabled: true, locked: true, failedAttempts: 1, retryInMs: 0 };
    stubShell({ lockStatus: async () => ({ ok: true, value: status }) });
    expect(await getLockStatus()).toEqual(status);
  });
});
