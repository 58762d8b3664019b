import type { Session, WebContents } from 'electron';
import { parseExternalUrl } from './external-links';
import { isTrustedAppUrl, parseTrustedAppUrl } from './trusted-url';

export { isTrustedAppUrl } from './trusted-url';
export { resolveAppPath } from './app-protocol';

/**
 * The only permissions the renderer may hold: showing notifications (new replies), and
 * 'persistent-storage', which `navigator.storage.persist()` asks for so that Chromium never
 * evicts the local database (drafts and posts waiting to send) under storage pressure.
 * Nothing else: 'storage-access' and 'top-level-storage-access' are about third-party cookies,
 * which the app has no use for.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications', 'persistent-storage']);

/** A permission is granted only if it is allowed AND asked for by our own origin. */
export function isPermissionAllowed(permission: unknown, requestingUrl: unknown): boolean {
  return (
    typeof permission === 'string' &&
    ALLOWED_PERMISSIONS.has(permission) &&
    // Permission checks report an origin (`app://kindred`), requests a full URL.
    parseTrustedAppUrl(requestingUrl) !== null
  );
}

/** A page may only navigate within the app; anything else is stopped. */
export function isNavigationAllowed(url: unknown): boolean {
  return isTrustedAppUrl(url);
}

export type OpenExternalUrl = (url: string) => unknown;

/**
 * The app never opens a second window. A link the user activates (`target=_blank`,
 * `window.open`) to an https: page goes to the system browser; anything else is dropped.
 */
export function handleWindowOpen(
  url: unknown,
  openExternalUrl: OpenExternalUrl,
): { action: 'deny' } {
  const external = parseExternalUrl(url);
  if (external !== null) openExternalUrl(external);
  return { action: 'deny' };
}

type Preventable = { preventDefault(): void };

/**
 * Locks down one WebContents: no navigation or redirect away from the app, no new windows,
 * no <webview>. Applied to every WebContents the app creates (`web-contents-created`).
 */
export function guardWebContents(contents: WebContents, openExternalUrl: OpenExternalUrl): void {
  const stopUntrusted = (event: Preventable, url: string) => {
    if (!isNavigationAllowed(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => stopUntrusted(event, event.url));
  contents.on('will-frame-navigate', (event) => stopUntrusted(event, event.url));
  contents.on('will-redirect', (event) => stopUntrusted(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => handleWindowOpen(details.url, openExternalUrl));
}

/** Denies every permission but those above for our own origin, both when asked and checked. */
export function installPermissionHandlers(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin),
  );
}
