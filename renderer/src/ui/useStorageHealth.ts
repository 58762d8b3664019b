import { useEffect, useState } from 'react';

export interface StorageHealth {
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
  /** the disk (the browser's share of it) is nearly full: writing may soon fail */
  nearlyFull: boolean;
}

const CHECK_EVERY_MS = 60_000;
const NEARLY_FULL = 0.9;

/**
 * Asks the browser to keep our data (so it is not evicted under storage pressure) and watches
 * how much space it takes, to warn before writing fails for lack of space.
 */
export function useStorageHealth(): StorageHealth {
  const [health, setHealth] = useState<StorageHealth>({
    persisted: null,
    usageBytes: null,
    quotaBytes: null,
    nearlyFull: false,
  });

  useEffect(() => {
    const storage = navigator.storage;
    if (!storage?.estimate) return;
    let cancelled = false;
    const check = async () => {
      const persisted = storage.persisted ? await storage.persisted() : null;
      const estimate = await storage.estimate();
      if (cancelled) return;
      const usage = estimate.usage ?? null;
      const quota = estimate.quota ?? null;
      setHealth({
        persisted,
        usageBytes: usage,
        quotaBytes: quota,
        nearlyFull: usage !== null && quota !== null && quota > 0 && usage / quota > NEARLY_FULL,
      });
    };
    void (storage.persist ? storage.persist().catch(() => false) : Promise.resolve(false)).then(
      check,
    );
    const timer = setInterval(() => void check(), CHECK_EVERY_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, []);

  return health;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
