// Test doubles for the few Electron objects the main-process modules touch.
import { EventEmitter } from 'node:events';
import type {
  BrowserWindow,
  HandlerDetails,
  WebContents,
  WindowOpenHandlerResponse,
} from 'electron';

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
  sent: [string, ...unknown[]][] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits a navigation-style event the way Electron does and reports whether it was stopped. */
  navigate(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const e = new FakeEvent(url);
    this.emit(event, e, url);
    return e.defaultPrevented;
  }
  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  visible = false;
  focused = false;
  loadedUrl: string | null = null;
  constructor(readonly options: unknown = {}) {
    super();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  restore(): void {
    this.minimized = false;
  }
  show(): void {
    this.visible = true;
  }
  focus(): void {
    this.focused = true;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  asBrowserWindow(): BrowserWindow {
    return this as unknown as BrowserWindow;
  }
}
