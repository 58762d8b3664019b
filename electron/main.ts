// Entry of the main process. Wiring only: every decision lives in a small module that takes
// its Electron dependencies as parameters and is unit-tested with fakes.
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  globalShortcut,
  ipcMain,
  Menu,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { IPC } from '../shared/bridge';
import { openAppLock, type AppLock } from './app-lock';
import { registerAppScheme, serveApp } from './app-protocol';
import { openExternal } from './external-links';
import { registerIpcHandlers } from './ipc';
import { claimSingleInstance, forwardShellEvents, sendShellEvent, sendToWindow } from './lifecycle';
import { installLockTriggers, quickHide } from './lock-triggers';
import { buildMenuTemplate, HELP_URL } from './menu';
import { createNotifier } from './notifications';
import { createSecretStore } from './secrets';
import { guardWebContents, installPermissionHandlers } from './security';
import { APP_ENTRY_URL } from './trusted-url';
import { createMainWindow, focusWindow } from './window';
import { chooseWindowBounds } from './window-state';
import { trackWindowState, windowStateFile } from './window-state-tracker';

// Both must happen before `ready`.
app.enableSandbox();
registerAppScheme(protocol);

let mainWindow: BrowserWindow | null = null;
let savedWindowState: unknown;
// macOS may send `activate` while start() is still awaiting: one window, opened by start().
let started = false;

function openWindow(): void {
  const store = windowStateFile(app.getPath('userData'));
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const { bounds, maximized } = chooseWindowBounds(savedWindowState, workAreas);
  // The bundle lives in dist/electron/ next to preload.cjs; the renderer build in dist/renderer/.
  const window = createMainWindow(
    BrowserWindow,
    path.join(__dirname, 'preload.cjs'),
    APP_ENTRY_URL,
    { bounds, maximized, devTools: !app.isPackaged },
  );
  trackWindowState(
    window,
    (state, closing) => {
      savedWindowState = state;
      store.save(state, closing);
    },
    globalThis,
  );
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  // A composer holding text not saved on the device yet stops the page from unloading
  // (beforeunload, renderer/src/ui/useAutosave.ts). Electron would then cancel the close
  // silently; ask instead, and close only if the user chooses to.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: ['Keep writing', 'Close and lose it'],
      defaultId: 0,
      cancelId: 0,
      message: 'Your text is not saved on this device yet.',
      detail: 'If you close Kindred now, what you wrote will be lost.',
    });
    if (choice === 1) event.preventDefault(); // preventing the prevention: the page unloads
  });
  mainWindow = window;
}

function hideAndLock(lock: AppLock): void {
  quickHide(process.platform, app, mainWindow, () => lock.lock());
}

function setMenu(lock: AppLock): void {
  const template = buildMenuTemplate({
    platform: process.platform,
    appName: app.name,
    isPackaged: app.isPackaged,
    lockEnabled: lock.status().enabled,
    actions: {
      syncNow: () => sendShellEvent(mainWindow, 'sync-now'),
      lock: () => lock.lock(),
      quickHide: () => hideAndLock(lock),
      openHelp: () => void openExternal(HELP_URL, shell),
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  installPermissionHandlers(session.defaultSession);
  serveApp(protocol, path.join(app.getAppPath(), 'dist', 'renderer'));
  savedWindowState = await windowStateFile(userData).load();

  // Opened before the window: a renderer asking at once already gets the right answer.
  const lock: AppLock = await openAppLock({
    file: path.join(userData, 'app-lock.json'),
    now: Date.now,
    onChange: (status) => {
      sendToWindow(mainWindow, IPC.lockChanged, status);
      setMenu(lock);
    },
  });
  const notifier = createNotifier(Notification, ({ threadId }) => {
    if (mainWindow === null) return openWindow();
    focusWindow(mainWindow);
    sendToWindow(mainWindow, IPC.openThread, { threadId });
  });
  registerIpcHandlers({
    ipcMain,
    app,
    shell,
    platform: process.platform,
    secrets: createSecretStore({ safeStorage, platform: process.platform, dir: userData }),
    notify: (request) => notifier.notify(request),
    lock,
    files: {
      // Attached to the window (a sheet on macOS) when there is one.
      showSaveDialog: (options) =>
        mainWindow ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
      defaultDir: () => app.getPath('documents'),
    },
  });
  forwardShellEvents(
    { powerMonitor, isOnline: () => net.isOnline(), timers: globalThis },
    () => mainWindow,
  );
  const removeLockTriggers = installLockTriggers(
    {
      powerMonitor,
      globalShortcut,
      timers: globalThis,
      onQuickHide: () => hideAndLock(lock),
    },
    () => lock.lock(),
  );
  app.on('will-quit', removeLockTriggers);
  setMenu(lock);
  openWindow();
  started = true;
}

if (claimSingleInstance(app, () => mainWindow)) {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, (url) => void openExternal(url, shell));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (started && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('kindred: failed to start', error);
      app.quit();
    });
}
