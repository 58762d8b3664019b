/**
 * The sync protocol (CONTRACT, see docs/protocol.md): one module of types used by both the
 * replication client in the renderer and the sync server.
 */
import type { CollectionName } from './collections';
import type { WireDoc } from './schemas/common';
import type { Membership } from './schemas/memberships';
import type { ProfileRole } from './schemas/profiles';

export const API_BASE = '/api/v1';
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_SERVER_URL = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;

/** Documents whose timestamps lie further ahead than this are refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
export const PULL_LIMIT_DEFAULT = 200;
export const PULL_LIMIT_MAX = 1000;
export const PUSH_ROWS_MAX = 500;

/**
 * Largest document the server stores, in bytes of its JSON (UTF-8), per collection; a bigger
 * row is refused 'too-large'. Text fields are capped in characters by the schemas; these caps
 * leave room for four-byte characters and sealed (base64) content.
 */
export const DOC_BYTES_MAX: Record<CollectionName, number> = {
  communities: 64 * 1024,
  memberships: 4 * 1024,
  profiles: 96 * 1024,
  threads: 512 * 1024,
  posts: 512 * 1024,
  reactions: 4 * 1024,
  therapies: 64 * 1024,
  moderation: 16 * 1024,
  // a snapshot of the reported thread or reply, plus the note
  reports: 512 * 1024,
  drafts: 1_600 * 1024,
  journal: 1_600 * 1024,
};

/** Open event streams per user; a new one beyond this closes the user's oldest. */
export const STREAMS_PER_USER_MAX = 10;

export interface HealthResponse {
  ok: true;
  store: 'sqlite' | 'postgres';
}

export interface RegisterRequest {
  username: string;
  password: string;
  displayName: string;
  /** How the member takes part; the app asks at sign-up. Older clients send none: 'patient'. */
  role?: ProfileRole;
}
export interface LoginRequest {
  username: string;
  password: string;
}
export interface AuthResponse {
  userId: string;
  token: string;
  /** Optional over the wire: the name the server knows the user by. */
  displayName?: string;
}

export interface MembershipResponse {
  membership: Membership;
}

/** Opaque to clients: they store it and hand it back. */
export type Checkpoint = unknown;

export interface PullResponse<T extends { id: string; updatedAt: number }> {
  documents: WireDoc<T>[];
  checkpoint: Checkpoint;
}

export interface PushRow<T extends { id: string; updatedAt: number }> {
  assumedMasterState: WireDoc<T> | null;
  newDocumentState: WireDoc<T>;
}

/** Answer of a push: the master state of every row that conflicted. */
export type PushResponse<T extends { id: string; updatedAt: number }> = WireDoc<T>[];

/**
 * Rows the server refused for a reason other than a conflict (not allowed, locked, ...)
 * come back in this response header as JSON `RowRefusal[]`, so one bad row never blocks the
 * rest of the outbox and the client can tell the user why.
 */
export const REFUSALS_HEADER = 'kindred-refusals';

export type RefusalCode =
  /** the document belongs to someone else (or names someone else as its author) */
  | 'not-author'
  | 'not-member'
  | 'community-locked'
  | 'read-only-collection'
  | 'future-timestamp'
  | 'unknown-community'
  /** an existing document may not move to another community (its readers would lose it) */
  | 'community-changed'
  /** the document fails its schema (or a derived id does not match its fields) */
  | 'invalid'
  /** the document is larger than DOC_BYTES_MAX for its collection */
  | 'too-large'
  /** a post's thread (or a moderated or reported document) does not exist in that community */
  | 'thread-missing'
  /** a report's snapshot is not what the reported thread or reply says now (it was edited) */
  | 'report-outdated'
  /** a stored report cannot be changed, only withdrawn (deleted) by its reporter */
  | 'report-final'
  /** moderators, partners and the writer themselves cannot be removed from a community */
  | 'protected-member';

/** Every refusal code, for clients that map them to words and for tests. */
export const REFUSAL_CODES: readonly RefusalCode[] = [
  'not-author',
  'not-member',
  'community-locked',
  'read-only-collection',
  'future-timestamp',
  'unknown-community',
  'community-changed',
  'invalid',
  'too-large',
  'thread-missing',
  'report-outdated',
  'report-final',
  'protected-member',
];

export interface RowRefusal {
  id: string;
  error: RefusalCode;
}

export type ErrorCode =
  | 'bad-request'
  | 'invalid-document'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'username-taken'
  /** an edit made from an older version of a server-owned document (partner content) */
  | 'edit-conflict'
  | 'wrong-credentials'
  | 'too-many-requests'
  | 'payload-too-large'
  | 'unavailable'
  | 'internal';

export interface ErrorBody {
  error: ErrorCode;
  message: string;
}

/** `data` of a stream event: new documents for one collection, or "pull now". */
export type StreamData<T extends { id: string; updatedAt: number }> =
  { documents: WireDoc<T>[]; checkpoint: Checkpoint } | 'RESYNC';

export const STREAM_HEARTBEAT_MS = 15_000;
