/**
 * The one object the preload script exposes to the renderer as `window.kindred`.
 * The preload object `satisfies` this interface; the main process parses every argument.
 * In a plain browser (tests, development) `window.kindred` is absent and the renderer uses
 * its web fallback instead.
 */

/** Results across IPC are values, never thrown errors. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export type BridgeError = 'invalid-argument' | 'not-allowed' | 'unavailable';

export interface AppInfo {
  version: string;
  platform: 'darwin' | 'win32' | 'linux' | 'other';
}

/** Events the main process pushes to the renderer. */
export type ShellEvent = 'resume' | 'online' | 'sync-now';

export interface KindredBridge {
  appInfo(): Promise<AppInfo>;
  /** Opens an https: link in the system browser; anything else is refused. */
  openExternal(url: string): Promise<BridgeResult<void>>;
  /** Subscribes to shell events (wake from sleep, network back); returns an unsubscribe. */
  onShellEvent(listener: (event: ShellEvent) => void): () => void;
}

/** IPC channel names, one per bridge method or event. */
export const IPC = {
  appInfo: 'kindred:app-info',
  openExternal: 'kindred:open-external',
  shellEvent: 'kindred:shell-event',
} as const;

/** The custom privileged scheme the renderer is served from in the desktop app. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kindred';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
