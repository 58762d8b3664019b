import type { App, BrowserWindow, PowerMonitor } from 'electron';
import { IPC, type ShellEvent } from '../shared/bridge';
import { focusWindow } from './window';

/**
 * Takes the single-instance lock. The first instance focuses its window when the app is
 * launched again; a second instance quits at once (returns false) so that two processes never
 * open the same IndexedDB.
 */
export function claimSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  getWindow: () => BrowserWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(getWindow()));
  return true;
}

/** Pushes one message to the renderer of `window`, if it is still there. */
export function sendToWindow(
  window: BrowserWindow | null,
  channel: string,
  payload: unknown,
): void {
  if (window === null || window.isDestroyed() || window.webContents.isDestroyed()) return;
  window.webContents.send(channel, payload);
}

/** Pushes one shell event to the renderer of `window`, if it is still there. */
export function sendShellEvent(window: BrowserWindow | null, event: ShellEvent): void {
  sendToWindow(window, IPC.shellEvent, event);
}

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Electron's main process has no "online" event, so connectivity is polled and a transition
 * from offline to online is reported once. Returns a function that stops polling.
 */
export function watchConnectivity(
  isOnline: () => boolean,
  onOnline: () => void,
  timers: Timers,
  intervalMs = 5_000,
): () => void {
  let wasOnline = isOnline();
  const handle = timers.setInterval(() => {
    const online = isOnline();
    if (online && !wasOnline) onOnline();
    wasOnline = online;
  }, intervalMs);
  return () => timers.clearInterval(handle);
}

export interface ShellEventSources {
  powerMonitor: Pick<PowerMonitor, 'on' | 'off'>;
  isOnline: () => boolean;
  timers: Timers;
  intervalMs?: number;
}

/**
 * Wake from sleep → 'resume', network back → 'online': both tell the renderer to sync now.
 * Returns a function that stops forwarding.
 */
export function forwardShellEvents(
  sources: ShellEventSources,
  getWindow: () => BrowserWindow | null,
): () => void {
  const onResume = () => sendShellEvent(getWindow(), 'resume');
  sources.powerMonitor.on('resume', onResume);
  const stopWatching = watchConnectivity(
    sources.isOnline,
    () => sendShellEvent(getWindow(), 'online'),
    sources.timers,
    sources.intervalMs,
  );
  return () => {
    sources.powerMonitor.off('resume', onResume);
    stopWatching();
  };
}
