/**
 * The bridge in a plain browser (development and tests): the same contract as the desktop
 * shell, doing what a web page can and answering `unavailable` for the rest.
 */
import {
  type KindredBridge,
  type OpenThreadTarget,
  type ShellEvent,
  isBadgeCount,
  isSecretName,
  notificationText,
  parseNotifyRequest,
  parseSaveFileRequest,
} from '../../../shared/bridge';
import { downloadText } from './web-download';

/** Only well-formed https: links ever leave the app. */
export function isExternalLinkAllowed(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

const ok = { ok: true, value: undefined } as const;
const unavailable = { ok: false, error: 'unavailable' } as const;
const invalid = { ok: false, error: 'invalid-argument' } as const;

const openThreadListeners = new Set<(target: OpenThreadTarget) => void>();

/**
 * A page may show notifications only if the user granted it before; we never ask from here
 * (a permission prompt out of the blue is the UI's decision). The words are the shell's own.
 */
function showWebNotification(request: unknown): boolean {
  const parsed = parseNotifyRequest(request);
  if (parsed === null) return false;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return false;
  const { title, body } = notificationText(parsed);
  const notification = new Notification(title, { body });
  notification.onclick = () => {
    window.focus();
    for (const listener of openThreadListeners) listener({ threadId: parsed.threadId });
  };
  return true;
}

export const webFallback: KindredBridge = {
  async appInfo() {
    return { version: 'web', platform: 'other' };
  },
  async openExternal(url) {
    if (!isExternalLinkAllowed(url)) return { ok: false, error: 'not-allowed' };
    window.open(url, '_blank', 'noopener,noreferrer');
    return ok;
  },
  // In a browser only the session token has a home (localStorage, development and tests only);
  // the sealing key is kept as a non-extractable CryptoKey instead (see crypto/key-store.ts).
  async getSecret(name) {
    if (!isSecretName(name)) return invalid;
    if (!name.startsWith('session:')) return unavailable;
    return { ok: true, value: localStorage.getItem(`kindred.secret.${name}`) };
  },
  async setSecret(name, value) {
    if (!isSecretName(name) || typeof value !== 'string') return invalid;
    if (!name.startsWith('session:')) return unavailable;
    localStorage.setItem(`kindred.secret.${name}`, value);
    return ok;
  },
  async deleteSecret(name) {
    if (!isSecretName(name)) return invalid;
    localStorage.removeItem(`kindred.secret.${name}`);
    return ok;
  },
  onShellEvent(listener: (event: ShellEvent) => void) {
    const onOnline = () => listener('online');
    window.addEventListener('online', onOnline);
    return () => window.removeEventListener('online', onOnline);
  },
  async notify(request) {
    if (parseNotifyRequest(request) === null) return invalid;
    return showWebNotification(request) ? ok : unavailable;
  },
  onOpenThread(listener) {
    openThreadListeners.add(listener);
    return () => void openThreadListeners.delete(listener);
  },
  // A page has no dock icon: the badge is the shell's; nothing to do and nothing to report.
  async setBadgeCount(count) {
    return isBadgeCount(count) ? ok : invalid;
  },
  async getOpenAtLogin() {
    return unavailable;
  },
  async setOpenAtLogin() {
    return unavailable;
  },
  // The app lock needs a process the page cannot reach into: desktop only.
  async lockStatus() {
    return unavailable;
  },
  async setLockPasscode() {
    return unavailable;
  },
  async unlock() {
    return unavailable;
  },
  async lock() {
    return unavailable;
  },
  onLockChange() {
    return () => undefined;
  },
  // No save dialog a page can open: the browser's download takes its place.
  async saveFile(request) {
    const parsed = parseSaveFileRequest(request);
    if (parsed === null) return invalid;
    downloadText(parsed.suggestedName, parsed.text);
    return { ok: true, value: 'saved' };
  },
};
