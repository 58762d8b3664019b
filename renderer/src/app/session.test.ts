import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from './session';

describe('the server address typed at sign-in', () => {
  it('accepts host:port and full URLs, keeping only the origin', () => {
    expect(normalizeServerUrl('127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(normalizeServerUrl(' https://kindred.example.org/api/ ')).toBe(
      'https://kindred.example.org',
    );
  });

  it('refuses what is not an http(s) server', () => {
    expect(normalizeServerUrl('')).toBeNull();
    expect(normalizeServerUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeServerUrl('file:///etc/passwd')).toBeNull();
    expect(normalizeServerUrl('http://')).toBeNull();
  });
});
