import type { HandlerDetails, Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { FakeEvent, FakeWebContents } from './fakes';
import {
  guardWebContents,
  handleWindowOpen,
  installPermissionHandlers,
  isPermissionAllowed,
} from './security';

function guarded() {
  const contents = new FakeWebContents();
  const openExternalUrl = vi.fn();
  guardWebContents(contents.asWebContents(), openExternalUrl);
  return { contents, openExternalUrl };
}

const openDetails = (url: string) =>
  ({ url, frameName: '', features: '', disposition: 'foreground-tab' }) as HandlerDetails;

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)(
    '%s within the app is allowed',
    (event) => {
      expect(guarded().contents.navigate(event, 'app://kindred/communities/abc')).toBe(false);
    },
  );

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'] as const)(
    '%s to anywhere else is stopped',
    (event) => {
      const { contents, openExternalUrl } = guarded();
      for (const url of [
        'https://evil.example/',
        'http://127.0.0.1:3000/',
        'file:///etc/passwd',
        'app://evil/',
        'javascript:alert(1)',
        'about:blank',
      ]) {
        expect(contents.navigate(event, url)).toBe(true);
      }
      // Being navigated somewhere is not the user asking to open a link.
      expect(openExternalUrl).not.toHaveBeenCalled();
    },
  );

  it('refuses to attach a <webview>', () => {
    const { contents } = guarded();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('window.open and target=_blank', () => {
  it('never opens a window, and sends an https link to the system browser', () => {
    const { contents, openExternalUrl } = guarded();
    expect(contents.windowOpenHandler?.(openDetails('https://example.org/info'))).toEqual({
      action: 'deny',
    });
    expect(openExternalUrl).toHaveBeenCalledExactlyOnceWith('https://example.org/info');
  });

  it.each([
    'http://example.org/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://kindred/index.html',
    'about:blank',
    '',
  ])('denies %s without opening anything', (url) => {
    const openExternalUrl = vi.fn();
    expect(handleWindowOpen(url, openExternalUrl)).toEqual({ action: 'deny' });
    expect(openExternalUrl).not.toHaveBeenCalled();
  });
});

describe('permissions', () => {
  it('allows notifications for the app', () => {
    expect(isPermissionAllowed('notifications', 'app://kindred/index.html')).toBe(true);
    expect(isPermissionAllowed('notifications', 'app://kindred')).toBe(true);
  });

  it('lets the app keep its data from being evicted (navigator.storage.persist)', () => {
    expect(isPermissionAllowed('persistent-storage', 'app://kindred/index.html')).toBe(true);
    expect(isPermissionAllowed('persistent-storage', 'app://kindred')).toBe(true);
  });

  it('refuses persistent storage for any other origin', () => {
    for (const origin of ['https://evil.example', 'http://127.0.0.1:3000', 'app://evil', '']) {
      expect(isPermissionAllowed('persistent-storage', origin)).toBe(false);
    }
  });

  it('refuses notifications for any other origin', () => {
    expect(isPermissionAllowed('notifications', 'https://evil.example')).toBe(false);
    expect(isPermissionAllowed('notifications', '')).toBe(false);
    expect(isPermissionAllowed('notifications', undefined)).toBe(false);
  });

  it.each([
    'media',
    'geolocation',
    'clipboard-read',
    'openExternal',
    'fullscreen',
    'storage-access',
    'top-level-storage-access',
    'hid',
    'usb',
    'serial',
    'unknown',
    42,
  ])('refuses %s, even for the app', (permission) => {
    expect(isPermissionAllowed(permission, 'app://kindred/index.html')).toBe(false);
  });

  it('installs a request handler and a check handler that agree', () => {
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    installPermissionHandlers(session as unknown as Session);
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0];
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0];

    const ask = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      request(null, permission, callback, { requestingUrl, isMainFrame: true });
      return callback.mock.calls[0]?.[0];
    };
    expect(ask('notifications', 'app://kindred/index.html')).toBe(true);
    expect(ask('media', 'app://kindred/index.html')).toBe(false);
    expect(ask('notifications', 'https://evil.example/')).toBe(false);
    expect(ask('persistent-storage', 'app://kindred/index.html')).toBe(true);
    expect(ask('persistent-storage', 'https://evil.example/')).toBe(false);

    expect(check(null, 'notifications', 'app://kindred', {})).toBe(true);
    expect(check(null, 'geolocation', 'app://kindred', {})).toBe(false);
    expect(check(null, 'notifications', 'https://evil.example', {})).toBe(false);
    // navigator.storage.persisted() is answered by the check handler.
    expect(check(null, 'persistent-storage', 'app://kindred', {})).toBe(true);
    expect(check(null, 'persistent-storage', 'https://evil.example', {})).toBe(false);
  });
});
