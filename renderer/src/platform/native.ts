/**
 * Small typed helpers over the bridge for the UI: each does the right thing in the desktop
 * app and degrades quietly in a browser. None of them throws.
 */
import {
  BADGE_COUNT_MAX,
  type BridgeResult,
  type KindredBridge,
  type LockStatus,
  type OpenThreadTarget,
} from '../../../shared/bridge';
import { getBridge } from './bridge';

/**
 * Announces a reply in a thread the user follows. Pass the community's name only: the shell
 * composes the words ("New reply in Caregivers") so no post text can reach the lock screen.
 */
export function notifyReply(communityName: string, threadId: string): Promise<BridgeResult<void>> {
  return getBridge().notify({ kind: 'reply', communityName, threadId });
}

/** Announces that someone mentioned the user ("You were mentioned in Caregivers"). */
export function notifyMention(
  communityName: string,
  threadId: string,
): Promise<BridgeResult<void>> {
  return getBridge().notify({ kind: 'mention', communityName, threadId });
}

/** A click on a notification: the window is already in front; show this thread. */
export function onOpenThread(listener: (target: OpenThreadTarget) => void): () => void {
  return getBridge().onOpenThread(listener);
}

/** Any count the UI has (negative, fractional, huge) becomes one the dock can show. */
export function toBadgeCount(unread: number): number {
  if (!Number.isFinite(unread) || unread <= 0) return 0;
  return Math.min(Math.floor(unread), BADGE_COUNT_MAX);
}

/** Shows the unread count on the app icon (0 clears it); a no-op in a browser. */
export function showUnreadCount(
  unread: number,
  bridge: Pick<KindredBridge, 'setBadgeCount'> = getBridge(),
): Promise<BridgeResult<void>> {
  return bridge.setBadgeCount(toBadgeCount(unread));
}

/** The status when there is no app lock (a browser, or a shell that cannot answer). */
export const NO_LOCK: LockStatus = {
  enabled: false,
  locked: false,
  failedAttempts: 0,
  retryInMs: 0,
};

/** The lock status now; NO_LOCK where the app lock does not exist. */
export async function getLockStatus(): Promise<LockStatus> {
  const result = await getBridge().lockStatus();
  return result.ok ? result.value : NO_LOCK;
}

/** True where the app lock exists (the desktop app). */
export async function isAppLockAvailable(): Promise<boolean> {
  return (await getBridge().lockStatus()).ok;
}
