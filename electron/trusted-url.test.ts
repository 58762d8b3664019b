import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isTrustedAppUrl } from './trusted-url';

describe('isTrustedAppUrl', () => {
  it.each([
    'app://kindred/index.html',
    'app://kindred/',
    'app://kindred',
    'app://kindred/communities/abc?tab=threads#top',
    APP_ENTRY_URL,
  ])('trusts the app origin: %s', (url) => {
    expect(isTrustedAppUrl(url)).toBe(true);
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['a host that merely starts with ours', 'app://kindred.evil.example/'],
    ['credentials that make another host look like ours', 'app://kindred@evil/'],
    ['credentials on our host', 'app://user:pw@kindred/'],
    ['a port', 'app://kindred:8080/'],
    ['https', 'https://kindred/'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['devtools', 'devtools://devtools/bundled/inspector.html'],
    ['a relative path', '/index.html'],
    ['the empty string', ''],
    ['garbage', 'not a url'],
    ['an absurdly long URL', `app://kindred/${'a'.repeat(10_000)}`],
  ])('refuses %s', (_name, url) => {
    expect(isTrustedAppUrl(url)).toBe(false);
  });

  it.each([undefined, null, 42, {}, ['app://kindred/'], new URL('app://kindred/')])(
    'refuses a value that is not a string: %s',
    (value) => {
      expect(isTrustedAppUrl(value)).toBe(false);
    },
  );
});
