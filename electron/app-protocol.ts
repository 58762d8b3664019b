import { readFile as fsReadFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { APP_SCHEME } from '../shared/bridge';
import { parseTrustedAppUrl } from './trusted-url';

/**
 * Sent with every response of the app scheme. No 'unsafe-eval' (RxDB validates with z-schema,
 * not Ajv); connect-src allows the sync server on https and a local one during development.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' http://127.0.0.1:* http://localhost:* https:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const INDEX_HTML = 'index.html';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps a request URL of the app scheme to a file inside `root`, or null when the URL is not
 * ours or its path could leave `root` in any spelling (`..`, `%2e%2e`, backslashes, NUL).
 * A path whose last segment has no extension is a client-side route and gets index.html, so
 * reloading `app://kindred/communities/abc` shows the app rather than a 404.
 */
export function resolveAppPath(root: string, requestUrl: unknown): string | null {
  const url = parseTrustedAppUrl(requestUrl);
  if (url === null) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..' || segment.includes(':'))) {
    return null;
  }
  const base = path.resolve(root);
  const last = segments.at(-1);
  if (last === undefined || !last.includes('.')) return path.join(base, INDEX_HTML);
  const resolved = path.resolve(base, ...segments);
  // The invariant the checks above exist for, stated once more where it matters.
  const relative = path.relative(base, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return resolved;
}

export type ReadFile = (absolutePath: string) => Promise<Uint8Array>;

function respond(status: number, body: BodyInit | null, contentType: string): Response {
  return new Response(body, {
    status,
    headers: {
      'Content-Type': contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

const TEXT = 'text/plain; charset=utf-8';

/** The `protocol.handle` handler serving the built renderer from `root`. Never throws. */
export function createAppRequestHandler(
  root: string,
  readFile: ReadFile = fsReadFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(405, 'Method Not Allowed', TEXT);
    }
    const filePath = resolveAppPath(root, request.url);
    if (filePath === null) return respond(404, 'Not Found', TEXT);
    let content: Uint8Array;
    try {
      content = await readFile(filePath);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      const missing = code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
      return missing ? respond(404, 'Not Found', TEXT) : respond(500, 'Internal Error', TEXT);
    }
    const body = request.method === 'HEAD' ? null : new Uint8Array(content);
    return respond(200, body, contentTypeFor(filePath));
  };
}

/** Must run before the app is ready: privileges cannot be granted to a scheme afterwards. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origin (stable IndexedDB) and relative URLs; secure: treated like https.
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
    },
  ]);
}

export function serveApp(
  protocol: Pick<Protocol, 'handle'>,
  root: string,
  readFile?: ReadFile,
): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(root, readFile));
}
