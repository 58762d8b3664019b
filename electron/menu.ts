import type { MenuItemConstructorOptions } from 'electron';

/** Our own shortcuts. None shadows a standard one (Ctrl/Cmd+R stays unbound: no reload). */
export const ACCELERATORS = {
  syncNow: 'CmdOrCtrl+Shift+S',
  lock: 'CmdOrCtrl+Shift+L',
  /** Registered as a global shortcut (it must work whatever has focus), shown in the menu. */
  quickHide: 'CmdOrCtrl+Shift+H',
} as const;

export const HELP_URL = 'https://kindred.invalid/help';

export interface MenuOptions {
  platform: string;
  appName: string;
  /** Packaged builds get no reload and no developer tools. */
  isPackaged: boolean;
  /** A passcode is set, so "Lock Kindred" can do something. */
  lockEnabled: boolean;
  actions: {
    syncNow(): void;
    lock(): void;
    quickHide(): void;
    openHelp(): void;
  };
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * The application menu: the platform's standard roles (which bring the native shortcuts for
 * copy, paste, undo, zoom, hide, quit…) plus Sync now, Lock and Quick hide.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { platform, appName, isPackaged, lockEnabled, actions } = options;
  const mac = platform === 'darwin';

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const ownItems: MenuItemConstructorOptions[] = [
    {
      id: 'sync-now',
      label: 'Sync Now',
      accelerator: ACCELERATORS.syncNow,
      click: actions.syncNow,
    },
    separator,
    {
      id: 'lock',
      label: `Lock ${appName}`,
      accelerator: ACCELERATORS.lock,
      enabled: lockEnabled,
      click: actions.lock,
    },
    {
      id: 'quick-hide',
      label: 'Hide Quickly',
      accelerator: ACCELERATORS.quickHide,
      // The global shortcut already catches it; registering it twice would fire twice.
      registerAccelerator: false,
      click: actions.quickHide,
    },
  ];
  const fileMenu: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [...ownItems, separator, mac ? { role: 'close' } : { role: 'quit' }],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };

  const developerItems: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...developerItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    role: 'windowMenu',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      { id: 'help', label: `${appName} Help`, click: actions.openHelp },
      ...(mac ? [] : [separator, { role: 'about' } as const]),
    ],
  };

  return [...(mac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
