import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC, type ShellEvent } from '../shared/bridge';
import { createBridge } from './preload-bridge';

const BRIDGE_METHODS = ['appInfo', 'onShellEvent', 'openExternal'];

function fakeIpcRenderer(answers: Record<string, unknown> = {}) {
  const emitter = new EventEmitter();
  return {
    emitter,
    invoke: vi.fn(async (channel: string) => answers[channel]),
    on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      emitter.on(channel, listener);
      return undefined as never;
    }),
    removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
      emitter.removeListener(channel, listener);
      return undefined as never;
    }),
  };
}

describe('the preload bridge', () => {
  it('has exactly the bridge methods and nothing else', () => {
    const bridge = createBridge(fakeIpcRenderer());
    expect(Object.keys(bridge).sort()).toEqual(BRIDGE_METHODS);
    for (const method of BRIDGE_METHODS)
      expect(typeof bridge[method as keyof typeof bridge]).toBe('function');
    expect(bridge).not.toHaveProperty('send');
    expect(bridge).not.toHaveProperty('invoke');
    expect(bridge).not.toHaveProperty('ipcRenderer');
  });

  it('asks the main process for app info on its own channel', async () => {
    const ipc = fakeIpcRenderer({
      [IPC.appInfo]: { ok: true, value: { version: '1.2.3', platform: 'linux' } },
    });
    expect(await createBridge(ipc).appInfo()).toEqual({ version: '1.2.3', platform: 'linux' });
    expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(IPC.appInfo);
  });

  it('rejects appInfo when the main process refuses', async () => {
    const ipc = fakeIpcRenderer({ [IPC.appInfo]: { ok: false, error: 'not-allowed' } });
    await expect(createBridge(ipc).appInfo()).rejects.toThrow();
  });

  it('passes openExternal through and returns the main process result', async () => {
    const ipc = fakeIpcRenderer({ [IPC.openExternal]: { ok: false, error: 'invalid-argument' } });
    expect(await createBridge(ipc).openExternal('http://example.org/')).toEqual({
      ok: false,
      error: 'invalid-argument',
    });
    expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(IPC.openExternal, 'http://example.org/');
  });

  it('delivers shell events without the IPC event object, until unsubscribed', () => {
    const ipc = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const received: unknown[][] = [];
    const unsubscribe = bridge.onShellEvent((...args) => received.push(args));

    ipc.emitter.emit(IPC.shellEvent, { sender: 'ipc internals' }, 'resume');
    ipc.emitter.emit(IPC.shellEvent, { sender: 'ipc internals' }, 'online');
    unsubscribe();
    ipc.emitter.emit(IPC.shellEvent, { sender: 'ipc internals' }, 'resume');

    expect(received).toEqual([['resume'], ['online']]);
    expect(ipc.emitter.listenerCount(IPC.shellEvent)).toBe(0);
  });

  it('ignores shell events it does not know', () => {
    const ipc = fakeIpcRenderer();
    const listener = vi.fn<(event: ShellEvent) => void>();
    createBridge(ipc).onShellEvent(listener);
    ipc.emitter.emit(IPC.shellEvent, {}, 'format-disk');
    ipc.emitter.emit(IPC.shellEvent, {}, { event: 'resume' });
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('preload.ts', () => {
  afterEach(() => {
    vi.doUnmock('electron');
    vi.resetModules();
  });

  it('exposes exactly one object, window.kindred, with only the bridge methods', async () => {
    // The real preload entry imports `electron`, which needs the binary; a mock stands in.
    const exposeInMainWorld = vi.fn();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld },
      ipcRenderer: fakeIpcRenderer(),
    }));
    await import('./preload');
    expect(exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = exposeInMainWorld.mock.calls[0] ?? [];
    expect(name).toBe('kindred');
    expect(Object.keys(api as object).sort()).toEqual(BRIDGE_METHODS);
  });
});
