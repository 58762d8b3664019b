/**
 * The desktop shell's bridge (`window.kindred`, exposed by the preload script), or a web
 * fallback when the renderer runs in a plain browser (development and tests).
 */
import type { KindredBridge, ShellEvent } from '../../../shared/bridge';

declare global {
  interface Window {
    kindred?: KindredBridge;
  }
}

/** Only well-formed https: links ever leave the app. */
export function isExternalLinkAllowed(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

const webFallback: KindredBridge = {
  async appInfo() {
    return { version: 'web', platform: 'other' };
  },
  async openExternal(url) {
    if (!isExternalLinkAllowed(url)) return { ok: false, error: 'not-allowed' };
    window.open(url, '_blank', 'noopener,noreferrer');
    return { ok: true, value: undefined };
  },
  onShellEvent(listener: (event: ShellEvent) => void) {
    const onOnline = () => listener('online');
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  },
};

export function getBridge(): KindredBridge {
  return window.kindred ?? webFallback;
}
