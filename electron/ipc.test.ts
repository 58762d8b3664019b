import { describe, expect, it, vi } from 'vitest';
import { IPC } from '../shared/bridge';
import { registerIpcHandlers, toPlatform } from './ipc';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

function setUp(openExternalImpl: (url: string) => Promise<void> = async () => undefined) {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => void handlers.set(channel, handler)),
    removeHandler: vi.fn((channel: string) => void handlers.delete(channel)),
  };
  const shell = { openExternal: vi.fn(openExternalImpl) };
  const app = { getVersion: () => '0.1.0' };
  const unregister = registerIpcHandlers({ ipcMain, app, shell, platform: 'linux' });
  const invoke = (channel: string, senderUrl: unknown, ...args: unknown[]) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
  };
  return { handlers, shell, unregister, invoke };
}

const APP = 'app://kindred/index.html';

describe('IPC handlers', () => {
  it('registers exactly one handler per bridge method', () => {
    const { handlers } = setUp();
    expect([...handlers.keys()].sort()).toEqual([IPC.appInfo, IPC.openExternal].sort());
  });

  it('answers appInfo for the app', async () => {
    const { invoke } = setUp();
    expect(await invoke(IPC.appInfo, APP)).toEqual({
      ok: true,
      value: { version: '0.1.0', platform: 'linux' },
    });
  });

  it('opens an https link for the app', async () => {
    const { invoke, shell } = setUp();
    expect(await invoke(IPC.openExternal, APP, 'https://example.org/')).toEqual({
      ok: true,
      value: undefined,
    });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/');
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a file page', 'file:///tmp/x.html'],
    ['another app host', 'app://evil/index.html'],
    ['a frame with no URL', undefined],
    ['a destroyed frame', null],
  ])('refuses a sender from %s', async (_name, senderUrl) => {
    const { invoke, shell } = setUp();
    expect(await invoke(IPC.appInfo, senderUrl)).toEqual({ ok: false, error: 'not-allowed' });
    expect(await invoke(IPC.openExternal, senderUrl, 'https://example.org/')).toEqual({
      ok: false,
      error: 'not-allowed',
    });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses a sender whose frame throws when read', async () => {
    const { handlers } = setUp();
    const event = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    expect(await handlers.get(IPC.appInfo)?.(event)).toEqual({ ok: false, error: 'not-allowed' });
  });

  it.each([
    ['no argument', []],
    ['a number', [42]],
    ['an object', [{ url: 'https://example.org/' }]],
    ['two arguments', ['https://example.org/', 'extra']],
  ])('refuses openExternal with %s', async (_name, args) => {
    const { invoke, shell } = setUp();
    expect(await invoke(IPC.openExternal, APP, ...args)).toEqual({
      ok: false,
      error: 'invalid-argument',
    });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it.each(['http://example.org/', 'javascript:alert(1)', 'file:///etc/passwd'])(
    'refuses to open %s',
    async (url) => {
      const { invoke, shell } = setUp();
      expect(await invoke(IPC.openExternal, APP, url)).toEqual({
        ok: false,
        error: 'invalid-argument',
      });
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('refuses appInfo with unexpected arguments', async () => {
    const { invoke } = setUp();
    expect(await invoke(IPC.appInfo, APP, 'x')).toEqual({ ok: false, error: 'invalid-argument' });
  });

  it('never throws across IPC, even when the system browser fails', async () => {
    const { invoke } = setUp(async () => {
      throw new Error('boom');
    });
    await expect(invoke(IPC.openExternal, APP, 'https://example.org/')).resolves.toEqual({
      ok: false,
      error: 'unavailable',
    });
  });

  it('removes its handlers again', () => {
    const { handlers, unregister } = setUp();
    unregister();
    expect(handlers.size).toBe(0);
  });

  it('maps the platform onto the bridge type', () => {
    expect(['darwin', 'win32', 'linux', 'freebsd', 'aix'].map(toPlatform)).toEqual([
      'darwin',
      'win32',
      'linux',
      'other',
      'other',
    ]);
  });
});
