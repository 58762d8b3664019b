/**
 * Storage health as plain decisions (no React, no browser globals), so they can be tested:
 * is the local database safe from eviction, and is the space for it about to run out?
 */

export interface StorageHealth {
  /** the browser promised not to evict our data; null where it cannot say */
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
  /** the disk (the browser's share of it) is nearly full: writing may soon fail */
  nearlyFull: boolean;
}

export const UNKNOWN_STORAGE_HEALTH: StorageHealth = {
  persisted: null,
  usageBytes: null,
  quotaBytes: null,
  nearlyFull: false,
};

/** Warn once our data takes more than this share of what the browser lets us use... */
export const NEARLY_FULL_SHARE = 0.9;

/**
 * ...or once less than this is left, whatever the share. Chromium reports a quota of at most
 * what we use plus the disk's free space, so when other programs fill the disk the quota shrinks
 * towards our (small) usage while the share we use stays low: a 50 MB database with 100 MB
 * left is only a third of the quota, yet one long first sync or a few hundred drafts away from
 * failing writes. 200 MB is room for a first sync of a busy community plus IndexedDB's own
 * overhead while it compacts, and still a warning the user can act on before anything fails.
 */
export const MIN_FREE_BYTES = 200 * 1024 ** 2;

export function isNearlyFull(usageBytes: number | null, quotaBytes: number | null): boolean {
  if (usageBytes === null || quotaBytes === null || quotaBytes <= 0) return false;
  return usageBytes / quotaBytes > NEARLY_FULL_SHARE || quotaBytes - usageBytes < MIN_FREE_BYTES;
}

/** The part of `navigator.storage` we use (absent methods: an older or stricter browser). */
export type StorageManagerLike = Partial<
  Pick<StorageManager, 'estimate' | 'persist' | 'persisted'>
>;

/** Reads how much space the data takes, how much is left, and whether it is persisted. */
export async function readStorageHealth(storage: StorageManagerLike): Promise<StorageHealth> {
  const persisted = storage.persisted ? await storage.persisted().catch(() => null) : null;
  const estimate = storage.estimate ? await storage.estimate().catch(() => null) : null;
  const usageBytes = estimate?.usage ?? null;
  const quotaBytes = estimate?.quota ?? null;
  return { persisted, usageBytes, quotaBytes, nearlyFull: isNearlyFull(usageBytes, quotaBytes) };
}

/**
 * Asks once to be kept (Chromium grants it to an installed app or, in the desktop app, through
 * the 'persistent-storage' permission), then reads the result: whether the browser said yes is
 * what `persisted` reports, not what `persist()` returned.
 */
export async function requestPersistence(storage: StorageManagerLike): Promise<void> {
  if (storage.persist) await storage.persist().catch(() => false);
}

export const NOT_PERSISTED_TEXT =
  "Kindred's data may be cleared by the browser when space runs low. Anything not yet synced (drafts, posts waiting to send) would be lost with it.";
export const PERSISTED_TEXT =
  "Kindred's data on this device will not be cleared by the browser to make space.";

/** What to tell the user about eviction; null while the browser cannot say. */
export function persistenceText(persisted: boolean | null): string | null {
  if (persisted === null) return null;
  return persisted ? PERSISTED_TEXT : NOT_PERSISTED_TEXT;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
