import type { IpcRenderer, IpcRendererEvent } from 'electron';
import {
  IPC,
  type AppInfo,
  type BridgeResult,
  type KindredBridge,
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

/**
 * Builds the object the preload exposes as `window.kindred`. Each method is bound to one
 * channel; the renderer never sees `ipcRenderer` or the IPC event objects.
 */
export function createBridge(ipcRenderer: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>) {
  const bridge = {
    async appInfo(): Promise<AppInfo> {
      const result: unknown = await ipcRenderer.invoke(IPC.appInfo);
      // The main process only refuses a page that is not ours, so this is not a user-facing path.
      if (!isBridgeResult(result) || !result.ok) throw new Error('kindred: app info unavailable');
      return result.value as AppInfo;
    },
    async openExternal(url: string): Promise<BridgeResult<void>> {
      const result: unknown = await ipcRenderer.invoke(IPC.openExternal, url);
      return isBridgeResult(result)
        ? (result as BridgeResult<void>)
        : { ok: false, error: 'unavailable' };
    },
    onShellEvent(listener: (event: ShellEvent) => void): () => void {
      const forward = (_event: IpcRendererEvent, payload: unknown) => {
        if (isShellEvent(payload)) listener(payload);
      };
      ipcRenderer.on(IPC.shellEvent, forward);
      return () => {
        ipcRenderer.removeListener(IPC.shellEvent, forward);
      };
    },
  } satisfies KindredBridge;
  return bridge;
}
