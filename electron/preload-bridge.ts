import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  IPC,
  type AppInfo,
  type BridgeResult,
  type KindredBridge,
  type LockStatus,
  type OpenThreadTarget,
  type ShellEvent,
} from '../shared/bridge';

const SHELL_EVENTS: ReadonlySet<string> = new Set<ShellEvent>(['resume', 'online', 'sync-now']);

function isShellEvent(value: unknown): value is ShellEvent {
  return typeof value === 'string' && SHELL_EVENTS.has(value);
}

function isBridgeResult(value: unknown): value is BridgeResult<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { ok?: unknown }).ok === 'boolean'
  );
}

export function isLockStatus(value: unknown): value is LockStatus {
  const s = (value ?? {}) as Partial<Record<keyof LockStatus, unknown>>;
  return (
    typeof s.enabled === 'boolean' &&
    typeof s.locked === 'boolean' &&
    typeof s.failedAttempts === 'number' &&
    typeof s.retryInMs === 'number'
  );
}

export function isOpenThreadTarget(value: unknown): value is OpenThreadTarget {
  return typeof (value as { threadId?: unknown } | null)?.threadId === 'string';
}

type Ipc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * Builds the object the preload exposes as `window.kindred`. Each method is bound to one
 * channel; the renderer never sees `ipcRenderer` or the IPC event objects.
 */
export function createBridge(ipcRenderer: Ipc) {
  // The main process answers a BridgeResult on every channel; anything else is a broken shell.
  const call = async <T>(channel: string, ...args: unknown[]): Promise<BridgeResult<T>> => {
    const result: unknown = await ipcRenderer.invoke(channel, ...args);
    return isBridgeResult(result)
      ? (result as BridgeResult<T>)
      : { ok: false, error: 'unavailable' };
  };
  // Subscribes to one push channel, passing on only payloads of the expected shape.
  const subscribe = <T>(channel: string, isT: (v: unknown) => v is T, listener: (v: T) => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => {
      if (isT(payload)) listener(payload);
    };
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  };

  const bridge = {
    async appInfo(): Promise<AppInfo> {
      const result = await call<AppInfo>(IPC.appInfo);
      // The main process only refuses a page that is not ours, so this is not a user-facing path.
      if (!result.ok) throw new Error('kindred: app info unavailable');
      return result.value;
    },
    openExternal: (url: string) => call<void>(IPC.openExternal, url),
    getSecret: (name) => call(IPC.getSecret, name),
    setSecret: (name, value) => call(IPC.setSecret, name, value),
    deleteSecret: (name) => call(IPC.deleteSecret, name),
    onShellEvent: (listener) => subscribe(IPC.shellEvent, isShellEvent, listener),
    notify: (request) => call(IPC.notify, request),
    onOpenThread: (listener) => subscribe(IPC.openThread, isOpenThreadTarget, listener),
    setBadgeCount: (count) => call(IPC.setBadgeCount, count),
    getOpenAtLogin: () => call(IPC.getOpenAtLogin),
    setOpenAtLogin: (enabled) => call(IPC.setOpenAtLogin, enabled),
    lockStatus: () => call(IPC.lockStatus),
    setLockPasscode: (passcode) => call(IPC.setLockPasscode, passcode),
    unlock: (passcode) => call(IPC.unlock, passcode),
    lock: () => call(IPC.lock),
    onLockChange: (listener) => subscribe(IPC.lockChanged, isLockStatus, listener),
    saveFile: (request) => call(IPC.saveFile, request),
  } satisfies KindredBridge;
  return bridge;
}
