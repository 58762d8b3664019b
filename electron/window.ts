import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { DEFAULT_SIZE, MIN_SIZE, type InitialBounds } from './window-state';

export interface MainWindowPlacement {
  /** Where to open (see chooseWindowBounds); the default size, centred, when absent. */
  bounds?: InitialBounds;
  maximized?: boolean;
  /** Developer tools exist only in development builds, never in a packaged app. */
  devTools?: boolean;
}

/**
 * The renderer is an ordinary web page: isolated from the preload, sandboxed, no Node.
 * Everything it needs from the desktop goes through `window.kindred`.
 */
export function mainWindowOptions(
  preloadPath: string,
  placement: MainWindowPlacement = {},
): BrowserWindowConstructorOptions {
  return {
    ...(placement.bounds ?? DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
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
      devTools: placement.devTools ?? false,
    },
  };
}

export type BrowserWindowClass = new (options: BrowserWindowConstructorOptions) => BrowserWindow;

/** Creates the main window, shows it once it has painted (no white flash) and loads the app. */
export function createMainWindow(
  BrowserWindowCtor: BrowserWindowClass,
  preloadPath: string,
  url: string,
  placement: MainWindowPlacement = {},
): BrowserWindow {
  const window = new BrowserWindowCtor(mainWindowOptions(preloadPath, placement));
  window.once('ready-to-show', () => {
    if (placement.maximized === true) window.maximize();
    window.show();
  });
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
