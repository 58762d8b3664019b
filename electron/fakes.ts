// Test doubles for the few Electron objects the main-process modules touch.
import { EventEmitter } from 'node:events';
import type {
  BrowserWindow,
  SafeStorage,
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
  maximized = false;
  loadedUrl: string | null = null;
  bounds = { x: 100, y: 80, width: 1000, height: 700 };
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
  minimize(): void {
    this.minimized = true;
  }
  maximize(): void {
    this.maximized = true;
    this.visible = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  getNormalBounds() {
    return { ...this.bounds };
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

/**
 * safeStorage with a real backend (or, with `backend: 'basic_text'`, Linux without a keyring).
 * "Encryption" is a reversible marker, enough to see that only ciphertext reaches the disk.
 */
export function fakeSafeStorage(
  options: {
    available?: boolean;
    backend?: ReturnType<SafeStorage['getSelectedStorageBackend']>;
  } = {},
): Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
> {
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (plain) =>
      Buffer.concat([Buffer.from('enc:'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]),
    decryptString: (cipher) => {
      if (cipher.subarray(0, 4).toString() !== 'enc:') throw new Error('Error while decrypting');
      return Buffer.from(cipher.subarray(4).map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
}
