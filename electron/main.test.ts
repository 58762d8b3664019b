import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '../shared/bridge';
import { FakeWebContents, FakeWindow, fakeSafeStorage } from './fakes';

// main.ts is wiring around the tested modules; this checks the wiring and its order against
// a stand-in for the `electron` module (the real one needs the binary).
let userData = '';

/**
 * What every window must be created with, written out here rather than imported from
 * window.ts: weakening the options there, or opening a window some other way, fails a test.
 */
const SECURE_PREFERENCES: Record<string, unknown> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
};
/** Must never be turned on: they expose unfinished Chromium features to the page. */
const FORBIDDEN_PREFERENCES = ['experimentalFeatures', 'enableBlinkFeatures'];

/** What is wrong with a window's options; empty when it is secure. */
function insecurePreferences(options: unknown): string[] {
  const prefs = (options as { webPreferences?: Record<string, unknown> } | null)?.webPreferences;
  if (typeof prefs !== 'object' || prefs === null) return ['no webPreferences'];
  const problems = Object.entries(SECURE_PREFERENCES)
    .filter(([key, value]) => prefs[key] !== value)
    .map(([key, value]) => `${key} is ${String(prefs[key])}, not ${String(value)}`);
  for (const key of FORBIDDEN_PREFERENCES) if (prefs[key]) problems.push(`${key} is on`);
  // Only our own preload, which exposes `window.kindred` and nothing else.
  if (path.basename(String(prefs.preload)) !== 'preload.cjs') problems.push('not our preload');
  return problems;
}

/** Windows the app tried to create without the secure preferences (checked after each test). */
const insecureWindows: string[][] = [];

function fakeElectron({ gotLock }: { gotLock: boolean }) {
  const calls: string[] = [];
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let isReady = false;
  const appEvents = new EventEmitter();
  const windows: FakeWindow[] = [];
  class BrowserWindow extends FakeWindow {
    constructor(options: unknown) {
      // Every construction, whichever code path opens it. Recorded as well as thrown: main.ts
      // catches errors during start-up, which would hide a throw alone.
      const problems = insecurePreferences(options);
      if (problems.length > 0) {
        insecureWindows.push(problems);
        throw new Error(`insecure BrowserWindow: ${problems.join('; ')}`);
      }
      super(options);
      windows.push(this);
    }
    static getAllWindows() {
      return windows.filter((w) => !w.destroyed);
    }
  }
  const electron = {
    app: {
      enableSandbox: vi.fn(() => void calls.push('enableSandbox')),
      requestSingleInstanceLock: vi.fn(() => gotLock),
      quit: vi.fn(),
      on: vi.fn(
        (event: string, listener: (...args: unknown[]) => void) =>
          void appEvents.on(event, listener),
      ),
      whenReady: vi.fn(() => {
        calls.push('whenReady');
        return ready;
      }),
      isReady: () => isReady,
      getAppPath: () => '/opt/Kindred/resources/app.asar',
      getPath: (name: string) => (name === 'userData' ? userData : '/nowhere'),
      getVersion: () => '0.1.0',
      name: 'Kindred',
      isPackaged: true,
      hide: vi.fn(),
      setBadgeCount: vi.fn(() => true),
      getLoginItemSettings: vi.fn(() => ({ openAtLogin: false })),
      setLoginItemSettings: vi.fn(),
    },
    globalShortcut: { register: vi.fn(() => true), unregister: vi.fn() },
    Menu: {
      buildFromTemplate: vi.fn((template: unknown) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    Notification: Object.assign(class extends EventEmitter {}, { isSupported: () => true }),
    safeStorage: fakeSafeStorage(),
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
    },
    BrowserWindow,
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    net: { isOnline: () => true },
    powerMonitor: Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 }),
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => void calls.push('registerSchemesAsPrivileged')),
      handle: vi.fn(),
    },
    session: {
      defaultSession: { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() },
    },
    shell: { openExternal: vi.fn(async () => undefined) },
  };
  const becomeReady = async () => {
    isReady = true;
    markReady();
    // start() reads files before it opens the window: wait for it (or for a quit).
    for (let i = 0; i < 200 && windows.length === 0 && gotLock; i++)
      await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { electron, calls, appEvents, windows, becomeReady };
}

async function startMain(options: { gotLock: boolean }) {
  const fake = fakeElectron(options);
  vi.doMock('electron', () => fake.electron);
  await import('./main');
  return fake;
}

describe('main.ts', () => {
  beforeEach(() => {
    userData = mkdtempSync(path.join(os.tmpdir(), 'kindred-main-'));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterEach(() => {
    expect(insecureWindows.splice(0), 'windows created without the secure preferences').toEqual([]);
    rmSync(userData, { recursive: true, force: true });
    vi.useRealTimers();
    vi.doUnmock('electron');
    vi.resetModules();
  });

  it('enables the sandbox and registers the app scheme before the app is ready', async () => {
    const { calls } = await startMain({ gotLock: true });
    expect(calls.indexOf('enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf('enableSandbox')).toBeLessThan(calls.indexOf('whenReady'));
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeLessThan(calls.indexOf('whenReady'));
  });

  it('a second instance quits without opening a window', async () => {
    const { electron, windows, becomeReady } = await startMain({ gotLock: false });
    await becomeReady();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(windows).toHaveLength(0);
  });

  it('once ready: permissions, app:// from dist/renderer, IPC, then the window on app://kindred', async () => {
    const { electron, windows, becomeReady } = await startMain({ gotLock: true });
    expect(windows).toHaveLength(0);
    await becomeReady();

    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(electron.protocol.handle).toHaveBeenCalledExactlyOnceWith('app', expect.any(Function));
    const channels = electron.ipcMain.handle.mock.calls.map(([channel]) => channel).sort();
    expect(channels).toEqual(expect.arrayContaining([IPC.appInfo, IPC.openExternal, IPC.unlock]));
    expect(channels).toHaveLength(Object.keys(IPC).length - 3);

    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window?.loadedUrl).toBe('app://kindred/index.html');
    const prefs = (window?.options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(path.basename(String(prefs.preload))).toBe('preload.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    // Packaged: no developer tools at all.
    expect(prefs.devTools).toBe(false);
  });

  it('the stand-in BrowserWindow refuses any window without the secure preferences', async () => {
    const { electron } = await startMain({ gotLock: true });
    const preload = '/opt/Kindred/resources/app.asar/dist/electron/preload.cjs';
    const secure = { webPreferences: { ...SECURE_PREFERENCES, preload } };
    expect(() => new electron.BrowserWindow(secure)).not.toThrow();
    for (const options of [
      {},
      { webPreferences: { ...secure.webPreferences, sandbox: false } },
      { webPreferences: { ...secure.webPreferences, contextIsolation: undefined } },
      { webPreferences: { ...secure.webPreferences, nodeIntegration: true } },
      { webPreferences: { ...secure.webPreferences, webviewTag: true } },
      { webPreferences: { ...secure.webPreferences, experimentalFeatures: true } },
      { webPreferences: { ...secure.webPreferences, preload: '/tmp/evil.js' } },
    ]) {
      expect(() => new electron.BrowserWindow(options)).toThrow(/insecure BrowserWindow/);
    }
    expect(insecureWindows.splice(0)).toHaveLength(7);
  });

  it('a window opened again later (macOS activate) is created with the same secure preferences', async () => {
    const { appEvents, windows, becomeReady } = await startMain({ gotLock: true });
    await becomeReady();
    const first = windows[0] as FakeWindow;
    first.destroyed = true;
    first.emit('closed');
    appEvents.emit('activate');
    expect(windows).toHaveLength(2);
    expect(windows[1]?.loadedUrl).toBe('app://kindred/index.html');
  });

  it('guards every web contents the app creates', async () => {
    const { appEvents } = await startMain({ gotLock: true });
    const contents = new FakeWebContents();
    appEvents.emit('web-contents-created', {}, contents);
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.windowOpenHandler).not.toBeNull();
  });

  it('forwards wake-from-sleep to the window', async () => {
    const { electron, windows, becomeReady } = await startMain({ gotLock: true });
    await becomeReady();
    electron.powerMonitor.emit('resume');
    expect(windows[0]?.webContents.sent).toEqual([[IPC.shellEvent, 'resume']]);
  });

  it('focuses the existing window when launched again', async () => {
    const { appEvents, windows, becomeReady } = await startMain({ gotLock: true });
    await becomeReady();
    appEvents.emit('second-instance', {}, [], '/');
    expect(windows[0]?.focused).toBe(true);
  });

  it('sets a menu whose Sync Now tells the renderer to sync', async () => {
    const { electron, windows, becomeReady } = await startMain({ gotLock: true });
    await becomeReady();
    const [template] = electron.Menu.buildFromTemplate.mock.calls.at(-1) ?? [];
    const items = (template as { submenu?: { id?: string; click?: () => void }[] }[]).flatMap(
      (menu) => menu.submenu ?? [],
    );
    items.find((item) => item.id === 'sync-now')?.click?.();
    expect(windows[0]?.webContents.sent).toEqual([[IPC.shellEvent, 'sync-now']]);
    expect(electron.globalShortcut.register).toHaveBeenCalledWith(
      'CmdOrCtrl+Shift+H',
      expect.any(Function),
    );
  });

  it('remembers the window bounds across launches', async () => {
    const first = await startMain({ gotLock: true });
    await first.becomeReady();
    const window = first.windows[0] as FakeWindow;
    window.bounds = { x: 300, y: 200, width: 900, height: 600 };
    window.emit('close');
    vi.doUnmock('electron');
    vi.resetModules();

    const second = await startMain({ gotLock: true });
    await second.becomeReady();
    expect(second.windows[0]?.options).toMatchObject({ x: 300, y: 200, width: 900, height: 600 });
  });

  it('with a passcode set, the OS locking its screen locks the app and tells the renderer', async () => {
    const { electron, windows, becomeReady } = await startMain({ gotLock: true });
    await becomeReady();
    const handler = electron.ipcMain.handle.mock.calls.find(
      ([channel]) => channel === IPC.setLockPasscode,
    )?.[1] as (event: unknown, ...args: unknown[]) => Promise<unknown>;
    const sender = { senderFrame: { url: 'app://kindred/index.html' } };
    expect(await handler(sender, { current: null, next: '2468' })).toMatchObject({
      ok: true,
      value: { changed: true, status: { enabled: true } },
    });
    electron.powerMonitor.emit('lock-screen');
    expect(windows[0]?.webContents.sent.at(-1)).toEqual([
      IPC.lockChanged,
      { enabled: true, locked: true, failedAttempts: 0, retryInMs: 0 },
    ]);
  });
});
