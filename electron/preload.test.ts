import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC, type KindredBridge, type LockStatus, type ShellEvent } from '../shared/bridge';
import { createBridge } from './preload-bridge';

// A record over keyof KindredBridge: adding a bridge method without listing it fails to compile.
const METHODS: Record<keyof KindredBridge, true> = {
  appInfo: true,
  openExternal: true,
  getSecret: true,
  setSecret: true,
  deleteSecret: true,
  onShellEvent: true,
  notify: true,
  onOpenThread: true,
  setBadgeCount: true,
  getOpenAtLogin: true,
  setOpenAtLogin: true,
  lockStatus: true,
  setLockPasscode: true,
  unlock: true,
  lock: true,
  onLockChange: true,
  saveFile: true,
};
const BRIDGE_METHODS = Object.keys(METHODS).sort();

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

describe('the preload bridge, new methods', () => {
  it.each([
    ['getSecret', IPC.getSecret, ['session:alice']],
    ['setSecret', IPC.setSecret, ['session:alice', 'tok']],
    ['deleteSecret', IPC.deleteSecret, ['session:alice']],
    ['notify', IPC.notify, [{ kind: 'reply', communityName: 'Lung cancer', threadId: 't1' }]],
    ['setBadgeCount', IPC.setBadgeCount, [3]],
    ['getOpenAtLogin', IPC.getOpenAtLogin, []],
    ['setOpenAtLogin', IPC.setOpenAtLogin, [true]],
    ['lockStatus', IPC.lockStatus, []],
    ['setLockPasscode', IPC.setLockPasscode, [{ current: '2468', next: null }]],
    ['unlock', IPC.unlock, ['1234']],
    ['lock', IPC.lock, []],
    ['saveFile', IPC.saveFile, [{ suggestedName: 'journal.md', text: '# Journal', filters: [] }]],
  ] as const)(
    '%s calls its own channel and passes the result on',
    async (method, channel, args) => {
      const answer = { ok: true, value: 'x' };
      const ipc = fakeIpcRenderer({ [channel]: answer });
      const bridge = createBridge(ipc) as unknown as Record<string, (...a: unknown[]) => unknown>;
      expect(await bridge[method]?.(...args)).toEqual(answer);
      expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(channel, ...args);
    },
  );

  it('turns a malformed answer from the main process into unavailable', async () => {
    const ipc = fakeIpcRenderer({ [IPC.getSecret]: 'garbage' });
    expect(await createBridge(ipc).getSecret('session:alice')).toEqual({
      ok: false,
      error: 'unavailable',
    });
  });

  it('delivers lock changes and thread openings of the right shape only', () => {
    const ipc = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    const statuses: LockStatus[] = [];
    const threads: string[] = [];
    bridge.onLockChange((status) => statuses.push(status));
    const stop = bridge.onOpenThread(({ threadId }) => threads.push(threadId));
    const status = { enabled: true, locked: true, failedAttempts: 0, retryInMs: 0 };
    ipc.emitter.emit(IPC.lockChanged, {}, status);
    ipc.emitter.emit(IPC.lockChanged, {}, { locked: 'yes' });
    ipc.emitter.emit(IPC.openThread, {}, { threadId: 't1' });
    ipc.emitter.emit(IPC.openThread, {}, 't2');
    stop();
    ipc.emitter.emit(IPC.openThread, {}, { threadId: 't3' });
    expect(statuses).toEqual([status]);
    expect(threads).toEqual(['t1']);
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
