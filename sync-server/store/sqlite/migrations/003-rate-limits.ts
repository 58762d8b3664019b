import type { Database } from 'better-sqlite3';

/**
 * Version 3: request rate-limit counters move into the store, next to the login failures, so
 * that every instance on one database counts the same hits (see docs/scale-out.md).
 * One row per key (an address or a user), reset in place when its window has passed.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE rate_limits (
      key      TEXT    PRIMARY KEY,
      count    INTEGER NOT NULL,
      reset_at INTEGER NOT NULL
    );
    CREATE INDEX rate_limits_by_reset ON rate_limits (reset_at);
  `);
}
