import type { Store } from './types';
import { openSqliteStore } from './sqlite';

/** Thrown for a store that is planned but not built yet (PostgreSQL). */
export class StoreNotSupportedError extends Error {}

/**
 * Opens the store a `--db` value names: a SQLite file path, ':memory:', or (later) a
 * postgres:// URL.
 */
export async function openStore(db: string, now: () => number = Date.now): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new StoreNotSupportedError(
      'PostgreSQL storage is not supported yet: use a SQLite file path or :memory:',
    );
  }
  return openSqliteStore({ path: db, now });
}
