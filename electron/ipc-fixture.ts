// Test fixture: the IPC handlers registered against fakes, and a way to invoke them as a
// given sender would.
import { vi } from 'vitest';
import type { AppLock } from './app-lock';
import { registerIpcHandlers } from './ipc';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

export function setUp(
  openExternalImpl: (url: string) => Promise<void> = async () => undefined,
  platform = 'linux',
  /** A real app lock to register instead of the fake `lock` (which then goes unused). */
  realLock?: AppLock,
) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
  const shell = { openExternal: vi.fn(openExternalImpl) };
  const app = {
    getVersion: () => '0.1.0',
    setBadgeCount: vi.fn(() => true),
    getLoginItemSettings: vi.fn(() => ({ openAtLogin: true }) as Electron.LoginItemSettings),
    setLoginItemSettings: vi.fn(),
  };
  const status = { enabled: true, locked: false, failedAttempts: 0, retryInMs: 0 };
  const secrets = {
    get: vi.fn(async () => ({ ok: true, value: 'token' }) as const),
    set: vi.fn(async () => ({ ok: true, value: undefined }) as const),
    delete: vi.fn(async () => ({ ok: true, value: undefined }) as const),
  };
  const lock = {
    status: vi.fn(() => status),
    lock: vi.fn(() => status),
    unlock: vi.fn(async () => ({ unlocked: true, status }) as const),
    setPasscode: vi.fn(async () => ({ ok: true, value: { changed: true, status } }) as const),
  };
  const notify = vi.fn(() => true);
  // By default the user picks a place to save; the write itself is a fake too.
  const files = {
    showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/ana/export.md' })),
    defaultDir: () => '/home/ana/Documents',
    writeFile: vi.fn(async () => undefined),
  };
  const unregister = registerIpcHandlers({
    ipcMain,
    app,
    shell,
    platform,
    secrets,
    notify,
    lock: realLock ?? lock,
    files,
  });
  const invoke = (channel: string, senderUrl: unknown, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
  };
  return { handlers, shell, app, secrets, lock, notify, files, unregister, invoke };
}

export const APP_PAGE = 'app://kindred/index.html';
