import { APP_HOST, APP_ORIGIN, APP_SCHEME } from '../shared/bridge';

/** The page the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

// Longer than any URL the renderer has a reason to produce; bounds the parser's work.
const MAX_URL_LENGTH = 8192;

/** Parses `value` as a URL, or returns null for anything that is not a reasonable URL string. */
export function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_URL_LENGTH) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True only for URLs of the app's own origin (`app://kindred/...`): the renderer we ship.
 * No credentials, no port, exactly our host. Everything else, including a missing or
 * non-string value, is untrusted.
 */
export function isTrustedAppUrl(value: unknown): boolean {
  return parseTrustedAppUrl(value) !== null;
}

/** The parsed URL when `value` passes {@link isTrustedAppUrl}, else null. */
export function parseTrustedAppUrl(value: unknown): URL | null {
  const url = parseUrl(value);
  if (url === null) return null;
  const trusted =
    url.protocol === `${APP_SCHEME}:` &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === '';
  return trusted ? url : null;
}
