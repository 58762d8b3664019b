/**
 * The stores the tests run on: a SQLite file in a temp dir, and a fresh PostgreSQL database
 * per opened store (CREATE DATABASE kindred_test_<random>, dropped afterwards).
 *
 * PostgreSQL comes from KINDRED_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres,
 * used only to create and drop the test databases). When it cannot be reached: with CI=true,
 * or KINDRED_TEST_PG set explicitly (.ci/run sets it), every PostgreSQL test fails with the
 * reason; otherwise they are skipped and the reason is printed once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { type OpenStoreOptions, openStore } from '../store/open';
import type { Store } from '../store/types';

export const PG_ADMIN_URL =
  process.env.KINDRED_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** One database (or SQLite file) with the stores opened on it. */
export interface TestDatabase {
  /** the --db value: a file path or a postgres:// URL */
  db: string;
  /** opens one more store (a separate connection or pool) on the same database */
  open(options?: OpenStoreOptions): Promise<Store>;
  /** closes every store opened here and deletes the database */
  drop(): Promise<void>;
}

export interface StoreKind {
  kind: 'sqlite' | 'postgres';
  createDatabase(): Promise<TestDatabase>;
}

function tracking(db: string, remove: () => Promise<void>): TestDatabase {
  const opened: Store[] = [];
  return {
    db,
    async open(options) {
      const store = await openStore(db, { poolSize: 4, ...options });
      opened.push(store);
      return store;
    },
    async drop() {
      // close() twice is harmless: tests often close their own stores
      for (const store of opened) await store.close().catch(() => undefined);
      await remove();
    },
  };
}

export const sqliteKind: StoreKind = {
  kind: 'sqlite',
  async createDatabase() {
    const dir = mkdtempSync(join(tmpdir(), 'kindred-test-'));
    return tracking(join(dir, 'kindred.sqlite'), async () =>
      rmSync(dir, { recursive: true, force: true }),
    );
  },
};

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const postgresKind: StoreKind = {
  kind: 'postgres',
  async createDatabase() {
    const name = `kindred_test_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    return tracking(databaseUrl(name), () =>
      admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
    );
  },
};

/** Why PostgreSQL cannot be used here, or null when it can. */
async function postgresProblem(): Promise<string | null> {
  try {
    await admin((c) => c.query('SELECT 1'));
    return null;
  } catch (err) {
    return `PostgreSQL at ${PG_ADMIN_URL} is not reachable (${(err as Error).message})`;
  }
}

const problem = await postgresProblem();
const required = process.env.CI === 'true' || process.env.KINDRED_TEST_PG !== undefined;
if (problem && !required) {
  console.warn(`Skipping the PostgreSQL tests: ${problem}. Set KINDRED_TEST_PG to run them.`);
}

/** In CI a missing database fails every test that needs one, with the reason. */
const failingPostgres: StoreKind = {
  kind: 'postgres',
  createDatabase: () =>
    Promise.reject(new Error(`PostgreSQL is required here (CI or KINDRED_TEST_PG): ${problem}`)),
};

/** PostgreSQL when it can run here (or must, in CI); for the PostgreSQL-only tests. */
export const POSTGRES: StoreKind[] = problem ? (required ? [failingPostgres] : []) : [postgresKind];

/** Every store the contract and HTTP tests run on, for describe.each. */
export const STORES: StoreKind[] = [sqliteKind, ...POSTGRES];

/**
 * describe.each over POSTGRES for the PostgreSQL-only tests; when PostgreSQL is skipped here,
 * the suite is still declared (as skipped), so the file reports its tests as skipped.
 */
export function describePostgres(title: string, body: (kind: StoreKind) => void): void {
  if (POSTGRES.length === 0) describe.skip(title, () => body(postgresKind));
  else describe.each(POSTGRES)(title, body);
}
