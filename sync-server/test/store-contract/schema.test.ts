/**
 * Both stores migrate a new database to the same schema version, with the same tables and
 * columns: one logical schema, two dialects. (Reads the catalogs directly: test-only SQL.)
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION as PG_LATEST } from '../../store/postgres/migrations';
import { LATEST_VERSION as SQLITE_LATEST } from '../../store/sqlite/migrations';
import { POSTGRES, type TestDatabase, sqliteKind } from '../stores';

type Schema = Record<string, string[]>;

async function sqliteSchema(path: string): Promise<{ version: number; tables: Schema }> {
  const db = new Database(path, { readonly: true });
  try {
    const tables: Schema = {};
    // sqlite_sequence is SQLite's own bookkeeping (AUTOINCREMENT), not part of our schema.
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of names) {
      tables[name] = (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[])
        .map((c) => c.name)
        .sort();
    }
    const { v } = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number };
    return { version: v, tables };
  } finally {
    db.close();
  }
}

async function postgresSchema(url: string): Promise<{ version: number; tables: Schema }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'",
    );
    const tables: Schema = {};
    for (const r of rows) (tables[r.table_name] ??= []).push(r.column_name);
    for (const columns of Object.values(tables)) columns.sort();
    const version = await client.query<{ v: number }>(
      'SELECT MAX(version) AS v FROM schema_version',
    );
    return { version: version.rows[0]!.v, tables };
  } finally {
    await client.end();
  }
}

describe.each(POSTGRES)('the schema of both stores', (postgres) => {
  let sqlite: TestDatabase;
  let pgDb: TestDatabase;
  beforeAll(async () => {
    sqlite = await sqliteKind.createDatabase();
    pgDb = await postgres.createDatabase();
    await (await sqlite.open()).close();
    await (await pgDb.open()).close();
  });
  afterAll(async () => {
    await sqlite?.drop();
    await pgDb?.drop();
  });

  it('is at the same version with the same tables and columns', async () => {
    expect(PG_LATEST).toBe(SQLITE_LATEST);
    const a = await sqliteSchema(sqlite.db);
    const b = await postgresSchema(pgDb.db);
    expect(a.version).toBe(SQLITE_LATEST);
    expect(b.version).toBe(PG_LATEST);
    expect(b.tables).toEqual(a.tables);
  });

  it('lets several instances start at once on a new database: one migrates, the others wait', async () => {
    const fresh = await postgres.createDatabase();
    try {
      await Promise.all([fresh.open(), fresh.open(), fresh.open()]);
      expect((await postgresSchema(fresh.db)).version).toBe(PG_LATEST);
    } finally {
      await fresh.drop();
    }
  });
});
