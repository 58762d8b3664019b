/**
 * Graceful shutdown of the real process, started with the command line of `npm run server`:
 * SIGTERM while a large push is on its way lets that push finish and answer, then the process
 * exits 0, and everything it acknowledged is there after a restart. A launcher between the
 * signal and the server that kills it early fails this test: the `tsx` command SIGKILLs its
 * child when the child has not acknowledged the signal within about 60 ms, which is what
 * happens while the server is busy writing a large push.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API_BASE, PUSH_ROWS_MAX } from '../../shared/protocol';
import { type TestUser, call, fresh, newSealed, pullAll, register } from './helpers';
import { type Run, run, urlOf } from './processes';

const dir = mkdtempSync(join(tmpdir(), 'kindred-shutdown-'));
const started: Run[] = [];
afterAll(() => {
  for (const r of started) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function start(db: string): Run {
  const r = run(['--port', '0', '--db', db, '--seed', 'none']);
  started.push(r);
  return r;
}

/**
 * A push that is surely in flight: the headers and half the body go first, and the rest only
 * once the server has had time to read them (so it counts the request as in flight and a
 * graceful close waits for it). `sent` runs when the whole body is out: the server is then
 * busy with the push.
 */
function pushInFlight(
  url: string,
  user: TestUser,
  collection: string,
  rows: unknown[],
  sent: () => void,
): Promise<{ status: number; body: string; refusals: string | undefined }> {
  const body = Buffer.from(JSON.stringify(rows));
  const half = Math.floor(body.length / 2);
  return new Promise((resolve, reject) => {
    const req = request(`${url}${API_BASE}/sync/${collection}/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${user.token}`,
        'content-type': 'application/json',
        'content-length': body.length,
      },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => {
        const refusals = res.headers['kindred-refusals'] as string | undefined;
        resolve({ status: res.statusCode!, body: text, refusals });
      });
    });
    req.write(body.subarray(0, half));
    setTimeout(() => req.end(body.subarray(half), sent), 200);
  });
}

describe('shutting the server process down', () => {
  it('finishes a large push in flight when SIGTERM arrives, exits 0, and keeps every row', async () => {
    const db = join(dir, 'kindred.sqlite');
    const first = start(db);
    const server = { url: await urlOf(first) };
    const user = await register(server, 'shutdown-writer');
    const entries = Array.from({ length: PUSH_ROWS_MAX }, () => newSealed(user));
    expect(entries).toHaveLength(500);

    // SIGTERM while the server parses, checks and writes the 500 rows (a few hundred ms):
    // a launcher that gives the server only tens of ms to react kills it in the middle.
    const answer = await pushInFlight(server.url, user, 'journal', entries.map(fresh), () => {
      setTimeout(() => first.child.kill('SIGTERM'), 20);
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual([]); // no conflicts
    expect(answer.refusals ?? '[]').toBe('[]'); // and no refusals: every row written
    expect(await first.exit).toBe(0);

    const second = start(db);
    const again = { url: await urlOf(second) };
    const login = await call(again, 'POST', '/auth/login', {
      body: { username: user.username, password: `secret-${user.username}-pw` },
    });
    expect(login.status).toBe(200);
    const stored = await pullAll(again, { ...login.body, username: user.username }, 'journal');
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(stored.documents.sort(byId)).toEqual([...entries].sort(byId));
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
  });
});
