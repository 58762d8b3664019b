import type { Database } from 'better-sqlite3';
import { up as v1 } from './001-initial';
import { up as v2 } from './002-channels-and-audit';
import { up as v3 } from './003-rate-limits';
import { up as v4 } from './004-member-counts';

/** Append only: one function per schema version, never edited once released. */
const MIGRATIONS: { version: number; up: (db: Database) => void }[] = [
  { version: 1, up: v1 },
  { version: 2, up: v2 },
  { version: 3, up: v3 },
  { version: 4, up: v4 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/**
 * Brings the database to `target` (default: the latest version) in place; each step commits on
 * its own, so an interrupted upgrade resumes at the step that did not finish.
 */
export function migrate(db: Database, now: number, target: number = LATEST_VERSION): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at INTEGER NOT NULL
  )`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as {
    v: number | null;
  };
  const current = row.v ?? 0;
  if (current > LATEST_VERSION) {
    throw new Error(
      `database schema version ${current} is newer than this server (${LATEST_VERSION})`,
    );
  }
  for (const m of MIGRATIONS) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(
        m.version,
        now,
      );
    }).immediate();
  }
}

/** The version a database is at (0 for a new file). */
export function schemaVersion(db: Database): number {
  const exists = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!exists) return 0;
  return (
    (db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null }).v ??
    0
  );
}
