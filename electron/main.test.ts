import { EventEmitter } from 'node:events';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC } from '../shared/bridge';
import { FakeWebContents, FakeWindow } from './fakes';

// main.ts is wiring around the tested modules; this checks the wiring and its order against
// a stand-in for the `electron` module (the real one needs the binary).
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
      getVersion: () => '0.1.0',
    },
    BrowserWindow,
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    net: { isOnline: () => true },
    powerMonitor: new EventEmitter(),
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
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  });
  afterEach(() => {
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
    expect(channels).toEqual([IPC.appInfo, IPC.openExternal].sort());

    expect(windows).toHaveLength(1);
    const [window] = windows;
    expect(window?.loadedUrl).toBe('app://kindred/index.html');
    const prefs = (window?.options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(path.basename(String(prefs.preload))).toBe('preload.cjs');
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
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
});
