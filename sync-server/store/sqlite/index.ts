/**
 * SQLite implementation of the Store (better-sqlite3, one connection).
 *
 * better-sqlite3 is synchronous, but a transaction's work is an async function (the interface
 * a networked store needs). So every use of the connection goes through one lock: while a
 * transaction is open, no other request can read its uncommitted rows or slip a write into it.
 * Work inside a transaction only awaits the transaction's own (synchronous) methods, so holding
 * the lock never waits on the network.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { WireDoc } from '../../../shared/schemas/common';
import { RATE_LIMIT_PRUNE_EVERY } from '../rate-limit-prune';
import type {
  AuditEntry,
  RateLimitHit,
  PullQuery,
  ServerWrite,
  Store,
  StoreTx,
  StoredCollection,
  StoredRow,
  UserRecord,
} from '../types';
import { migrate } from './migrations';
import { prepareStatements, type DocRow } from './statements';

/** How soon a running server notices what the admin command wrote (see watchOtherWriters). */
export const OTHER_WRITERS_POLL_MS = 1_000;

export interface SqliteStoreOptions {
  /** a file path (its folder is created) or ':memory:' */
  path: string;
  now?: () => number;
}

function toStoredRow(row: DocRow): StoredRow {
  return {
    collection: row.collection as StoredCollection,
    doc: JSON.parse(row.body) as WireDoc,
    seq: row.seq,
    channels: (JSON.parse(row.channels) as (string | null)[]).filter(
      (c): c is string => c !== null,
    ),
    ownerId: row.owner_id,
  };
}

const parseBodies = (rows: unknown[]) =>
  (rows as { body: string }[]).map((r) => JSON.parse(r.body) as WireDoc);

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const memory = options.path === ':memory:';
  const location = memory ? ':memory:' : resolve(options.path);
  if (!memory) mkdirSync(dirname(location), { recursive: true });
  const db = new Database(location);
  if (!memory) db.pragma('journal_mode = WAL');
  // WAL + NORMAL: durable across process crashes; an OS crash may lose the last commits only.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // Another process (the admin command) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  migrate(db, (options.now ?? Date.now)());
  const q = prepareStatements(db);

  let hits = 0;
  let tail: Promise<unknown> = Promise.resolve();
  /** Runs `fn` alone on the connection, after everything queued before it. */
  function locked<T>(fn: () => T | Promise<T>): Promise<T> {
    const result = tail.then(fn);
    tail = result.catch(() => undefined);
    return result;
  }

  /** Must run inside a write transaction: that is what makes seq follow commit order. */
  function writeRow(w: ServerWrite): StoredRow {
    const { value: seq } = q.nextSeq.get() as { value: number };
    q.upsertDoc.run({
      collection: w.collection,
      id: w.doc.id,
      seq,
      owner_id: w.ownerId,
      deleted: w.doc._deleted ? 1 : 0,
      body: JSON.stringify(w.doc),
    });
    q.deleteChannels.run(w.collection, w.doc.id);
    for (const channel of new Set(w.channels)) {
      q.insertChannel.run(w.collection, w.doc.id, channel, seq);
    }
    return { ...w, channels: [...new Set(w.channels)], seq };
  }

  /** See statements.ts `pullChannel`: merge each channel's next rows, keep the first `limit`. */
  function pullPage(query: PullQuery): StoredRow[] {
    const { collection, limit } = query;
    const candidates = new Map<string, number>();
    const add = (rows: unknown[]) => {
      for (const row of rows as Array<{ id: string; seq: number }>) candidates.set(row.id, row.seq);
    };
    for (const [channel, position] of query.channels) {
      add(q.pullChannel.all({ collection, channel, position, limit }));
    }
    add(q.pullOwn.all({ collection, owner: query.ownerId, position: query.ownPosition, limit }));
    const page = [...candidates].sort((a, b) => a[1] - b[1]).slice(0, limit);
    const rows: StoredRow[] = [];
    for (const [id] of page) {
      const row = q.getRow.get(collection, id) as DocRow | undefined;
      if (row) rows.push(toStoredRow(row));
    }
    return rows;
  }

  function readDoc(collection: StoredCollection, id: string): WireDoc | null {
    const row = q.getDoc.get(collection, id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as WireDoc) : null;
  }

  function appendAudit(entry: AuditEntry) {
    q.insertAudit.run({ ...entry, detail: JSON.stringify(entry.detail) });
  }

  const tx: StoreTx = {
    async get(collection, id) {
      return readDoc(collection, id);
    },
    async getRow(collection, id) {
      const row = q.getRow.get(collection, id) as DocRow | undefined;
      return row ? toStoredRow(row) : null;
    },
    async findBy(_collection, _field, value) {
      return parseBodies(q.postsByThread.all(value));
    },
    async ownedBy(collection, ownerId) {
      return parseBodies(q.ownedBy.all(collection, ownerId));
    },
    async write(w) {
      return writeRow(w);
    },
    async audit(entry) {
      appendAudit(entry);
    },
  };

  const store: Store = {
    kind: 'sqlite',
    location,
    // One process serves a SQLite file: the in-process hub is enough, and nothing else starts
    // up against it at the same time.
    openChangeBus: () => null,
    withStartupLock: (work) => work(),

    // The admin command writes the same file from its own process. SQLite's data_version
    // changes when another connection commits (never for our own writes): polled, cheaply.
    watchOtherWriters(onChange) {
      if (memory) return () => undefined;
      const version = () => (db.open ? (db.pragma('data_version', { simple: true }) as number) : 0);
      let seen = version();
      const timer = setInterval(() => {
        void locked(version).then(
          (now) => {
            if (now === seen) return;
            seen = now;
            onChange();
          },
          () => undefined,
        );
      }, OTHER_WRITERS_POLL_MS);
      timer.unref();
      return () => clearInterval(timer);
    },

    ping: () => locked(() => void q.ping.get()),

    createUser: (user: UserRecord, profile: ServerWrite) =>
      locked(() =>
        db
          .transaction((): 'created' | 'taken' => {
            if (q.userByName.get(user.usernameKey)) return 'taken';
            q.insertUser.run(user);
            writeRow(profile);
            return 'created';
          })
          .immediate(),
      ),
    findUserByUsername: (usernameKey) =>
      locked(() => (q.userByName.get(usernameKey) as UserRecord | undefined) ?? null),
    findUserById: (userId) =>
      locked(() => (q.userById.get(userId) as UserRecord | undefined) ?? null),
    createSession: (tokenHash, userId, now, expiresAt) =>
      locked(() => void q.insertSession.run(tokenHash, userId, now, expiresAt)),
    findSessionUser: (tokenHash, now) =>
      locked(() => {
        const row = q.sessionUser.get(tokenHash, now) as { user_id: string } | undefined;
        return row?.user_id ?? null;
      }),
    revokeSession: (tokenHash, now) => locked(() => void q.revokeSession.run(now, tokenHash)),

    countLoginFailures: (usernameKey, since) =>
      locked(() => (q.countFailures.get(usernameKey, since) as { n: number }).n),
    recordLoginFailure: (usernameKey, at) =>
      locked(() =>
        db
          .transaction(() => {
            // Keep the table small: failures older than a day no longer matter to anyone.
            q.pruneFailures.run(usernameKey, at - 24 * 60 * 60 * 1000);
            q.insertFailure.run(usernameKey, at);
          })
          .immediate(),
      ),
    clearLoginFailures: (usernameKey) => locked(() => void q.clearFailures.run(usernameKey)),
    hitRateLimit: (key, windowMs, now) =>
      locked(() => {
        if (++hits % RATE_LIMIT_PRUNE_EVERY === 0) q.pruneRateLimits.run(now);
        return q.hitRateLimit.get({ key, windowMs, now }) as RateLimitHit;
      }),

    getDocument: (collection, id) => locked(() => readDoc(collection, id)),
    ownedDocuments: (collection, ownerId) =>
      locked(() => parseBodies(q.ownedBy.all(collection, ownerId))),
    isEmpty: () => locked(() => q.anyDoc.get() === undefined),
    pull: (query: PullQuery) => locked(() => pullPage(query)),
    transaction: (work) =>
      locked(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(tx);
          db.exec('COMMIT');
          return result;
        } catch (err) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw err;
        }
      }),

    appendAudit: (entry) => locked(() => appendAudit(entry)),
    listAudit: (filter = {}) =>
      locked(() => {
        const limit = filter.limit ?? 100;
        const rows = (
          filter.kind ? q.listAuditByKind.all(filter.kind, limit) : q.listAudit.all(limit)
        ) as (Omit<AuditEntry, 'detail'> & { detail: string })[];
        return rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as AuditEntry['detail'] }));
      }),

    close: () =>
      locked(() => {
        if (db.open) db.close();
      }),
  };
  return store;
}
