import type { Shell } from 'electron';
import type { BridgeResult } from '../shared/bridge';
import { parseUrl } from './trusted-url';

/**
 * The normalized URL if `value` is a well-formed https: link that is safe to hand to the
 * system browser, else null. Credentials are refused: `https://bank.example@evil.example/`
 * reads as one site and opens another.
 */
export function parseExternalUrl(value: unknown): string | null {
  const url = parseUrl(value);
  if (url === null) return null;
  if (url.protocol !== 'https:' || url.hostname === '') return null;
  if (url.username !== '' || url.password !== '') return null;
  return url.href;
}

/** Opens an https: link in the system browser. Never throws; anything else is refused. */
export async function openExternal(
  value: unknown,
  shell: Pick<Shell, 'openExternal'>,
): Promise<BridgeResult<void>> {
  const url = parseExternalUrl(value);
  if (url === null) return { ok: false, error: 'invalid-argument' };
  try {
    await shell.openExternal(url);
    return { ok: true, value: undefined };
  } catch {
    return { ok: false, error: 'unavailable' };
  }
}
