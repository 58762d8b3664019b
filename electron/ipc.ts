import type { App, IpcMain, IpcMainInvokeEvent, Shell } from 'electron';
import { IPC, type AppInfo, type BridgeResult } from '../shared/bridge';
import { openExternal } from './external-links';
import { isTrustedAppUrl } from './trusted-url';

export function toPlatform(platform: string): AppInfo['platform'] {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';
}

/** Parses the arguments of one channel; null means they are not what the bridge sends. */
type ParseArgs<A> = (args: readonly unknown[]) => A | null;

const noArgs: ParseArgs<[]> = (args) => (args.length === 0 ? [] : null);
const oneString: ParseArgs<[string]> = (args) =>
  args.length === 1 && typeof args[0] === 'string' ? [args[0]] : null;

/**
 * Wraps a handler so that it only runs for our own top-level page with well-formed arguments,
 * and so that nothing is ever thrown across IPC: every outcome is a BridgeResult.
 */
export function guardedHandler<A extends unknown[], T>(
  parse: ParseArgs<A>,
  handler: (...args: A) => Promise<BridgeResult<T>> | BridgeResult<T>,
): (
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  ...args: unknown[]
) => Promise<BridgeResult<T>> {
  return async (event, ...args) => {
    let senderUrl: unknown;
    try {
      // senderFrame is null once the frame has navigated away or been destroyed.
      senderUrl = event.senderFrame?.url;
    } catch {
      senderUrl = undefined;
    }
    if (!isTrustedAppUrl(senderUrl)) return { ok: false, error: 'not-allowed' };
    const parsed = parse(args);
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
  app: Pick<App, 'getVersion'>;
  shell: Pick<Shell, 'openExternal'>;
  platform: string;
}

/** Registers one handler per bridge method; returns a function that removes them again. */
export function registerIpcHandlers({ ipcMain, app, shell, platform }: IpcDeps): () => void {
  ipcMain.handle(
    IPC.appInfo,
    guardedHandler(noArgs, () => ({
      ok: true,
      value: { version: app.getVersion(), platform: toPlatform(platform) },
    })),
  );
  ipcMain.handle(
    IPC.openExternal,
    guardedHandler(oneString, (url) => openExternal(url, shell)),
  );
  return () => {
    ipcMain.removeHandler(IPC.appInfo);
    ipcMain.removeHandler(IPC.openExternal);
  };
}
