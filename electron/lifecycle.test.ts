import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../shared/bridge';
import { FakeWindow } from './fakes';
import {
  claimSingleInstance,
  forwardShellEvents,
  watchConnectivity,
  type Timers,
} from './lifecycle';

function fakeApp(gotLock: boolean) {
  const emitter = new EventEmitter();
  return {
    emitter,
    requestSingleInstanceLock: vi.fn(() => gotLock),
    quit: vi.fn(),
    on: vi.fn((event: string, listener: (...args: unknown[]) => void) => {
      emitter.on(event, listener);
      return undefined as never;
    }),
  };
}

function fakeTimers() {
  let tick: (() => void) | null = null;
  const timers: Timers & { tick(): void; cleared: boolean } = {
    cleared: false,
    setInterval: (callback) => {
      tick = callback;
      return 1;
    },
    clearInterval: () => {
      timers.cleared = true;
      tick = null;
    },
    tick: () => tick?.(),
  };
  return timers;
}

describe('single instance', () => {
  it('a second launch quits at once and leaves the first alone', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.on).not.toHaveBeenCalled();
  });

  it('the first instance brings its minimized window to the front when launched again', () => {
    const app = fakeApp(true);
    const window = new FakeWindow();
    window.minimized = true;
    expect(claimSingleInstance(app, () => window.asBrowserWindow())).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();

    app.emitter.emit('second-instance', {}, ['kindred'], '/');
    expect(window.minimized).toBe(false);
    expect(window.visible).toBe(true);
    expect(window.focused).toBe(true);
  });

  it('a relaunch before the window exists, or after it closed, does nothing', () => {
    const app = fakeApp(true);
    const window = new FakeWindow();
    window.destroyed = true;
    let current: FakeWindow | null = null;
    claimSingleInstance(app, () => current?.asBrowserWindow() ?? null);
    expect(() => app.emitter.emit('second-instance')).not.toThrow();
    current = window;
    app.emitter.emit('second-instance');
    expect(window.focused).toBe(false);
  });
});

describe('shell events', () => {
  function setUp(online = true) {
    const powerMonitor = new EventEmitter();
    const window = new FakeWindow();
    const timers = fakeTimers();
    let isOnline = online;
    const stop = forwardShellEvents(
      { powerMonitor: powerMonitor as never, isOnline: () => isOnline, timers },
      () => window.asBrowserWindow(),
    );
    return {
      powerMonitor,
      window,
      timers,
      stop,
      setOnline: (value: boolean) => void (isOnline = value),
    };
  }

  it('waking from sleep tells the renderer to resume', () => {
    const { powerMonitor, window } = setUp();
    powerMonitor.emit('resume');
    expect(window.webContents.sent).toEqual([[IPC.shellEvent, 'resume']]);
  });

  it('the network coming back tells the renderer once', () => {
    const { window, timers, setOnline } = setUp(true);
    timers.tick();
    setOnline(false);
    timers.tick();
    timers.tick();
    expect(window.webContents.sent).toEqual([]);
    setOnline(true);
    timers.tick();
    timers.tick();
    expect(window.webContents.sent).toEqual([[IPC.shellEvent, 'online']]);
  });

  it('sends nothing to a destroyed window', () => {
    const { powerMonitor, window } = setUp();
    window.destroyed = true;
    powerMonitor.emit('resume');
    expect(window.webContents.sent).toEqual([]);
  });

  it('stops forwarding when asked', () => {
    const { powerMonitor, window, timers, stop } = setUp();
    stop();
    powerMonitor.emit('resume');
    expect(window.webContents.sent).toEqual([]);
    expect(timers.cleared).toBe(true);
  });

  it('watchConnectivity starts from the current state: starting offline then going online reports it', () => {
    const timers = fakeTimers();
    const onOnline = vi.fn();
    let online = false;
    watchConnectivity(() => online, onOnline, timers);
    online = true;
    timers.tick();
    expect(onOnline).toHaveBeenCalledOnce();
  });
});
