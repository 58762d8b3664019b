import type { App, IpcMain, IpcMainInvokeEvent, Shell } from 'electron';
import { IPC, type AppInfo, type BridgeResult, type NotifyRequest } from '../shared/bridge';
import type { AppLock } from './app-lock';
import { openExternal } from './external-links';
import * as parse from './ipc-args';
import type { ParseArgs } from './ipc-args';
import { type SaveFileDeps, saveFile } from './ipc-save-file';
import type { SecretStore } from './secrets';
import { isTrustedAppUrl } from './trusted-url';

export function toPlatform(platform: string): AppInfo['platform'] {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';
}

type GuardedHandler<T> = (
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  ...args: unknown[]
) => Promise<BridgeResult<T>>;

/**
 * Wraps a handler so that it only runs for our own top-level page with well-formed arguments,
 * and so that nothing is ever thrown across IPC: every outcome is a BridgeResult.
 */
export function guardedHandler<A extends unknown[], T>(
  parseArgs: ParseArgs<A>,
  handler: (...args: A) => Promise<BridgeResult<T>> | BridgeResult<T>,
): GuardedHandler<T> {
  return async (event, ...args) => {
    let senderUrl: unknown;
    try {
      // senderFrame is null once the frame has navigated away or been destroyed.
      senderUrl = event.senderFrame?.url;
    } catch {
      senderUrl = undefined;
    }
    if (!isTrustedAppUrl(senderUrl)) return { ok: false, error: 'not-allowed' };
    const parsed = parseArgs(args);
    if (parsed === null) return { ok: false, error: 'invalid-argument' };
    try {
      return await handler(...parsed);
    } catch {
      return { ok: false, error: 'unavailable' };
    }
  };
}

export interface IpcDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  app: Pick<App, 'getVersion' | 'setBadgeCount' | 'getLoginItemSettings' | 'setLoginItemSettings'>;
  shell: Pick<Shell, 'openExternal'>;
  platform: string;
  secrets: SecretStore;
  /** Shows a notification; false where the OS has none. */
  notify: (request: NotifyRequest) => boolean;
  lock: AppLock;
  /** The save dialog and the write behind `saveFile`. */
  files: SaveFileDeps;
}

const ok = <T>(value: T): BridgeResult<T> => ({ ok: true, value });
const unavailable = { ok: false, error: 'unavailable' } as const;

/** One guarded handler per invoke channel of the bridge. */
function handlerTable(deps: IpcDeps): Record<string, GuardedHandler<unknown>> {
  const { app, shell, platform, secrets, lock } = deps;
  // Electron has no login-item API on Linux: each desktop does it its own way.
  const loginItems = platform === 'darwin' || platform === 'win32';
  return {
    [IPC.appInfo]: guardedHandler(parse.noArgs, () =>
      ok({ version: app.getVersion(), platform: toPlatform(platform) }),
    ),
    [IPC.openExternal]: guardedHandler(parse.oneString, (url) => openExternal(url, shell)),
    [IPC.getSecret]: guardedHandler(parse.secretName, (name) => secrets.get(name)),
    [IPC.setSecret]: guardedHandler(parse.secretNameAndValue, (name, value) =>
      secrets.set(name, value),
    ),
    [IPC.deleteSecret]: guardedHandler(parse.secretName, (name) => secrets.delete(name)),
    [IPC.notify]: guardedHandler(parse.notifyRequest, (request) =>
      deps.notify(request) ? ok(undefined) : unavailable,
    ),
    [IPC.setBadgeCount]: guardedHandler(parse.badgeCount, (count) =>
      app.setBadgeCount(count) ? ok(undefined) : unavailable,
    ),
    [IPC.getOpenAtLogin]: guardedHandler(parse.noArgs, () =>
      loginItems ? ok(app.getLoginItemSettings().openAtLogin) : unavailable,
    ),
    [IPC.setOpenAtLogin]: guardedHandler(parse.oneBoolean, (enabled) => {
      if (!loginItems) return unavailable;
      app.setLoginItemSettings({ openAtLogin: enabled });
      return ok(undefined);
    }),
    [IPC.lockStatus]: guardedHandler(parse.noArgs, () => ok(lock.status())),
    [IPC.setLockPasscode]: guardedHandler(parse.passcodeChange, (change) =>
      lock.setPasscode(change),
    ),
    [IPC.unlock]: guardedHandler(parse.passcode, async (code) => ok(await lock.unlock(code))),
    [IPC.lock]: guardedHandler(parse.noArgs, () => ok(lock.lock())),
    [IPC.saveFile]: guardedHandler(parse.saveFileRequest, (request) =>
      saveFile(request, deps.files),
    ),
  };
}

/** Registers one handler per bridge method; returns a function that removes them again. */
export function registerIpcHandlers(deps: IpcDeps): () => void {
  const table = handlerTable(deps);
  for (const [channel, handler] of Object.entries(table)) deps.ipcMain.handle(channel, handler);
  return () => {
    for (const channel of Object.keys(table)) deps.ipcMain.removeHandler(channel);
  };
}
