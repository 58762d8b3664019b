import type { App, BrowserWindow, GlobalShortcut, PowerMonitor } from 'electron';
import { ACCELERATORS } from './menu';
import type { Timers } from './lifecycle';

/** Locks after this long without keyboard or mouse input anywhere on the system. */
export const IDLE_LOCK_SECONDS = 10 * 60;
const IDLE_POLL_MS = 30_000;

/**
 * Quick hide, for a shared screen or someone looking over a shoulder: lock first (so the
 * renderer is already drawing the lock screen), then get the window out of sight at once.
 * macOS hides the whole app; elsewhere the window is minimized, which keeps it in the task
 * bar so the user can find it again.
 */
export function quickHide(
  platform: string,
  app: Pick<App, 'hide'>,
  window: Pick<BrowserWindow, 'isDestroyed' | 'minimize'> | null,
  lock: () => void,
): void {
  lock();
  if (platform === 'darwin') app.hide();
  else if (window !== null && !window.isDestroyed()) window.minimize();
}

/**
 * Calls `onIdle` once each time the system has been idle for `thresholdSeconds`; it can fire
 * again only after the user has been active. Returns a function that stops polling.
 */
export function watchIdle(
  getSystemIdleTime: () => number,
  onIdle: () => void,
  timers: Timers,
  thresholdSeconds = IDLE_LOCK_SECONDS,
  intervalMs = IDLE_POLL_MS,
): () => void {
  let fired = false;
  const handle = timers.setInterval(() => {
    const idle = getSystemIdleTime() >= thresholdSeconds;
    if (idle && !fired) onIdle();
    fired = idle;
  }, intervalMs);
  return () => timers.clearInterval(handle);
}

export interface LockTriggerSources {
  powerMonitor: Pick<PowerMonitor, 'on' | 'off' | 'getSystemIdleTime'>;
  globalShortcut: Pick<GlobalShortcut, 'register' | 'unregister'>;
  timers: Timers;
  onQuickHide: () => void;
}

/**
 * Everything besides the user's own "Lock" that locks the app: the OS screen locking or the
 * machine going to sleep (someone else may wake it), a long idle, and the quick-hide shortcut.
 * The OS screen unlocking does NOT unlock the app: only the app's passcode does.
 * Returns a function that removes them all.
 */
export function installLockTriggers(sources: LockTriggerSources, lock: () => void): () => void {
  const { powerMonitor, globalShortcut } = sources;
  powerMonitor.on('lock-screen', lock);
  powerMonitor.on('suspend', lock);
  const stopIdle = watchIdle(() => powerMonitor.getSystemIdleTime(), lock, sources.timers);
  // register() is false when another app owns the shortcut; the menu item still works then.
  const registered = globalShortcut.register(ACCELERATORS.quickHide, sources.onQuickHide);
  return () => {
    powerMonitor.off('lock-screen', lock);
    powerMonitor.off('suspend', lock);
    stopIdle();
    if (registered) globalShortcut.unregister(ACCELERATORS.quickHide);
  };
}
