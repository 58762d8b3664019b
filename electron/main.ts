// Entry of the main process. Wiring only: every decision lives in a small module that takes
// its Electron dependencies as parameters and is unit-tested with fakes.
import path from 'node:path';
import { app, BrowserWindow, ipcMain, net, powerMonitor, protocol, session, shell } from 'electron';
import { registerAppScheme, serveApp } from './app-protocol';
import { openExternal } from './external-links';
import { registerIpcHandlers } from './ipc';
import { claimSingleInstance, forwardShellEvents } from './lifecycle';
import { guardWebContents, installPermissionHandlers } from './security';
import { APP_ENTRY_URL } from './trusted-url';
import { createMainWindow } from './window';

// Both must happen before `ready`.
app.enableSandbox();
registerAppScheme(protocol);

let mainWindow: BrowserWindow | null = null;

function openWindow(): void {
  // The bundle lives in dist/electron/ next to preload.cjs; the renderer build in dist/renderer/.
  mainWindow = createMainWindow(BrowserWindow, path.join(__dirname, 'preload.cjs'), APP_ENTRY_URL);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (claimSingleInstance(app, () => mainWindow)) {
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, (url) => void openExternal(url, shell));
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (app.isReady() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app
    .whenReady()
    .then(() => {
      installPermissionHandlers(session.defaultSession);
      serveApp(protocol, path.join(app.getAppPath(), 'dist', 'renderer'));
      registerIpcHandlers({ ipcMain, app, shell, platform: process.platform });
      forwardShellEvents(
        { powerMonitor, isOnline: () => net.isOnline(), timers: globalThis },
        () => mainWindow,
      );
      openWindow();
    })
    .catch((error: unknown) => {
      console.error('kindred: failed to start', error);
      app.quit();
    });
}
