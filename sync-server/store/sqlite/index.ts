/**
 * SQLite implementation of the Store (better-sqlite3). better-sqlite3 is synchronous: every
 * transaction below runs to completion without yielding, so no other request can interleave
 * with it on the one connection. The methods are async only to share the interface with a
 * networked store.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { WireDoc } from '../../../shared/schemas/common';
import type {
  PullQuery,
  PushBatch,
  PushFacts,
  PushOutcome,
  ServerWrite,
  Store,
  StoredCollection,
  StoredRow,
  UserRecord,
} from '../types';
import { migrate } from './migrations';
import { prepareStatements, type DocRow } from './statements';

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
    channel: row.channel,
    ownerId: row.owner_id,
  };
}

export function openSqliteStore(options: SqliteStoreOptions): Store {
  const memory = options.path === ':memory:';
  const location = memory ? ':memory:' : resolve(options.path);
  if (!memory) mkdirSync(dirname(location), { recursive: true });
  const db = new Database(location);
  if (!memory) db.pragma('journal_mode = WAL');
  // WAL + NORMAL: durable across process crashes; an OS crash may lose the last commits only.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, (options.now ?? Date.now)());
  const q = prepareStatements(db);

  /** Must run inside a write transaction: that is what makes seq follow commit order. */
  function writeRow(w: ServerWrite): StoredRow {
    const { value: seq } = q.nextSeq.get() as { value: number };
    q.upsertDoc.run({
      collection: w.collection,
      id: w.doc.id,
      seq,
      channel: w.channel,
      owner_id: w.ownerId,
      deleted: w.doc._deleted ? 1 : 0,
      body: JSON.stringify(w.doc),
    });
    return { ...w, seq };
  }

  function readDoc(collection: StoredCollection, id: string): WireDoc | null {
    const row = q.getDoc.get(collection, id) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as WireDoc) : null;
  }

  function activeIds(userId: string): string[] {
    return (q.activeCommunities.all(userId) as { community_id: string }[]).map(
      (r) => r.community_id,
    );
  }

  const store: Store = {
    kind: 'sqlite',
    location,

    async createUser(user: UserRecord, profile: ServerWrite) {
      return db
        .transaction((): 'created' | 'taken' => {
          if (q.userByName.get(user.usernameKey)) return 'taken';
          q.insertUser.run(user);
          writeRow(profile);
          return 'created';
        })
        .immediate();
    },
    async findUserByUsername(usernameKey) {
      return (q.userByName.get(usernameKey) as UserRecord | undefined) ?? null;
    },
    async findUserById(userId) {
      return (q.userById.get(userId) as UserRecord | undefined) ?? null;
    },
    async createSession(tokenHash, userId, now, expiresAt) {
      q.insertSession.run(tokenHash, userId, now, expiresAt);
    },
    async findSessionUser(tokenHash, now) {
      const row = q.sessionUser.get(tokenHash, now) as { user_id: string } | undefined;
      return row?.user_id ?? null;
    },
    async revokeSession(tokenHash, now) {
      q.revokeSession.run(now, tokenHash);
    },

    async countLoginFailures(usernameKey, since) {
      return (q.countFailures.get(usernameKey, since) as { n: number }).n;
    },
    async recordLoginFailure(usernameKey, at) {
      db.transaction(() => {
        // Keep the table small: failures older than a day no longer matter to anyone.
        q.pruneFailures.run(usernameKey, at - 24 * 60 * 60 * 1000);
        q.insertFailure.run(usernameKey, at);
      }).immediate();
    },
    async clearLoginFailures(usernameKey) {
      q.clearFailures.run(usernameKey);
    },

    async getDocument(collection, id) {
      return readDoc(collection, id);
    },
    async isEmpty() {
      return q.anyDoc.get() === undefined;
    },
    async activeCommunityIds(userId) {
      return activeIds(userId);
    },
    async pull(query: PullQuery) {
      const rows = q.pull.all({
        collection: query.collection,
        channels: JSON.stringify(Object.fromEntries(query.channels)),
        owner: query.ownerId,
        ownPos: query.ownPosition,
        limit: query.limit,
      }) as DocRow[];
      return rows.map(toStoredRow);
    },
    async writeServerDocs(writes) {
      return db.transaction(() => writes.map(writeRow)).immediate();
    },
    async updateServerDoc(collection, id, change) {
      return db
        .transaction(() => {
          const next = change(readDoc(collection, id));
          return next ? writeRow(next) : null;
        })
        .immediate();
    },
    async applyPush<Row, R>(batch: PushBatch<Row, R>): Promise<PushOutcome<R>> {
      return db
        .transaction(() => {
          const facts: PushFacts = {
            stored: new Map(),
            existingCommunities: new Set(),
            activeCommunities: new Set(activeIds(batch.userId)),
          };
          for (const id of new Set(batch.ids)) {
            const doc = readDoc(batch.collection, id);
            if (doc) facts.stored.set(id, doc);
          }
          for (const cid of new Set(batch.communityIds)) {
            if (readDoc('communities', cid)) facts.existingCommunities.add(cid);
          }
          const results: (R | undefined)[] = [];
          const written: StoredRow[] = [];
          for (const row of batch.rows) {
            const decision = batch.decide(row, facts);
            results.push(decision.result);
            if (decision.kind === 'write') {
              written.push(writeRow(decision.write));
              facts.stored.set(decision.write.doc.id, decision.write.doc);
            }
          }
          return { results, written };
        })
        .immediate();
    },

    async close() {
      if (db.open) db.close();
    },
  };
  return store;
}
