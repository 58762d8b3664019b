/**
 * The signed-in account: which server, which user, and the session token.
 *
 * Kept in localStorage for now (the web fallback); the desktop shell will keep the token with
 * Electron's safeStorage instead. The server URL chosen at sign-in is remembered per username.
 */
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

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Session>;
    if (
      typeof value.serverUrl === 'string' &&
      typeof value.userId === 'string' &&
      typeof value.username === 'string' &&
      typeof value.displayName === 'string' &&
      typeof value.token === 'string'
    ) {
      return value as Session;
    }
  } catch {
    // A damaged entry means signing in again; nothing else depends on it.
  }
  return null;
}

export function saveSession(session: Session): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  const servers = readServers();
  servers[session.username.toLowerCase()] = session.serverUrl;
  localStorage.setItem(SERVERS_KEY, JSON.stringify(servers));
}

export function clearSession(): void {
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
