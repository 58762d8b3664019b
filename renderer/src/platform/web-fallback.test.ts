import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webFallback } from './web-fallback';

const shown: { title: string; body: string | undefined; onclick: (() => void) | null }[] = [];

function stubBrowser(permission: NotificationPermission) {
  class FakeNotification {
    static permission = permission;
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      shown.push(Object.assign(this, { title, body: options?.body }));
    }
  }
  vi.stubGlobal('Notification', FakeNotification);
  vi.stubGlobal('window', { focus: vi.fn() });
}

beforeEach(() => {
  shown.length = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const request = { kind: 'reply', communityName: 'Lung cancer', threadId: 't1' } as const;

describe('the web fallback', () => {
  it('notifies with the composed words when permission was granted; a click opens the thread', async () => {
    stubBrowser('granted');
    const opened: string[] = [];
    const stop = webFallback.onOpenThread(({ threadId }) => opened.push(threadId));
    expect(await webFallback.notify(request)).toEqual({ ok: true, value: undefined });
    expect(shown).toMatchObject([{ title: 'Kindred', body: 'New reply in Lung cancer' }]);
    shown[0]?.onclick?.();
    expect(opened).toEqual(['t1']);
    stop();
  });

  it('does nothing (and never asks) without permission, or where there are no notifications', async () => {
    stubBrowser('default');
    expect(await webFallback.notify(request)).toEqual({ ok: false, error: 'unavailable' });
    vi.unstubAllGlobals();
    vi.stubGlobal('window', {});
    expect(await webFallback.notify(request)).toEqual({ ok: false, error: 'unavailable' });
    expect(shown).toHaveLength(0);
  });

  it('refuses a request carrying text of its own', async () => {
    stubBrowser('granted');
    const withBody = { ...request, body: 'my scan results' } as unknown as typeof request;
    expect(await webFallback.notify(withBody)).toEqual({ ok: false, error: 'invalid-argument' });
    expect(shown).toHaveLength(0);
  });

  it('badge: accepted and ignored; open at login and the app lock: unavailable', async () => {
    expect(await webFallback.setBadgeCount(3)).toEqual({ ok: true, value: undefined });
    expect(await webFallback.setBadgeCount(-1)).toEqual({ ok: false, error: 'invalid-argument' });
    const unavailable = { ok: false, error: 'unavailable' };
    expect(await webFallback.getOpenAtLogin()).toEqual(unavailable);
    expect(await webFallback.setOpenAtLogin(true)).toEqual(unavailable);
    expect(await webFallback.lockStatus()).toEqual(unavailable);
    expect(await webFallback.setLockPasscode({ current: null, next: '2468' })).toEqual(unavailable);
    expect(await webFallback.unlock('2468')).toEqual(unavailable);
    expect(await webFallback.lock()).toEqual(unavailable);
    expect(typeof webFallback.onLockChange(() => undefined)).toBe('function');
  });
});

describe('saving a file in the browser', () => {
  function stubDocument() {
    const links: { href: string; download: string; clicked: boolean }[] = [];
    const blobs: Blob[] = [];
    vi.stubGlobal('document', {
      createElement: () => {
        const link = {
          href: '',
          download: '',
          clicked: false,
          click() {
            link.clicked = true;
          },
          remove: vi.fn(),
        };
        links.push(link);
        return link;
      },
      body: { append: vi.fn() },
    });
    vi.stubGlobal('URL', {
      createObjectURL: (blob: Blob) => {
        blobs.push(blob);
        return 'blob:kindred/1';
      },
      revokeObjectURL: vi.fn(),
    });
    return { links, blobs };
  }

  it('downloads the text under the suggested name (the <a download> path)', async () => {
    const { links, blobs } = stubDocument();
    const result = await webFallback.saveFile({
      suggestedName: 'kindred-journal.md',
      text: '# My journal',
      filters: [{ name: 'Markdown', extensions: ['md'] }],
    });
    expect(result).toEqual({ ok: true, value: 'saved' });
    expect(links).toEqual([
      expect.objectContaining({
        href: 'blob:kindred/1',
        download: 'kindred-journal.md',
        clicked: true,
      }),
    ]);
    expect(await blobs[0]?.text()).toBe('# My journal');
    expect(blobs[0]?.type).toBe('text/markdown;charset=utf-8');
  });

  it('refuses a name that is a path, and downloads nothing', async () => {
    const { links } = stubDocument();
    const result = await webFallback.saveFile({
      suggestedName: '../journal.md',
      text: '# My journal',
      filters: [],
    });
    expect(result).toEqual({ ok: false, error: 'invalid-argument' });
    expect(links).toEqual([]);
  });
});
