/**
 * The signed-in account: which server, which user, and the session token.
 *
 * Who the user is lives in localStorage; the token itself is a secret: the desktop app keeps it
 * with the OS keychain through the shell (Electron safeStorage), never in the page's storage.
 * (In a plain browser — development and tests — the web fallback keeps it in localStorage.)
 * The server URL chosen at sign-in is remembered per username.
 */
import type { KindredBridge } from '../../../shared/bridge';
import { DEFAULT_SERVER_URL } from '../../../shared/protocol';

export interface Session {
  serverUrl: string;
  userId: string;
  username: string;
  displayName: string;
  token: string;
}

const SESSION_KEY = 'kindred.session';
const SERVERS_KEY = 'kindred.serverByUsername';

type StoredAccount = Omit<Session, 'token'>;

/** The key under which the shell keeps this account's token: `[a-z0-9._-]`, stable. */
export function accountKeyOf(account: Pick<Session, 'serverUrl' | 'userId'>): string {
  const server = account.serverUrl.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
  return `${server}.${account.userId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 120);
}

function readAccount(): StoredAccount | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredAccount>;
    if (
      typeof value.serverUrl === 'string' &&
      typeof value.userId === 'string' &&
      typeof value.username === 'string' &&
      typeof value.displayName === 'string'
    ) {
      return {
        serverUrl: value.serverUrl,
        userId: value.userId,
        username: value.username,
        displayName: value.displayName,
      };
    }
  } catch {
    // A damaged entry means signing in again; nothing else depends on it.
  }
  return null;
}

export async function loadSession(bridge: KindredBridge): Promise<Session | null> {
  const account = readAccount();
  if (!account) return null;
  const token = await bridge.getSecret(`session:${accountKeyOf(account)}`);
  return token.ok && token.value ? { ...account, token: token.value } : null;
}

export async function saveSession(bridge: KindredBridge, session: Session): Promise<void> {
  const { token, ...account } = session;
  // If the keychain refuses, the session lasts until the app closes: better than a token on disk.
  await bridge.setSecret(`session:${accountKeyOf(account)}`, token);
  localStorage.setItem(SESSION_KEY, JSON.stringify(account));
  const servers = readServers();
  servers[session.username.toLowerCase()] = session.serverUrl;
  localStorage.setItem(SERVERS_KEY, JSON.stringify(servers));
}

export async function clearSession(bridge: KindredBridge): Promise<void> {
  const account = readAccount();
  if (account) await bridge.deleteSecret(`session:${accountKeyOf(account)}`);
  localStorage.removeItem(SESSION_KEY);
}

/** The server this username used last time, or the local default. */
export function rememberedServerFor(username: string): string {
  return readServers()[username.trim().toLowerCase()] ?? DEFAULT_SERVER_URL;
}

function readServers(): Record<string, string> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(SERVERS_KEY) ?? '{}');
    return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Accepts `host:port` or a full URL; returns a normalized http(s) origin or null. */
export function normalizeServerUrl(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}
