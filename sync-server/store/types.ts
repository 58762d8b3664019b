/**
 * The storage interface of the sync server. Routes and rules talk only to this; all SQL lives in
 * an implementation (store/sqlite, store/postgres). Methods are async so that a networked
 * database satisfies the same interface; both pass one contract suite (test/store-contract/).
 *
 * Invariants every implementation keeps:
 * - `seq` is assigned inside the write transaction from a counter, so seq order is commit order:
 *   a reader that has seen seq N has seen every committed row with a smaller seq.
 * - Documents are stored exactly as given (the JSON a client pushed) and never physically
 *   deleted; deletes are tombstones (`_deleted: true`).
 * - A row's channels carry the row's current seq: re-placing a row (new channels) gives it a
 *   new seq, so readers of a channel it newly enters receive it.
 */
import type { CollectionName } from '../../shared/collections';
import type { WireDoc } from '../../shared/schemas/common';

export type StoredCollection = CollectionName;

/** Where a row is visible: see sync/channels.ts and sync/placement.ts. */
export interface Placement {
  /** 'public', 'community:<id>', 'mod:<id>', 'therapy:<id>' ...; may be empty */
  channels: string[];
  /** The user who always sees the row, if any (author, owner, subject of a moderation). */
  ownerId: string | null;
}

export interface StoredRow extends Placement {
  collection: StoredCollection;
  doc: WireDoc;
  seq: number;
}

/** A document with its placement, written with the next seq. */
export interface ServerWrite extends Placement {
  collection: StoredCollection;
  doc: WireDoc;
}

export interface UserRecord {
  userId: string;
  /** lower-cased username: the unique key */
  usernameKey: string;
  displayName: string;
  /** self-describing scrypt hash, see auth/passwords.ts */
  passwordHash: string;
  createdAt: number;
}

/** A pull: rows of one collection in any of the reader's channels past their positions. */
export interface PullQuery {
  collection: StoredCollection;
  /** channel -> last seq seen; every channel the reader may see now, 0 when new */
  channels: Map<string, number>;
  /** rows owned by this user past `ownPosition` are visible too */
  ownerId: string;
  ownPosition: number;
  limit: number;
}

export type AuditKind =
  | 'register'
  | 'sign-in'
  | 'sign-in-failed'
  | 'refusal'
  | 'moderation'
  | 'role'
  | 'report'
  /** a moderator's decision about a member (let in, removed), with the reason */
  | 'membership'
  /** a partner's or moderator's edit of the community's guidelines, welcome, links, lines */
  | 'partner-content';

/** One line of the append-only audit table. Never content: ids, codes and states only. */
export interface AuditEntry {
  at: number;
  kind: AuditKind;
  /** who acted (null: the server, or an unknown username) */
  userId: string | null;
  /** what it is about: a username key, a document id, a membership id */
  subject: string;
  detail: Record<string, string | number | boolean | null>;
}

/** A fixed-window request counter after one more hit. */
export interface RateLimitHit {
  /** hits in the current window, this one included */
  count: number;
  /** when the window ends (ms since epoch) */
  resetAt: number;
}

/**
 * How commits reach the other server instances on the same database: a broadcast of short
 * text messages (PostgreSQL LISTEN/NOTIFY). Null for a store only one process serves (SQLite).
 */
export interface ChangeBus {
  /** broadcasts to every listening instance, this one included */
  send(message: string): Promise<void>;
  /**
   * Starts listening; resolves once the first LISTEN is in place. After a lost connection it
   * reconnects by itself and calls `onReconnect`: messages sent meanwhile were missed.
   */
  listen(onMessage: (message: string) => void, onReconnect: () => void): Promise<void>;
  /** stops listening and releases the connection */
  close(): Promise<void>;
}

/** Lookups by a field other than the id, each backed by an index. */
export interface FieldLookups {
  posts: 'threadId';
}

/** What a write transaction may do. Every read sees the transaction's own writes. */
export interface StoreTx {
  get(collection: StoredCollection, id: string): Promise<WireDoc | null>;
  /** the stored row with its placement and seq */
  getRow(collection: StoredCollection, id: string): Promise<StoredRow | null>;
  findBy<C extends keyof FieldLookups>(
    collection: C,
    field: FieldLookups[C],
    value: string,
  ): Promise<WireDoc[]>;
  /** rows of a collection whose owner is `ownerId` (memberships, moderation of their content) */
  ownedBy(collection: StoredCollection, ownerId: string): Promise<WireDoc[]>;
  write(write: ServerWrite): Promise<StoredRow>;
  audit(entry: AuditEntry): Promise<void>;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** human description for the start-up line (a path, ':memory:', a URL without password) */
  readonly location: string;
  /**
   * A new connection to the other instances (see ChangeBus), one per live hub; null when one
   * process owns the store. Closed by its owner, or at the latest by close().
   */
  openChangeBus(): ChangeBus | null;
  /**
   * For a store without a ChangeBus that another process may write (SQLite and the admin
   * command): calls `onChange` soon after another connection commits. Returns the stop function.
   */
  watchOtherWriters?(onChange: () => void): () => void;
  /**
   * Runs `work` while no other instance runs work under this lock: start-up steps such as the
   * demo seed, which several instances starting at once must not do twice.
   */
  withStartupLock<T>(work: () => Promise<T>): Promise<T>;

  /** resolves when the database answers; rejects (StoreUnavailableError) when it does not */
  ping(): Promise<void>;

  // users and sessions
  createUser(user: UserRecord, profile: ServerWrite): Promise<'created' | 'taken'>;
  findUserByUsername(usernameKey: string): Promise<UserRecord | null>;
  findUserById(userId: string): Promise<UserRecord | null>;
  createSession(tokenHash: string, userId: string, now: number, expiresAt: number): Promise<void>;
  /** the session's user, or null when unknown, revoked or expired */
  findSessionUser(tokenHash: string, now: number): Promise<string | null>;
  revokeSession(tokenHash: string, now: number): Promise<void>;

  // login throttling: kept in the store so that several instances agree
  countLoginFailures(usernameKey: string, since: number): Promise<number>;
  recordLoginFailure(usernameKey: string, at: number): Promise<void>;
  clearLoginFailures(usernameKey: string): Promise<void>;

  /**
   * Request rate limits, counted in the store for the same reason: one more hit on `key` in a
   * fixed window of `windowMs` that starts at its first hit. Atomic under concurrent callers.
   */
  hitRateLimit(key: string, windowMs: number, now: number): Promise<RateLimitHit>;

  // documents
  getDocument(collection: StoredCollection, id: string): Promise<WireDoc | null>;
  ownedDocuments(collection: StoredCollection, ownerId: string): Promise<WireDoc[]>;
  isEmpty(): Promise<boolean>;
  pull(query: PullQuery): Promise<StoredRow[]>;
  /**
   * Runs `work` in one write transaction: all of its writes commit together or none does, and
   * no other write interleaves. `work` must only await the transaction's own methods.
   */
  transaction<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;

  // the audit table: append-only
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(filter?: { kind?: AuditKind; limit?: number }): Promise<AuditEntry[]>;

  close(): Promise<void>;
}
