/**
 * PostgreSQL implementation of the Store (node-postgres), for several server instances on one
 * database. Same behaviour as the SQLite store, proven by the same contract suite
 * (test/store-contract/); see docs/scale-out.md for the seq mechanism and operations.
 *
 * Reads and single-statement writes go through the pool; write transactions hold one pooled
 * connection and the seq lock (transaction.ts). Every failure that means "the database is not
 * there right now" becomes StoreUnavailableError (answered 503); the pool replaces broken
 * connections by itself, so the store recovers when the database is back.
 */
import pg from 'pg';
import type { WireDoc } from '../../../shared/schemas/common';
import { StoreUnavailableError } from '../errors';
import { RATE_LIMIT_PRUNE_EVERY } from '../rate-limit-prune';
import type { AuditEntry, ChangeBus, RateLimitHit, Store, UserRecord } from '../types';
import {
  type PostgresOptions,
  clientConfig,
  createPool,
  describeUrl,
  translate,
} from './connection';
import { migrate } from './migrations';
import { type BusOptions, createNotifyBus } from './notifications';
import { type DocRow, bodies, toStoredRow } from './rows';
import { SQL } from './sql';
import { auditParams, runTransaction } from './transaction';

export interface PostgresStoreOptions extends PostgresOptions {
  now?: () => number;
  /** LISTEN connection tuning, for tests */
  bus?: Omit<BusOptions, keyof PostgresOptions>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const now = options.now ?? Date.now;
  // Migrate on a connection of its own, before the pool serves anything.
  const admin = new pg.Client(clientConfig(options));
  try {
    await admin.connect();
    await migrate(admin, now());
  } catch (err) {
    throw translate(err);
  } finally {
    await admin.end().catch(() => undefined);
  }

  const pool = createPool(options);
  const buses = new Set<ChangeBus>();
  let hits = 0;

  /** Runs one pooled query, reporting an outage as StoreUnavailableError. */
  async function query<R extends pg.QueryResultRow>(text: string, params: unknown[] = []) {
    try {
      return (await pool.query<R>(text, params)).rows;
    } catch (err) {
      throw translate(err);
    }
  }

  const store: Store = {
    kind: 'postgres',
    location: describeUrl(options.url),

    openChangeBus() {
      const bus = createNotifyBus(pool, { ...options, ...options.bus });
      buses.add(bus);
      return {
        ...bus,
        close: async () => {
          buses.delete(bus);
          await bus.close();
        },
      };
    },

    async ping() {
      try {
        await pool.query(SQL.ping);
      } catch (err) {
        throw new StoreUnavailableError('the database does not answer', { cause: err });
      }
    },

    createUser: (user: UserRecord, profile) =>
      runTransaction(pool, async (tx, client) => {
        const inserted = await client.query(SQL.insertUser, [
          user.userId,
          user.usernameKey,
          user.displayName,
          user.passwordHash,
          user.createdAt,
        ]);
        if (inserted.rowCount === 0) return 'taken';
        await tx.write(profile);
        return 'created';
      }),
    findUserByUsername: async (key) => (await query<UserRecord>(SQL.userByName, [key]))[0] ?? null,
    findUserById: async (id) => (await query<UserRecord>(SQL.userById, [id]))[0] ?? null,
    createSession: async (hash, userId, at, expiresAt) =>
      void (await query(SQL.insertSession, [hash, userId, at, expiresAt])),
    findSessionUser: async (hash, at) =>
      (await query<{ user_id: string }>(SQL.sessionUser, [hash, at]))[0]?.user_id ?? null,
    revokeSession: async (hash, at) => void (await query(SQL.revokeSession, [at, hash])),

    countLoginFailures: async (key, since) =>
      (await query<{ n: number }>(SQL.countFailures, [key, since]))[0]!.n,
    recordLoginFailure: async (key, at) =>
      void (await query(SQL.recordFailure, [key, at, at - DAY_MS])),
    clearLoginFailures: async (key) => void (await query(SQL.clearFailures, [key])),
    async hitRateLimit(key, windowMs, at) {
      if (++hits % RATE_LIMIT_PRUNE_EVERY === 0) await query(SQL.pruneRateLimits, [at]);
      return (await query<RateLimitHit>(SQL.hitRateLimit, [key, at, windowMs]))[0]!;
    },

    getDocument: async (collection, id) =>
      (await query<{ body: WireDoc }>(SQL.getDoc, [collection, id]))[0]?.body ?? null,
    ownedDocuments: async (collection, ownerId) =>
      bodies(await query<{ body: WireDoc }>(SQL.ownedBy, [collection, ownerId])),
    isEmpty: async () => (await query(SQL.anyDoc)).length === 0,
    async pull(q) {
      const channels = [...q.channels.keys()];
      const positions = channels.map((c) => q.channels.get(c)!);
      const rows = await query<DocRow>(SQL.pull, [
        q.collection,
        channels,
        positions,
        q.ownerId,
        q.ownPosition,
        q.limit,
      ]);
      return rows.map(toStoredRow);
    },
    transaction: (work) => runTransaction(pool, (tx) => work(tx)),

    appendAudit: async (entry: AuditEntry) =>
      void (await query(SQL.insertAudit, auditParams(entry))),
    async listAudit(filter = {}) {
      const limit = filter.limit ?? 100;
      return filter.kind
        ? query<AuditEntry>(SQL.listAuditByKind, [filter.kind, limit])
        : query<AuditEntry>(SQL.listAudit, [limit]);
    },

    async withStartupLock(work) {
      return withSessionLock(options, work);
    },

    async close() {
      await Promise.all([...buses].map((bus) => bus.close()));
      await pool.end();
    },
  };
  return store;
}

/** Arbitrary, fixed: serialises start-up work (the demo seed) across instances. */
const STARTUP_LOCK = 4_815_162_343;

/** Runs `work` while holding a session advisory lock on a connection of its own. */
async function withSessionLock<T>(options: PostgresOptions, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client(clientConfig(options));
  try {
    await client.connect();
    await client.query(SQL.lock, [STARTUP_LOCK]);
  } catch (err) {
    await client.end().catch(() => undefined);
    throw translate(err);
  }
  try {
    return await work();
  } finally {
    await client.query(SQL.unlock, [STARTUP_LOCK]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
