import { describe, expect, it } from 'vitest';
import { IPC } from '../shared/bridge';
import { toPlatform } from './ipc';
import { setUp } from './ipc-fixture';

const APP = 'app://kindred/index.html';

describe('IPC handlers', () => {
  it('registers exactly one handler per bridge method that asks the main process', () => {
    const { handlers } = setUp();
    const pushOnly: string[] = [IPC.shellEvent, IPC.openThread, IPC.lockChanged];
    const invokable = Object.values(IPC).filter((channel) => !pushOnly.includes(channel));
    expect([...handlers.keys()].sort()).toEqual(invokable.sort());
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
