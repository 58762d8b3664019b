import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { FakeWindow } from './fakes';
import type { Timers } from './lifecycle';
import { IDLE_LOCK_SECONDS, installLockTriggers, quickHide, watchIdle } from './lock-triggers';

function fakeTimers() {
  let tick: (() => void) | null = null;
  const timers: Timers & { tick(): void; cleared: boolean } = {
    cleared: false,
    setInterval: (callback) => ((tick = callback), 1),
    clearInterval: () => void ((timers.cleared = true), (tick = null)),
    tick: () => tick?.(),
  };
  return timers;
}

function setUp(registers = true) {
  const powerMonitor = Object.assign(new EventEmitter(), {
    idle: 0,
    getSystemIdleTime: (): number => 0,
  });
  powerMonitor.getSystemIdleTime = () => powerMonitor.idle;
  const globalShortcut = { register: vi.fn(() => registers), unregister: vi.fn() };
  const timers = fakeTimers();
  const lock = vi.fn();
  const onQuickHide = vi.fn();
  const stop = installLockTriggers(
    { powerMonitor: powerMonitor as never, globalShortcut, timers, onQuickHide },
    lock,
  );
  return { powerMonitor, globalShortcut, timers, lock, onQuickHide, stop };
}

describe('what locks the app', () => {
  it('the OS locking its screen, or the machine going to sleep', () => {
    const { powerMonitor, lock } = setUp();
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    expect(lock).toHaveBeenCalledTimes(2);
  });

  it('the OS unlocking its screen does not unlock the app (nor lock it again)', () => {
    const { powerMonitor, lock } = setUp();
    powerMonitor.emit('unlock-screen');
    expect(lock).not.toHaveBeenCalled();
  });

  it('ten idle minutes, once per idle period', () => {
    const { powerMonitor, timers, lock } = setUp();
    powerMonitor.idle = IDLE_LOCK_SECONDS - 1;
    timers.tick();
    expect(lock).not.toHaveBeenCalled();
    powerMonitor.idle = IDLE_LOCK_SECONDS;
    timers.tick();
    powerMonitor.idle = IDLE_LOCK_SECONDS + 60;
    timers.tick();
    expect(lock).toHaveBeenCalledOnce();
    powerMonitor.idle = 0;
    timers.tick();
    powerMonitor.idle = IDLE_LOCK_SECONDS;
    timers.tick();
    expect(lock).toHaveBeenCalledTimes(2);
  });

  it('the quick-hide shortcut is global while the app runs, and removed on quit', () => {
    const { globalShortcut, onQuickHide, stop, powerMonitor, timers, lock } = setUp();
    const [accelerator, callback] = globalShortcut.register.mock.calls[0] as unknown as [
      string,
      () => void,
    ];
    expect(accelerator).toBe('CmdOrCtrl+Shift+H');
    callback();
    expect(onQuickHide).toHaveBeenCalledOnce();
    stop();
    expect(globalShortcut.unregister).toHaveBeenCalledWith('CmdOrCtrl+Shift+H');
    expect(timers.cleared).toBe(true);
    powerMonitor.emit('lock-screen');
    expect(lock).not.toHaveBeenCalled();
  });

  it('does not unregister a shortcut another app owns', () => {
    const { globalShortcut, stop } = setUp(false);
    stop();
    expect(globalShortcut.unregister).not.toHaveBeenCalled();
  });

  it('watchIdle stops when asked', () => {
    const timers = fakeTimers();
    const stop = watchIdle(
      () => 0,
      () => undefined,
      timers,
    );
    stop();
    expect(timers.cleared).toBe(true);
  });
});

describe('quick hide', () => {
  it('locks first, then minimizes the window (Windows, Linux)', () => {
    const order: string[] = [];
    const window = new FakeWindow();
    window.minimize = () => void order.push('minimize');
    const app = { hide: vi.fn() };
    quickHide('win32', app, window.asBrowserWindow(), () => order.push('lock'));
    expect(order).toEqual(['lock', 'minimize']);
    expect(app.hide).not.toHaveBeenCalled();
  });

  it('hides the whole app on macOS', () => {
    const window = new FakeWindow();
    const app = { hide: vi.fn() };
    const lock = vi.fn();
    quickHide('darwin', app, window.asBrowserWindow(), lock);
    expect(lock).toHaveBeenCalledOnce();
    expect(app.hide).toHaveBeenCalledOnce();
    expect(window.minimized).toBe(false);
  });

  it('still locks when there is no window', () => {
    const lock = vi.fn();
    quickHide('linux', { hide: vi.fn() }, null, lock);
    expect(lock).toHaveBeenCalledOnce();
  });
});
