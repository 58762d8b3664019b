/**
 * The storage interface of the sync server. Routes and rules talk only to this; all SQL lives in
 * an implementation (store/sqlite today, PostgreSQL later). Methods are async so that a
 * networked database can satisfy the same interface.
 *
 * Invariants every implementation keeps:
 * - `seq` is assigned inside the write transaction from a counter, so seq order is commit order:
 *   a reader that has seen seq N has seen every committed row with a smaller seq.
 * - Documents are stored exactly as given (the JSON a client pushed) and never physically
 *   deleted; deletes are tombstones (`_deleted: true`).
 */
import type { WireDoc } from '../../shared/schemas/common';

/** The collections the store holds; wider than what replicates today. */
export type StoredCollection =
  'communities' | 'memberships' | 'threads' | 'posts' | 'profiles' | 'therapies';

/** Where a row is visible: see sync/channels.ts. */
export interface Placement {
  /** 'public', 'community:<id>', 'user:<id>' ... */
  channel: string;
  /** The user who owns (and always sees) the row, if any. */
  ownerId: string | null;
}

export interface StoredRow extends Placement {
  collection: StoredCollection;
  doc: WireDoc;
  seq: number;
}

/** A document the server itself writes (seed, memberships): no conflict check. */
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

/** A pull: rows of one collection matching any of the reader's channels past their positions. */
export interface PullQuery {
  collection: StoredCollection;
  /** channel -> last seq seen; every channel the reader may see now, 0 when new */
  channels: Map<string, number>;
  /** rows owned by this user past `ownPosition` are visible too */
  ownerId: string;
  ownPosition: number;
  limit: number;
}

/** What a push decision may look at: prefetched inside the push transaction. */
export interface PushFacts {
  /** stored document per id of the pushed rows (updated as rows of the same push are written) */
  stored: Map<string, WireDoc>;
  /** which referenced community ids exist */
  existingCommunities: Set<string>;
  /** community ids where the pushing user is an active member */
  activeCommunities: Set<string>;
}

export type PushDecision<R> =
  { kind: 'write'; write: ServerWrite; result?: R } | { kind: 'skip'; result?: R };

export interface PushBatch<Row, R> {
  collection: StoredCollection;
  userId: string;
  rows: Row[];
  /** ids whose stored documents the decision needs */
  ids: string[];
  /** community ids referenced by the rows (pushed and stored) */
  communityIds: string[];
  /** Pure and synchronous: runs inside the transaction for each row in order. */
  decide: (row: Row, facts: PushFacts) => PushDecision<R>;
}

export interface PushOutcome<R> {
  /** one entry per row, in order */
  results: (R | undefined)[];
  written: StoredRow[];
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** human description for the start-up line (a path, ':memory:', a URL without password) */
  readonly location: string;

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

  // documents
  getDocument(collection: StoredCollection, id: string): Promise<WireDoc | null>;
  isEmpty(): Promise<boolean>;
  /** community ids where the user's membership is 'active' */
  activeCommunityIds(userId: string): Promise<string[]>;
  pull(query: PullQuery): Promise<StoredRow[]>;
  /** Writes server-owned documents in one transaction, each with the next seq. */
  writeServerDocs(writes: ServerWrite[]): Promise<StoredRow[]>;
  /**
   * Reads the current document and writes what `change` returns (or nothing for null), in one
   * transaction: the read-modify-write of join/leave.
   */
  updateServerDoc(
    collection: StoredCollection,
    id: string,
    change: (current: WireDoc | null) => ServerWrite | null,
  ): Promise<StoredRow | null>;
  /** One transaction per push: prefetch facts, decide each row, write the accepted ones. */
  applyPush<Row, R>(batch: PushBatch<Row, R>): Promise<PushOutcome<R>>;

  close(): Promise<void>;
}
