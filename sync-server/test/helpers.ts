/* eslint-disable @typescript-eslint/no-explicit-any -- answers are arbitrary JSON that the
   tests check with expect(); typing every shape here would only restate the assertions. */
/**
 * Test harness: a real server on a real store (a SQLite file in a temp dir by default, or a
 * fresh PostgreSQL database: see stores.ts), spoken to over real HTTP.
 */
import type { FastifyInstance } from 'fastify';
import { API_BASE } from '../../shared/protocol';
import type { Community } from '../../shared/schemas/communities';
import { type AppOptions, buildApp } from '../app';
import { setRole } from '../admin/set-role';
import { writeDocs } from '../sync/write';
import type { Store } from '../store/types';
import { type StoreKind, type TestDatabase, sqliteKind } from './stores';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface StartOptions extends Partial<AppOptions> {
  /** default SQLite */
  kind?: StoreKind;
  /** another instance on this database instead of a new one (closing it keeps the database) */
  database?: TestDatabase;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const { kind = sqliteKind, database: shared, ...appOptions } = options;
  const database = shared ?? (await kind.createDatabase());
  const store = await database.open();
  const app = await buildApp({ store, ...appOptions });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app,
    store,
    database,
    async close() {
      await app.close();
      await store.close();
      if (!shared) await database.drop();
    },
  };
}

export async function addCommunity(
  store: Store,
  id: string,
  overrides: Partial<Community> = {},
): Promise<void> {
  const doc = {
    id,
    updatedAt: Date.now(),
    slug: id,
    name: id,
    description: `The ${id} community`,
    partner: { name: 'Test Partner', kind: 'other' as const },
    conditionTags: [],
    joinPolicy: 'open' as const,
    premoderation: false,
    allowTherapySharing: false,
    ...overrides,
    _deleted: false,
  };
  await writeDocs(store, [{ collection: 'communities', doc }]);
}

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function call<T = any>(
  server: { url: string },
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${server.url}${API_BASE}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export interface TestUser {
  userId: string;
  token: string;
  username: string;
}

let userCounter = 0;
export async function register(
  server: { url: string },
  name = `user${++userCounter}`,
): Promise<TestUser> {
  const res = await call(server, 'POST', '/auth/register', {
    body: { username: name, password: `secret-${name}-pw`, displayName: name },
  });
  if (res.status !== 201)
    throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...res.body, username: name };
}

export async function joinCommunity(server: { url: string }, user: TestUser, communityId: string) {
  const res = await call(server, 'POST', `/communities/${communityId}/join`, { token: user.token });
  if (res.status !== 200) throw new Error(`join failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.membership;
}

/** Pulls every page from `checkpoint` on; returns the documents and the final checkpoint. */
export async function pullAll(
  server: { url: string },
  user: TestUser,
  collection: string,
  checkpoint?: unknown,
  limit = 200,
) {
  const documents: any[] = [];
  let cp = checkpoint;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cp !== undefined) query.set('checkpoint', JSON.stringify(cp));
    const res = await call(server, 'GET', `/sync/${collection}/pull?${query}`, {
      token: user.token,
    });
    if (res.status !== 200)
      throw new Error(`pull failed: ${res.status} ${JSON.stringify(res.body)}`);
    documents.push(...res.body.documents);
    cp = res.body.checkpoint;
    if (res.body.documents.length < limit) return { documents, checkpoint: cp };
  }
}

/** Sets the user's followed therapies by pushing their own profile, as the app does. */
export async function followTherapies(
  server: { url: string },
  user: TestUser,
  therapyIds: string[],
) {
  const current = (await pullAll(server, user, 'profiles')).documents.find(
    (p) => p.id === user.userId,
  );
  const next = { ...current, followedTherapyIds: therapyIds, updatedAt: Date.now() };
  const res = await push(server, user, 'profiles', [
    { assumedMasterState: current, newDocumentState: next },
  ]);
  if (res.status !== 200 || res.body.length > 0 || res.refusals?.length) {
    throw new Error(
      `follow failed: ${res.status} ${JSON.stringify(res.body)} ${JSON.stringify(res.refusals)}`,
    );
  }
  return next;
}

let docCounter = 0;
export function newThread(
  author: TestUser,
  communityId: string,
  overrides: Record<string, unknown> = {},
) {
  const now = Date.now();
  return {
    id: `t-${++docCounter}-${now}`,
    updatedAt: now,
    communityId,
    authorId: author.userId,
    authorName: author.username,
    title: 'A question about side effects',
    body: 'Has anyone **else** had this?',
    therapyIds: [],
    shareToTherapyPages: false,
    createdAt: now,
    _deleted: false,
    ...overrides,
  };
}

export function newPost(
  author: TestUser,
  threadId: string,
  communityId: string,
  overrides: Record<string, unknown> = {},
) {
  const now = Date.now();
  return {
    id: `p-${++docCounter}-${now}`,
    updatedAt: now,
    threadId,
    communityId,
    authorId: author.userId,
    body: 'Me too, it got better after two weeks.',
    createdAt: now,
    _deleted: false,
    ...overrides,
  };
}

export async function push(
  server: { url: string },
  user: TestUser,
  collection: string,
  rows: { assumedMasterState: unknown; newDocumentState: unknown }[],
) {
  const res = await call(server, 'POST', `/sync/${collection}/push`, {
    token: user.token,
    body: rows,
  });
  const header = res.headers.get('kindred-refusals');
  return {
    ...res,
    refusals: header ? (JSON.parse(header) as { id: string; error: string }[]) : null,
  };
}

/** Gives a user a role in a community, as the admin command does. */
export async function setRoleOf(
  server: TestServer,
  user: TestUser,
  communityId: string,
  role: 'member' | 'moderator' | 'partner' = 'moderator',
) {
  const result = await setRole(server.store, { communityId, username: user.username, role });
  if (!result.ok) throw new Error(`set-role failed: ${result.error}`);
  return result.membership;
}

/** A sealed document (draft or journal entry): the server only ever sees ciphertext. */
export function newSealed(
  owner: TestUser,
  overrides: Record<string, unknown> = {},
  kind?: 'thread' | 'reply' | 'journal',
) {
  const now = Date.now();
  return {
    id: `s-${++docCounter}-${now}`,
    updatedAt: now,
    ownerId: owner.userId,
    keyId: 'key-1',
    iv: 'AAAAAAAAAAAAAAAA',
    ciphertext: `c2VhbGVk${docCounter}`,
    ...(kind ? { kind } : {}),
    _deleted: false,
    ...overrides,
  };
}

export function newReaction(user: TestUser, targetId: string, communityId: string) {
  return {
    id: `${targetId}:${user.userId}:me-too`,
    updatedAt: Date.now(),
    targetId,
    communityId,
    userId: user.userId,
    kind: 'me-too',
    _deleted: false,
  };
}

export function newModeration(
  moderator: TestUser,
  targetId: string,
  communityId: string,
  state: 'pending' | 'approved' | 'hidden' | 'locked' | 'removed',
) {
  return {
    id: `mod:${targetId}`,
    updatedAt: Date.now(),
    targetId,
    communityId,
    state,
    reason: '',
    by: moderator.userId,
    _deleted: false,
  };
}

export const fresh = (doc: object) => ({ assumedMasterState: null, newDocumentState: doc });

/** A member's report of a thread or post, with the snapshot of the target as it is now. */
export function newReport(
  reporter: TestUser,
  target: {
    id: string;
    communityId: string;
    authorId: string;
    body: string;
    title?: string;
    threadId?: string;
  },
  overrides: Record<string, unknown> = {},
) {
  const now = Date.now();
  const isThread = target.title !== undefined;
  return {
    id: `r-${++docCounter}-${now}`,
    updatedAt: now,
    reporterId: reporter.userId,
    communityId: target.communityId,
    targetId: target.id,
    targetKind: isThread ? 'thread' : 'post',
    threadId: isThread ? target.id : target.threadId,
    reason: 'misinformation',
    note: '',
    snapshot: isThread
      ? { title: target.title, body: target.body, authorId: target.authorId }
      : { body: target.body, authorId: target.authorId },
    createdAt: now,
    _deleted: false,
    ...overrides,
  };
}
