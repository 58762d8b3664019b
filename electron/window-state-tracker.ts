import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { readJsonFile, serialQueue, writeFileAtomic, writeFileAtomicSync } from './atomic-file';
import type { WindowState } from './window-state';

export interface Timeouts {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

type TrackedWindow = Pick<
  BrowserWindow,
  'on' | 'isDestroyed' | 'getNormalBounds' | 'isMaximized' | 'isMinimized'
>;

/**
 * Saves the window's state on resize and move (debounced: a drag emits dozens of events),
 * on maximize/unmaximize, and once more, at once, when it closes. The normal (unmaximized)
 * bounds are saved, so un-maximizing after a relaunch returns to the size the user chose.
 */
export function trackWindowState(
  window: TrackedWindow,
  /** `closing`: the process may exit right after, so the write must finish now. */
  save: (state: WindowState, closing: boolean) => void,
  timeouts: Timeouts,
  delayMs = 500,
): void {
  let pending: unknown = null;
  const saveNow = (closing = false) => {
    if (pending !== null) timeouts.clearTimeout(pending);
    pending = null;
    // A minimized window's bounds are the OS's, not the user's choice.
    if (window.isDestroyed() || window.isMinimized()) return;
    save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }, closing);
  };
  const saveSoon = () => {
    if (pending !== null) timeouts.clearTimeout(pending);
    pending = timeouts.setTimeout(() => saveNow(), delayMs);
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', () => saveNow());
  window.on('unmaximize', () => saveNow());
  window.on('close', () => saveNow(true));
}

/** window-state.json in the app's data folder: not a secret, but written atomically too. */
export function windowStateFile(userData: string) {
  const file = path.join(userData, 'window-state.json');
  const queue = serialQueue();
  return {
    load: (): Promise<unknown> => readJsonFile(file).catch(() => undefined),
    save(state: WindowState, closing: boolean): void {
      const text = `${JSON.stringify(state)}\n`;
      // Losing a window position is harmless: errors are dropped, never shown.
      if (!closing) return void queue(() => writeFileAtomic(file, text)).catch(() => undefined);
      try {
        writeFileAtomicSync(file, text);
      } catch {
        // As above.
      }
    },
  };
}
