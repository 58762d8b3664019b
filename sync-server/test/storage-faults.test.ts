/**
 * The push write path under storage faults: for every N over one push (three new replies, an
 * edit and a deletion), the Nth storage operation fails. Whatever N is, the answer is either a
 * success with every row committed, or a 5xx {error, message} (no stack, no SQL) with nothing
 * of the push committed — never a half-written batch, never an acknowledgement of what was not
 * stored — and the server keeps working: the same push sent again then succeeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installSqliteFaults } from './faults/sqlite-faults';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  fresh,
  joinCommunity,
  newPost,
  newThread,
  pullAll,
  push,
  register,
  startServer,
} from './helpers';

const COMMUNITY = 'faults';
const faults = installSqliteFaults();
let server: TestServer;
let ana: TestUser;
let threadId: string;

beforeAll(async () => {
  server = await startServer();
  await addCommunity(server.store, COMMUNITY);
  ana = await register(server, 'storage-faults-ana');
  await joinCommunity(server, ana, COMMUNITY);
  const thread = newThread(ana, COMMUNITY);
  expect((await push(server, ana, 'threads', [fresh(thread)])).status).toBe(200);
  threadId = thread.id;
});
afterAll(async () => {
  faults.uninstall();
  await server.close();
});

type Doc = ReturnType<typeof newPost>;

/** Two stored replies to change, and a push that adds three, edits one and deletes one. */
async function scenario(round: number) {
  const edited = newPost(ana, threadId, COMMUNITY, { body: `round ${round}: before` });
  const deleted = newPost(ana, threadId, COMMUNITY, { body: `round ${round}: to delete` });
  expect((await push(server, ana, 'posts', [fresh(edited), fresh(deleted)])).status).toBe(200);
  const added = [1, 2, 3].map((i) =>
    newPost(ana, threadId, COMMUNITY, { body: `round ${round}: new ${i}` }),
  );
  const later = Date.now() + 1;
  const rows = [
    ...added.map(fresh),
    {
      assumedMasterState: edited,
      newDocumentState: { ...edited, body: `round ${round}: after`, updatedAt: later },
    },
    {
      assumedMasterState: deleted,
      newDocumentState: { ...deleted, updatedAt: later, _deleted: true },
    },
  ];
  return { rows, added, edited, deleted };
}

/** 'all' when every row of the push is stored, 'none' when none is, else 'partial'. */
async function committed(s: Awaited<ReturnType<typeof scenario>>): Promise<string> {
  const byId = new Map<string, Doc>(
    (await pullAll(server, ana, 'posts')).documents.map((d: Doc) => [d.id, d]),
  );
  const parts = [
    ...s.added.map((p) => byId.has(p.id)),
    byId.get(s.edited.id)?.body.endsWith('after') ?? false,
    byId.get(s.deleted.id)?._deleted === true,
  ];
  if (parts.every(Boolean)) return 'all';
  if (parts.every((p) => !p)) return 'none';
  return `partial ${JSON.stringify(parts)}`;
}

describe('storage faults on the push write path', () => {
  it('a failure at any storage operation of a push leaves all of it or none, and says so', async () => {
    // How many storage operations one push takes (authentication and rate limits included).
    const probe = await scenario(0);
    faults.arm(Infinity);
    expect((await push(server, ana, 'posts', probe.rows)).status).toBe(200);
    const operations = faults.disarm();
    expect(await committed(probe)).toBe('all');
    expect(operations).toBeGreaterThan(10);

    const outcomes: string[] = [];
    for (let n = 1; n <= operations + 1; n++) {
      const s = await scenario(n);
      faults.arm(n);
      const answer = await push(server, ana, 'posts', s.rows);
      faults.disarm();
      const state = await committed(s);
      const where = `fault at operation ${n} of ${operations}`;
      if (answer.status === 200) {
        expect(state, `${where}: acknowledged`).toBe('all');
      } else {
        expect(answer.status, where).toBeGreaterThanOrEqual(500);
        expect(Object.keys(answer.body).sort(), where).toEqual(['error', 'message']);
        expect(JSON.stringify(answer.body), where).not.toMatch(
          /at \w+ \(|sqlite|SELECT|INSERT|injected/i,
        );
        expect(state, `${where}: refused with ${answer.status}`).toBe('none');
        // Sent again (as RxDB does), it is stored once.
        expect((await push(server, ana, 'posts', s.rows)).status, where).toBe(200);
        expect(await committed(s), `${where}: after the retry`).toBe('all');
      }
      outcomes.push(`${n}:${answer.status}`);
    }
    // Beyond the last operation nothing fails: the run covered the whole push.
    expect(outcomes.at(-1)).toBe(`${operations + 1}:200`);
    console.log(
      `storage faults: ${operations} operations per push, outcomes ${outcomes.join(' ')}`,
    );
  });
});
