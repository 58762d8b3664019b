import { describe, expect, it } from 'vitest';
import { IPC, SAVE_FILE_TEXT_MAX } from '../shared/bridge';
import { APP_PAGE, setUp } from './ipc-fixture';

const NOTIFY = { kind: 'reply', communityName: 'Lung cancer', threadId: 't1' };
const CHANGE = { current: '2468', next: '1357' };
const SAVE = {
  suggestedName: 'kindred-journal.md',
  text: '# Journal',
  filters: [{ name: 'Markdown', extensions: ['md'] }],
};

/** For each new channel: arguments the bridge sends, and arguments it never would. */
const CHANNELS: [string, unknown[], unknown[][]][] = [
  [
    IPC.getSecret,
    ['session:alice'],
    [[], ['password'], ['session:ALICE'], [42], ['session:a', 'x']],
  ],
  [
    IPC.setSecret,
    ['session:alice', 'token'],
    [['session:alice'], ['session:alice', 42], ['other:x', 't'], ['session:a', 'x'.repeat(20_000)]],
  ],
  [IPC.deleteSecret, ['sealing-key:alice'], [[], [null], ['sealing-key:']]],
  [
    IPC.notify,
    [NOTIFY],
    [[], ['New reply'], [{ ...NOTIFY, body: 'my chemo results' }], [{ ...NOTIFY, kind: 'x' }]],
  ],
  [IPC.setBadgeCount, [3], [[], [-1], [1.5], [10_000], ['3'], [Number.NaN], [3, 4]]],
  [IPC.getOpenAtLogin, [], [[true]]],
  [IPC.setOpenAtLogin, [true], [[], ['true'], [1], [true, false]]],
  [IPC.lockStatus, [], [['x']]],
  [
    IPC.setLockPasscode,
    [CHANGE],
    [
      [],
      ['2468'], // the old contract: a new passcode without the current one
      [null],
      [CHANGE, CHANGE],
      [{ next: '1357' }],
      [{ current: '2468' }],
      [{ ...CHANGE, force: true }],
      [{ current: '123', next: '1357' }],
      [{ current: 'x'.repeat(129), next: '1357' }],
      [{ current: '2468', next: '    ' }],
      [{ current: '2468', next: 'x'.repeat(200) }],
      [{ current: 2468, next: null }],
      [{ current: undefined, next: null }],
      [['2468', '1357']],
    ],
  ],
  [IPC.unlock, ['2468'], [[], [''], [2468], [null]]],
  [IPC.lock, [], [[true]]],
  [
    IPC.saveFile,
    [SAVE],
    [
      [],
      ['journal.md', '# Journal'],
      [SAVE, SAVE],
      [{ ...SAVE, suggestedName: '../../.bashrc' }],
      [{ ...SAVE, suggestedName: 'C:\\Users\\ana\\journal.md' }],
      [{ ...SAVE, suggestedName: '/etc/cron.d/x' }],
      [{ ...SAVE, suggestedName: '.profile' }],
      [{ ...SAVE, suggestedName: '' }],
      [{ ...SAVE, suggestedName: 'a\nb.md' }],
      [{ ...SAVE, text: 'x'.repeat(SAVE_FILE_TEXT_MAX + 1) }],
      [{ ...SAVE, text: 42 }],
      [{ ...SAVE, filters: [{ name: 'All', extensions: ['*'] }] }],
      [{ ...SAVE, path: '/tmp/x.md' }],
    ],
  ],
];

function calls(fake: ReturnType<typeof setUp>): number {
  return [
    fake.secrets.get,
    fake.secrets.set,
    fake.secrets.delete,
    fake.notify,
    fake.app.setBadgeCount,
    fake.app.getLoginItemSettings,
    fake.app.setLoginItemSettings,
    fake.lock.status,
    fake.lock.setPasscode,
    fake.lock.unlock,
    fake.lock.lock,
    fake.files.showSaveDialog,
    fake.files.writeFile,
  ].reduce((sum, fn) => sum + fn.mock.calls.length, 0);
}

describe.each(CHANNELS)('the %s handler', (channel, goodArgs, badArgs) => {
  it.each([
    ['another origin', 'https://evil.example/'],
    ['another app host', 'app://evil/index.html'],
    ['a frame with no URL', undefined],
    ['a destroyed frame', null],
  ])('refuses a sender from %s without doing anything', async (_name, senderUrl) => {
    const fake = setUp();
    expect(await fake.invoke(channel, senderUrl, ...goodArgs)).toEqual({
      ok: false,
      error: 'not-allowed',
    });
    expect(calls(fake)).toBe(0);
  });

  it('refuses arguments the bridge never sends, without doing anything', async () => {
    for (const args of badArgs) {
      const fake = setUp();
      expect(await fake.invoke(channel, APP_PAGE, ...args)).toEqual({
        ok: false,
        error: 'invalid-argument',
      });
      expect(calls(fake)).toBe(0);
    }
  });

  it('answers our own page', async () => {
    // macOS: every method exists there.
    const fake = setUp(undefined, 'darwin');
    expect(await fake.invoke(channel, APP_PAGE, ...goodArgs)).toMatchObject({ ok: true });
  });
});

describe('native handlers', () => {
  it('setSecret passes the parsed name and value to the store', async () => {
    const fake = setUp();
    await fake.invoke(IPC.setSecret, APP_PAGE, 'session:alice', 'token');
    expect(fake.secrets.set).toHaveBeenCalledExactlyOnceWith('session:alice', 'token');
  });

  it('the badge count reaches the app; unavailable where the OS refuses it', async () => {
    const fake = setUp();
    await fake.invoke(IPC.setBadgeCount, APP_PAGE, 9999);
    expect(fake.app.setBadgeCount).toHaveBeenCalledExactlyOnceWith(9999);
    fake.app.setBadgeCount.mockReturnValue(false);
    expect(await fake.invoke(IPC.setBadgeCount, APP_PAGE, 0)).toEqual({
      ok: false,
      error: 'unavailable',
    });
  });

  it('notify is unavailable where the OS has no notifications', async () => {
    const fake = setUp();
    fake.notify.mockReturnValue(false);
    expect(await fake.invoke(IPC.notify, APP_PAGE, NOTIFY)).toEqual({
      ok: false,
      error: 'unavailable',
    });
  });

  it('"Open at login" does not exist on Linux, and works where it does', async () => {
    const linux = setUp();
    expect(await linux.invoke(IPC.getOpenAtLogin, APP_PAGE)).toEqual({
      ok: false,
      error: 'unavailable',
    });
    expect(linux.app.getLoginItemSettings).not.toHaveBeenCalled();
    const mac = setUp(undefined, 'darwin');
    expect(await mac.invoke(IPC.getOpenAtLogin, APP_PAGE)).toEqual({ ok: true, value: true });
    expect(await mac.invoke(IPC.setOpenAtLogin, APP_PAGE, false)).toEqual({
      ok: true,
      value: undefined,
    });
    expect(mac.app.setLoginItemSettings).toHaveBeenCalledExactlyOnceWith({ openAtLogin: false });
  });

  it('setLockPasscode passes exactly the parsed change on, first passcode and removal too', async () => {
    const fake = setUp();
    await fake.invoke(IPC.setLockPasscode, APP_PAGE, CHANGE);
    await fake.invoke(IPC.setLockPasscode, APP_PAGE, { current: null, next: '2468' });
    await fake.invoke(IPC.setLockPasscode, APP_PAGE, { current: '2468', next: null });
    expect(fake.lock.setPasscode.mock.calls).toEqual([
      [CHANGE],
      [{ current: null, next: '2468' }],
      [{ current: '2468', next: null }],
    ]);
  });

  it('unlock answers the outcome as a value', async () => {
    const fake = setUp();
    expect(await fake.invoke(IPC.unlock, APP_PAGE, '2468')).toMatchObject({
      ok: true,
      value: { unlocked: true },
    });
  });

  it('a stored secret this computer cannot decrypt reaches the renderer as unreadable, not unavailable', async () => {
    const fake = setUp();
    fake.secrets.get.mockResolvedValueOnce({ ok: false, error: 'unreadable' } as never);
    expect(await fake.invoke(IPC.getSecret, APP_PAGE, 'sealing-key:alice')).toEqual({
      ok: false,
      error: 'unreadable',
    });
  });

  it('a secret store that throws becomes unavailable, never an exception', async () => {
    const fake = setUp();
    fake.secrets.get.mockRejectedValueOnce(new Error('Error while decrypting'));
    expect(await fake.invoke(IPC.getSecret, APP_PAGE, 'session:alice')).toEqual({
      ok: false,
      error: 'unavailable',
    });
  });
});
