/**
 * Schema migrations of the PostgreSQL store. Version numbers are shared with the SQLite store
 * (store/sqlite/migrations): a version names one logical schema in both.
 *
 * Several instances may start at once on a new database: a session advisory lock lets one of
 * them migrate while the others wait, then find nothing left to do.
 */
import type pg from 'pg';
import { up as v2 } from './002-baseline';
import { up as v3 } from './003-rate-limits';
import { up as v4 } from './004-member-counts';

/** Append only: one step per schema version, never edited once released. */
const MIGRATIONS: { version: number; sql: string }[] = [
  { version: 2, sql: v2 },
  { version: 3, sql: v3 },
  { version: 4, sql: v4 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Arbitrary, fixed: the advisory lock key that serialises migrations across instances. */
const MIGRATION_LOCK = 4_815_162_342;

/** Brings the database to the latest version; each step commits on its own. */
export async function migrate(client: pg.ClientBase, now: number): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`CREATE TABLE IF NOT EXISTS schema_version (
      version    integer PRIMARY KEY,
      applied_at bigint  NOT NULL
    )`);
    const current = await schemaVersion(client);
    if (current > LATEST_VERSION) {
      throw new Error(
        `database schema version ${current} is newer than this server (${LATEST_VERSION})`,
      );
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [
          m.version,
          now,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

/** The version a database is at (0 when it has no schema yet). */
export async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ v: number | null }>(
    "SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 END AS v",
  );
  if (rows[0]!.v === 0) return 0;
  const max = await client.query<{ v: number | null }>(
    'SELECT MAX(version) AS v FROM schema_version',
  );
  return max.rows[0]!.v ?? 0;
}
