import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  registerAppScheme,
  resolveAppPath,
  serveApp,
} from './app-protocol';

const root = path.resolve('/srv/kindred/dist/renderer');
const inRoot = (...segments: string[]) => path.join(root, ...segments);
const isInsideRoot = (p: string) => p.startsWith(root + path.sep);

describe('resolveAppPath', () => {
  it.each([
    ['app://kindred/index.html', inRoot('index.html')],
    ['app://kindred/assets/index-3f2a.js', inRoot('assets', 'index-3f2a.js')],
    ['app://kindred/assets/font%20name.woff2', inRoot('assets', 'font name.woff2')],
    ['app://kindred/favicon.svg?v=2#x', inRoot('favicon.svg')],
  ])('maps %s to the file inside the app folder', (url, expected) => {
    expect(resolveAppPath(root, url)).toBe(expected);
  });

  it.each([
    'app://kindred',
    'app://kindred/',
    'app://kindred/communities/abc',
    'app://kindred/settings/',
  ])('serves index.html for the client-side route %s', (url) => {
    expect(resolveAppPath(root, url)).toBe(inRoot('index.html'));
  });

  it.each([
    ['encoded slashes around ..', 'app://kindred/assets/..%2f..%2f..%2fetc%2fpasswd'],
    ['encoded dots and slashes', 'app://kindred/assets/%2e%2e%2f%2e%2e%2fsecret.txt'],
    ['an encoded backslash', 'app://kindred/..%5c..%5cwindows%5cwin.ini'],
    ['a raw backslash', 'app://kindred/assets\\..\\..\\secret.txt'],
    ['a null byte', 'app://kindred/index.html%00.png'],
    ['a raw null byte', 'app://kindred/index.html\0.png'],
    ['a drive letter', 'app://kindred/C:/Windows/win.ini'],
    ['malformed percent-encoding', 'app://kindred/%E0%A4%A.js'],
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'file:///etc/passwd'],
    ['an absolute file path', '/etc/passwd'],
    ['a non-string', 42],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it.each([
    'app://kindred/../../../etc/passwd.txt',
    'app://kindred/%2e%2e/%2e%2e/etc/shadow.txt',
    'app://kindred/assets/%2E%2E/%2E%2E/%2E%2E/x.js',
    'app://kindred/%252e%252e/%252e%252e/x.js',
    'app://kindred//etc/passwd.conf',
    'app://kindred/./././x.css',
  ])('never resolves outside the app folder: %s', (url) => {
    const resolved = resolveAppPath(root, url);
    if (resolved !== null) expect(isInsideRoot(resolved)).toBe(true);
  });
});

describe('the app:// request handler', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kindred-app-'));
    await mkdir(path.join(dir, 'renderer', 'assets'), { recursive: true });
    await writeFile(
      path.join(dir, 'renderer', 'index.html'),
      '<!doctype html><title>Kindred</title>',
    );
    await writeFile(path.join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'secret.txt'), 'outside the app folder');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET') =>
    createAppRequestHandler(path.join(dir, 'renderer'))(new Request(url, { method }));

  it('serves index.html with its content type and the CSP', async () => {
    const response = await get('app://kindred/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Kindred</title>');
  });

  it('serves a script as JavaScript', async () => {
    const response = await get('app://kindred/assets/app.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers a reload of a client-side route with the app', async () => {
    const response = await get('app://kindred/communities/abc');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Kindred');
  });

  it('answers HEAD without a body', async () => {
    const response = await get('app://kindred/index.html', 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it.each(['app://kindred/assets/missing.js', 'app://kindred/assets/..%2f..%2fsecret.txt'])(
    'answers 404 for %s, still with the CSP',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).not.toContain('outside the app folder');
    },
  );

  it('answers a folder path with the app, never a listing', async () => {
    const response = await get('app://kindred/assets');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Kindred</title>');
  });

  it('refuses writes', async () => {
    const response = await get('app://kindred/index.html', 'POST');
    expect(response.status).toBe(405);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('never reads a file outside the app folder', async () => {
    const readFile = vi.fn(async () => new Uint8Array());
    const handler = createAppRequestHandler(root, readFile);
    for (const url of [
      'app://kindred/../../secret.txt',
      'app://kindred/%2e%2e/%2e%2e/x.txt',
      'app://kindred/..%2fx.txt',
    ]) {
      await handler(new Request(url));
    }
    for (const [file] of readFile.mock.calls as unknown as [string][])
      expect(isInsideRoot(file)).toBe(true);
  });

  it('turns an unexpected read error into a 500, not a thrown error', async () => {
    const handler = createAppRequestHandler(root, async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    });
    const response = await handler(new Request('app://kindred/index.html'));
    expect(response.status).toBe(500);
  });
});

describe('the content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
  });

  it('locks down objects, base, framing and forms', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives.get('connect-src')).toEqual([
      "'self'",
      'http://127.0.0.1:*',
      'http://localhost:*',
      'https:',
    ]);
  });
});

describe('scheme registration', () => {
  it('registers app:// as a standard, secure scheme with fetch and CORS', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true },
      },
    ]);
  });

  it('handles the app scheme with the file handler', async () => {
    const protocol = { handle: vi.fn() };
    serveApp(protocol, root, async () => new TextEncoder().encode('hi'));
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]?.[1] as (r: Request) => Promise<Response>;
    expect(await (await handler(new Request('app://kindred/index.html'))).text()).toBe('hi');
  });
});
