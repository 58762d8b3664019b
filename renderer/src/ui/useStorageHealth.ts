import { useEffect, useState } from 'react';
import {
  type StorageHealth,
  UNKNOWN_STORAGE_HEALTH,
  readStorageHealth,
  requestPersistence,
} from './storage-health';

export {
  type StorageHealth,
  formatBytes,
  persistenceText,
  NOT_PERSISTED_TEXT,
} from './storage-health';

const CHECK_EVERY_MS = 60_000;

/**
 * Asks the browser to keep our data (so it is not evicted under storage pressure) and watches
 * how much space it takes, to warn before writing fails for lack of space (see storage-health.ts
 * for when that is).
 */
export function useStorageHealth(): StorageHealth {
  const [health, setHealth] = useState<StorageHealth>(UNKNOWN_STORAGE_HEALTH);

  useEffect(() => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage) return;
    let cancelled = false;
    const check = async () => {
      const next = await readStorageHealth(storage);
      if (!cancelled) setHealth(next);
    };
    void requestPersistence(storage).then(check);
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  return health;
}
