/**
 * What the fuzz tests share: a server on a SQLite file with two members, a snapshot of the
 * database to prove refused input changed nothing, and the check every refusal must pass.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { expect } from 'vitest';
import { API_BASE } from '../../../shared/protocol';
import {
  type Answer,
  type TestServer,
  type TestUser,
  addCommunity,
  fresh,
  joinCommunity,
  newPost,
  newSealed,
  newThread,
  push,
  register,
  startServer,
} from '../helpers';

export const COMMUNITY = 'fuzz';

/** fast-check settings: seeded (KINDRED_FUZZ_SEED replays a run), bounded, seed printed. */
/** CI runs one fixed seed (a reproducible gate); elsewhere every run explores a new one. */
const CI_SEED = 20261126;

export function fuzzParams(numRuns: number): fc.Parameters<unknown> {
  const seed = Number(
    process.env.KINDRED_FUZZ_SEED ?? (process.env.CI ? CI_SEED : Date.now() % 2 ** 31),
  );
  return { seed, numRuns, endOnFailure: true, verbose: 1 };
}

export interface FuzzWorld {
  server: TestServer;
  ana: TestUser;
  ben: TestUser;
  /** a thread and a reply of Ana's, and a draft of Ben's (someone else's private document) */
  thread: ReturnType<typeof newThread>;
  post: ReturnType<typeof newPost>;
  bensDraft: ReturnType<typeof newSealed>;
  /** the documents, their channels and the sequence counter, as one comparable string */
  snapshot(): string;
  close(): Promise<void>;
}

export async function startFuzzWorld(): Promise<FuzzWorld> {
  const server = await startServer();
  await addCommunity(server.store, COMMUNITY);
  const ana = await register(server, `fuzz-ana-${Date.now() % 100000}`);
  const ben = await register(server, `fuzz-ben-${Date.now() % 100000}`);
  await joinCommunity(server, ana, COMMUNITY);
  await joinCommunity(server, ben, COMMUNITY);
  const thread = newThread(ana, COMMUNITY);
  const post = newPost(ana, thread.id, COMMUNITY);
  const bensDraft = newSealed(ben, {}, 'reply');
  for (const [user, collection, doc] of [
    [ana, 'threads', thread],
    [ana, 'posts', post],
    [ben, 'drafts', bensDraft],
  ] as const) {
    const answer = await push(server, user, collection, [fresh(doc)]);
    if (answer.status !== 200 || answer.refusals?.length) {
      throw new Error(`setup: ${collection} not stored: ${JSON.stringify(answer.refusals)}`);
    }
  }
  const reader = new Database(server.database.db, { readonly: true });
  return {
    server,
    ana,
    ben,
    thread,
    post,
    bensDraft,
    snapshot: () =>
      JSON.stringify([
        reader.prepare('SELECT * FROM documents ORDER BY collection, id').all(),
        reader.prepare('SELECT * FROM document_channels ORDER BY collection, id, channel').all(),
        reader.prepare('SELECT * FROM counters ORDER BY name').all(),
        reader.prepare('SELECT user_id FROM users ORDER BY user_id').all(),
      ]),
    async close() {
      reader.close();
      await server.close();
    },
  };
}

/** Sends raw bytes (anything: not JSON, not UTF-8) to a route. */
export async function send(
  server: { url: string },
  method: string,
  pathAndQuery: string,
  options: { token?: string; body?: string | Uint8Array; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined)
    headers['content-type'] = options.contentType ?? 'application/json';
  const res = await fetch(`${server.url}${API_BASE}${pathAndQuery}`, {
    method,
    headers,
    body: method === 'GET' ? undefined : (options.body as RequestInit['body']),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: the checks below fail with the text in the message */
  }
  return { status: res.status, body, headers: res.headers };
}

/** A refusal as the protocol promises: a 4xx {error, message}, no stack trace, no SQL. */
export function expectClientError(answer: Answer, what: string): void {
  const text = JSON.stringify(answer.body);
  expect(answer.status, `${what}: ${text}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, `${what}: ${text}`).toBeLessThan(500);
  expect(typeof answer.body, `${what}: ${text}`).toBe('object');
  const body = answer.body as Record<string, unknown>;
  expect(Object.keys(body).sort(), `${what}: ${text}`).toEqual(['error', 'message']);
  expect(typeof body.error, what).toBe('string');
  expect(typeof body.message, what).toBe('string');
  expect(text, what).not.toMatch(/\n\s+at |SQLITE|SELECT |INSERT |node_modules/);
}

/** Never a 5xx, whatever the answer; refusals are well-formed. */
export function expectNoServerError(answer: Answer, what: string): void {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBeLessThan(500);
  if (answer.status >= 400) expectClientError(answer, what);
}

/** Arbitrary JSON and JSON-like text, including the hostile shapes. */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '[{"__proto__":{"polluted":true},"newDocumentState":{"__proto__":{"polluted":true}}}]',
    '{"a":',
    '',
    'null',
    '[]',
    '[null]',
    '"RESYNC"',
    '1e999',
    '{"username":{"$gt":""},"password":{"$gt":""}}',
  ),
  fc.integer({ min: 100, max: 20_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc
    .integer({ min: 100, max: 5_000 })
    .map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
);

/** Bytes that are not valid UTF-8. */
export const invalidUtf8: fc.Arbitrary<Uint8Array> = fc
  .tuple(
    fc.string({ maxLength: 20 }),
    fc.constantFrom([0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x28, 0x8c, 0xbc], [0xc0, 0xaf]),
  )
  .map(([text, bad]) => {
    const head = new TextEncoder().encode(`{"username":"${text.replace(/["\\]/g, '')}`);
    return new Uint8Array([...head, ...bad, ...new TextEncoder().encode('"}')]);
  });

/** Object.prototype must never gain properties from a request. */
export function expectNoPollution(): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
}
