import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

export { StoreUnavailableError } from './errors';

export interface OpenStoreOptions {
  now?: () => number;
  /** PostgreSQL only: connections per instance (default 10) */
  poolSize?: number;
  /** PostgreSQL only: statements running longer are cancelled (default 10 s) */
  statementTimeoutMs?: number;
  /** PostgreSQL only: giving up on opening a connection (default 5 s) */
  connectTimeoutMs?: number;
  /** PostgreSQL only: where connection-level problems are reported */
  onWarning?: (message: string, err?: unknown) => void;
}

export const isPostgresUrl = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/**
 * Opens the store a `--db` value names, creating or upgrading its schema: a postgres:// URL,
 * or else a SQLite file path or ':memory:'.
 */
export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(db)) return openPostgresStore({ url: db, ...options });
  return openSqliteStore({ path: db, now: options.now });
}
