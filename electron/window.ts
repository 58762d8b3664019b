import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/**
 * The renderer is an ordinary web page: isolated from the preload, sandboxed, no Node.
 * Everything it needs from the desktop goes through `window.kindred`.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    title: 'Kindred',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the main window, shows it once it has painted (no white flash) and loads the app. */
export function createMainWindow(
  BrowserWindowCtor: BrowserWindowClass,
  preloadPath: string,
  url: string,
): BrowserWindow {
  const window = new BrowserWindowCtor(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  // A failed load is visible as an empty window; there is nothing better to do from here.
  window.loadURL(url).catch(() => undefined);
  return window;
}

/** Brings an existing window to the front, e.g. when the user launches the app again. */
export function focusWindow(window: BrowserWindow | null): void {
  if (window === null || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
