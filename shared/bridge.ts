/**
 * The one object the preload script exposes to the renderer as `window.kindred`.
 * The preload object `satisfies` this interface; the main process parses every argument.
 * In a plain browser (tests, development) `window.kindred` is absent and the renderer uses
 * its web fallback instead.
 */

/** Results across IPC are values, never thrown errors. */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

export type BridgeError =
  | 'invalid-argument'
  | 'not-allowed'
  | 'unavailable'
  /**
   * getSecret: a secret is stored, but this computer's OS key cannot decrypt it (the OS key
   * changed, or the data folder was copied from another computer). Unlike `unavailable`, secure
   * storage works here: storing the secret again (e.g. from a recovery key) replaces it.
   */
  | 'unreadable'
  /** saveFile: the user chose where to save, but the file could not be written there. */
  | 'write-failed';

export interface AppInfo {
  version: string;
  platform: 'darwin' | 'win32' | 'linux' | 'other';
}

/** Events the main process pushes to the renderer. */
export type ShellEvent = 'resume' | 'online' | 'sync-now';

/**
 * Names of secrets the shell keeps with the OS keychain (Electron safeStorage): the session
 * token of an account and the key that seals drafts and the journal.
 * Format: `session:<accountKey>` or `sealing-key:<accountKey>`, accountKey `[a-z0-9._-]{1,120}`.
 */
export type SecretName = `session:${string}` | `sealing-key:${string}`;

export const SECRET_NAME_PATTERN = /^(session|sealing-key):[a-z0-9._-]{1,120}$/;

export function isSecretName(value: unknown): value is SecretName {
  return typeof value === 'string' && SECRET_NAME_PATTERN.test(value);
}

/** A secret's value is bounded so that one call cannot grow the secrets file without limit. */
export const SECRET_VALUE_MAX = 16_384;

/**
 * What the renderer may ask the shell to announce. It never passes text to show: the main
 * process composes the words itself (see `notificationText`), so no post, title or condition
 * from a thread can reach the lock screen or the notification centre.
 */
export interface NotifyRequest {
  kind: 'reply' | 'mention';
  communityName: string;
  /** Where a click on the notification takes the user; never shown. */
  threadId: string;
}

export const NOTIFY_COMMUNITY_NAME_MAX = 60;
const NOTIFY_ID_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/** Parses a notify request: exactly the three known fields, well formed; else null. */
export function parseNotifyRequest(value: unknown): NotifyRequest | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const keys = Object.keys(value).sort();
  if (keys.join(',') !== 'communityName,kind,threadId') return null;
  const { kind, communityName, threadId } = value as Record<string, unknown>;
  if (kind !== 'reply' && kind !== 'mention') return null;
  if (typeof communityName !== 'string' || typeof threadId !== 'string') return null;
  // Bounded before any cleaning work: names are short, a huge string is not a name.
  if (communityName.length > 1_000) return null;
  if (!NOTIFY_ID_PATTERN.test(threadId)) return null;
  if (cleanCommunityName(communityName) === '') return null;
  return { kind, communityName, threadId };
}

/**
 * Control and format characters (line breaks, bidi overrides that could reorder the fixed
 * phrase, zero-width marks) and runs of whitespace collapse to one space; long names are cut.
 */
export function cleanCommunityName(name: string): string {
  const flat = name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
  const chars = [...flat];
  if (chars.length <= NOTIFY_COMMUNITY_NAME_MAX) return flat;
  return `${chars
    .slice(0, NOTIFY_COMMUNITY_NAME_MAX - 1)
    .join('')
    .trimEnd()}…`;
}

/** The only words a notification ever shows: a fixed phrase and the community's name. */
export function notificationText(request: NotifyRequest): { title: string; body: string } {
  const name = cleanCommunityName(request.communityName);
  const body = request.kind === 'reply' ? `New reply in ${name}` : `You were mentioned in ${name}`;
  return { title: 'Kindred', body };
}

/** The unread count on the app icon: a whole number the dock can show. */
export const BADGE_COUNT_MAX = 9999;

export function isBadgeCount(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= BADGE_COUNT_MAX
  );
}

/** Where a clicked notification asks the renderer to go. */
export interface OpenThreadTarget {
  threadId: string;
}

/**
 * The app lock: a passcode the user sets, checked by the main process (which stores only a
 * salted scrypt hash). While `locked`, the renderer shows only the lock screen.
 */
export interface LockStatus {
  /** A passcode is set. */
  enabled: boolean;
  locked: boolean;
  /** Failed attempts since the last unlock; after a few, each attempt must wait. */
  failedAttempts: number;
  /** How long to wait before the next attempt is accepted (0: now). */
  retryInMs: number;
}

/**
 * `wait`: still in back-off, the passcode was not checked. `relocked`: the app was locked
 * again (quick-hide) while the passcode was being checked, so it stays locked; ask again.
 */
export type UnlockResult =
  | { unlocked: true; status: LockStatus }
  | { unlocked: false; reason: 'wrong-passcode' | 'wait' | 'relocked'; status: LockStatus };

/**
 * setLockPasscode: `next` is the new passcode, or null to remove it. While a passcode is set,
 * `current` must be it: the main process checks it, so a page cannot change or drop the lock on
 * its own. With no passcode set yet, `current` is not needed (null).
 */
export interface LockPasscodeChange {
  current: string | null;
  next: string | null;
}

/**
 * `wrong-passcode`: `current` is not the passcode set now; it counts as a wrong try on the lock
 * screen too. `wait`: still in back-off (`status.retryInMs`), so `current` was not checked.
 */
export type LockPasscodeChangeResult =
  | { changed: true; status: LockStatus }
  | { changed: false; reason: 'wrong-passcode' | 'wait'; status: LockStatus };

export const PASSCODE_MIN_LENGTH = 4;
export const PASSCODE_MAX_LENGTH = 128;

/** A passcode the user may set: 4 to 128 characters, not all whitespace. */
export function isPasscode(value: unknown): value is string {
  if (typeof value !== 'string' || value.trim() === '') return false;
  const length = [...value].length;
  return length >= PASSCODE_MIN_LENGTH && length <= PASSCODE_MAX_LENGTH;
}

/** A file type the save dialog offers, e.g. `{ name: 'Markdown', extensions: ['md'] }`. */
export interface SaveFileFilter {
  name: string;
  extensions: string[];
}

/**
 * A text file the user saves through the desktop save dialog (exports of the journal, the
 * recovery key). The name is only a suggestion: the user picks the folder and may rename it.
 */
export interface SaveFileRequest {
  suggestedName: string;
  text: string;
  filters: SaveFileFilter[];
}

/** `cancelled`: the user closed the dialog; nothing was written. */
export type SaveFileOutcome = 'saved' | 'cancelled';

/** Bounded so one call cannot make the main process hold or write without limit. */
export const SAVE_FILE_TEXT_MAX = 50_000_000;
export const SAVE_FILE_FILTERS_MAX = 5;

/**
 * A file name, never a path: no separators, no characters Windows refuses, no control
 * characters, and no leading dot (so never hidden, and never `.` or `..`).
 */
const SAVE_FILE_NAME_PATTERN = /^(?!\.)[^/\\:*?"<>|\p{Cc}\p{Cf}]{1,120}$/u;
const FILTER_NAME_PATTERN = /^[\p{L}\p{N} ._()-]{1,40}$/u;
const EXTENSION_PATTERN = /^[a-z0-9]{1,10}$/i;

function isSaveFileFilter(value: unknown): value is SaveFileFilter {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (Object.keys(value).sort().join(',') !== 'extensions,name') return false;
  const { name, extensions } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    FILTER_NAME_PATTERN.test(name) &&
    Array.isArray(extensions) &&
    extensions.length >= 1 &&
    extensions.length <= 5 &&
    extensions.every((e) => typeof e === 'string' && EXTENSION_PATTERN.test(e))
  );
}

/** Parses a save request: exactly the three known fields, well formed and bounded; else null. */
export function parseSaveFileRequest(value: unknown): SaveFileRequest | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  if (Object.keys(value).sort().join(',') !== 'filters,suggestedName,text') return null;
  const { suggestedName, text, filters } = value as Record<string, unknown>;
  if (typeof suggestedName !== 'string' || !SAVE_FILE_NAME_PATTERN.test(suggestedName)) return null;
  // Leading or trailing spaces make names Windows and the dialogs treat inconsistently.
  if (suggestedName.trim() !== suggestedName) return null;
  if (typeof text !== 'string' || text.length > SAVE_FILE_TEXT_MAX) return null;
  if (!Array.isArray(filters) || filters.length > SAVE_FILE_FILTERS_MAX) return null;
  if (!filters.every(isSaveFileFilter)) return null;
  return {
    suggestedName,
    text,
    filters: filters.map((f) => ({ name: f.name, extensions: [...f.extensions] })),
  };
}

export interface KindredBridge {
  appInfo(): Promise<AppInfo>;
  /**
   * Secrets kept by the main process, encrypted with safeStorage. `get` answers null when the
   * secret was never stored, and `unreadable` when it is stored but this computer's OS key no
   * longer decrypts it (`set` then replaces it). Every call answers `unavailable` where
   * safeStorage has no real backend (e.g. Linux without a keyring): the shell refuses to store
   * secrets in the clear.
   */
  getSecret(name: SecretName): Promise<BridgeResult<string | null>>;
  setSecret(name: SecretName, value: string): Promise<BridgeResult<void>>;
  deleteSecret(name: SecretName): Promise<BridgeResult<void>>;
  /** Opens an https: link in the system browser; anything else is refused. */
  openExternal(url: string): Promise<BridgeResult<void>>;
  /** Subscribes to shell events (wake from sleep, network back); returns an unsubscribe. */
  onShellEvent(listener: (event: ShellEvent) => void): () => void;
  /** Shows a native notification whose words the shell composes itself (no post text). */
  notify(request: NotifyRequest): Promise<BridgeResult<void>>;
  /** A click on a notification: focus is already on the window; open this thread. */
  onOpenThread(listener: (target: OpenThreadTarget) => void): () => void;
  /** Unread count on the dock / launcher icon: an integer 0..9999 (0 clears it). */
  setBadgeCount(count: number): Promise<BridgeResult<void>>;
  /** "Open at login": `unavailable` where the OS has no such setting for the app (Linux). */
  getOpenAtLogin(): Promise<BridgeResult<boolean>>;
  setOpenAtLogin(enabled: boolean): Promise<BridgeResult<void>>;
  lockStatus(): Promise<BridgeResult<LockStatus>>;
  /**
   * Sets, changes or removes the passcode (see LockPasscodeChange); a change or removal needs
   * the current passcode, checked with the lock screen's back-off. `not-allowed` while locked.
   */
  setLockPasscode(change: LockPasscodeChange): Promise<BridgeResult<LockPasscodeChangeResult>>;
  unlock(passcode: string): Promise<BridgeResult<UnlockResult>>;
  /** Locks now (no effect without a passcode). */
  lock(): Promise<BridgeResult<LockStatus>>;
  /** The lock status changed (locked by the shell, unlocked, passcode set or removed). */
  onLockChange(listener: (status: LockStatus) => void): () => void;
  /**
   * Saves a text file where the user chooses: the desktop shows its save dialog and writes the
   * file itself; a browser downloads it (and cannot know whether the user kept it).
   */
  saveFile(request: SaveFileRequest): Promise<BridgeResult<SaveFileOutcome>>;
}

/** IPC channel names, one per bridge method or event. */
export const IPC = {
  appInfo: 'kindred:app-info',
  openExternal: 'kindred:open-external',
  shellEvent: 'kindred:shell-event',
  getSecret: 'kindred:get-secret',
  setSecret: 'kindred:set-secret',
  deleteSecret: 'kindred:delete-secret',
  notify: 'kindred:notify',
  openThread: 'kindred:open-thread',
  setBadgeCount: 'kindred:set-badge-count',
  getOpenAtLogin: 'kindred:get-open-at-login',
  setOpenAtLogin: 'kindred:set-open-at-login',
  lockStatus: 'kindred:lock-status',
  setLockPasscode: 'kindred:set-lock-passcode',
  unlock: 'kindred:unlock',
  lock: 'kindred:lock',
  lockChanged: 'kindred:lock-changed',
  saveFile: 'kindred:save-file',
} as const;

/** The custom privileged scheme the renderer is served from in the desktop app. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'kindred';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
