/**
 * The desktop shell's bridge (`window.kindred`, exposed by the preload script), or a web
 * fallback when the renderer runs in a plain browser (development and tests).
 */
import type { KindredBridge } from '../../../shared/bridge';
import { webFallback } from './web-fallback';

export { isExternalLinkAllowed } from './web-fallback';

declare global {
  interface Window {
    kindred?: KindredBridge;
  }
}

/** True in the desktop app, false in a plain browser (development and tests). */
export function isDesktop(): boolean {
  return window.kindred !== undefined;
}

export function getBridge(): KindredBridge {
  return window.kindred ?? webFallback;
}
