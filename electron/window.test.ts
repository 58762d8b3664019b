import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { FakeWindow } from './fakes';
import {
  createMainWindow,
  focusWindow,
  mainWindowOptions,
  type BrowserWindowClass,
} from './window';

describe('the main window', () => {
  const options = mainWindowOptions('/app/dist/electron/preload.cjs');

  it('isolates and sandboxes the renderer, without Node', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('keeps the secure preferences whatever the placement, with no developer tools by default', () => {
    const placed = mainWindowOptions('/p.cjs', {
      bounds: { x: 10, y: 20, width: 900, height: 600 },
      maximized: true,
    });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 900, height: 600 });
    expect(placed.webPreferences).toEqual(mainWindowOptions('/p.cjs').webPreferences);
    expect(options.webPreferences?.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { devTools: true }).webPreferences).toMatchObject({
      devTools: true,
      sandbox: true,
      contextIsolation: true,
    });
  });

  it('opens maximized when it was closed maximized', () => {
    let created: FakeWindow | null = null;
    const Ctor = class extends FakeWindow {
      constructor(opts: BrowserWindowConstructorOptions) {
        super(opts);
        created = this as FakeWindow;
      }
    } as unknown as BrowserWindowClass;
    createMainWindow(Ctor, '/p.cjs', 'app://kindred/index.html', { maximized: true });
    const window = created as unknown as FakeWindow;
    window.emit('ready-to-show');
    expect(window).toMatchObject({ maximized: true, visible: true });
  });

  it('stays hidden until it has painted', () => {
    expect(options.show).toBe(false);
  });

  it('is shown on ready-to-show and loads the app URL', () => {
    let created: FakeWindow | null = null;
    const Ctor = class extends FakeWindow {
      constructor(opts: BrowserWindowConstructorOptions) {
        super(opts);
        created = this as FakeWindow;
      }
    } as unknown as BrowserWindowClass;

    createMainWindow(Ctor, '/p.cjs', 'app://kindred/index.html');
    const window = created as unknown as FakeWindow;
    expect(window.options).toEqual(mainWindowOptions('/p.cjs'));
    expect(window.loadedUrl).toBe('app://kindred/index.html');
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('focusWindow restores a minimized window and ignores a missing one', () => {
    const window = new FakeWindow();
    window.minimized = true;
    focusWindow(window.asBrowserWindow());
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
    expect(() => focusWindow(null)).not.toThrow();
  });
});
