import { describe, expect, it, vi } from 'vitest';
import { openExternal, parseExternalUrl } from './external-links';

function fakeShell(impl: (url: string) => Promise<void> = async () => undefined) {
  return { openExternal: vi.fn(impl) };
}

describe('openExternal', () => {
  it('opens a well-formed https link in the system browser', async () => {
    const shell = fakeShell();
    const result = await openExternal('https://example.org/trials?q=1', shell);
    expect(result).toEqual({ ok: true, value: undefined });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/trials?q=1');
  });

  it('passes the normalized URL, not the raw string', async () => {
    const shell = fakeShell();
    await openExternal('HTTPS://Example.ORG/a b', shell);
    expect(shell.openExternal).toHaveBeenCalledWith('https://example.org/a%20b');
  });

  it.each([
    ['http', 'http://example.org/'],
    ['javascript', 'javascript:alert(1)'],
    ['file', 'file:///etc/passwd'],
    ['file on windows', 'file://C:/Windows/System32/calc.exe'],
    ['smb', 'smb://server/share'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['data', 'data:text/html,hi'],
    ['our own scheme', 'app://kindred/index.html'],
    ['credentials hiding the real host', 'https://bank.example@evil.example/'],
    ['malformed', 'https://'],
    ['not a url', 'example.org'],
    ['the empty string', ''],
  ])('refuses %s', async (_name, url) => {
    const shell = fakeShell();
    expect(await openExternal(url, shell)).toEqual({ ok: false, error: 'invalid-argument' });
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it.each([undefined, null, 1, {}, ['https://example.org/']])(
    'refuses a non-string: %s',
    async (value) => {
      const shell = fakeShell();
      expect(await openExternal(value, shell)).toEqual({ ok: false, error: 'invalid-argument' });
      expect(shell.openExternal).not.toHaveBeenCalled();
    },
  );

  it('reports the system browser failing as a value instead of throwing', async () => {
    const shell = fakeShell(async () => {
      throw new Error('no handler');
    });
    expect(await openExternal('https://example.org/', shell)).toEqual({
      ok: false,
      error: 'unavailable',
    });
  });

  it('parseExternalUrl returns null for anything but https', () => {
    expect(parseExternalUrl('https://example.org')).toBe('https://example.org/');
    expect(parseExternalUrl('http://example.org')).toBeNull();
  });
});
