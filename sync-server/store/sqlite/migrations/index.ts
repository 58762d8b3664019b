import type { Database } from 'better-sqlite3';
import { up as v1 } from './001-initial';

/** Append only: one function per schema version, never edited once released. */
const MIGRATIONS: { version: number; up: (db: Database) => void }[] = [{ version: 1, up: v1 }];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings the database to the latest version; each step commits on its own. */
export function migrate(db: Database, now: number): void {
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
    if (m.version <= current) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(
        m.version,
        now,
      );
    }).immediate();
  }
}
