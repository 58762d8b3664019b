/**
 * What the server acknowledged survives a restart on the same database file: after a clean
 * close, and when the old process never closed its connection (as after a crash).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openStore } from '../store/open';
import {
  type TestUser,
  addCommunity,
  call,
  fresh,
  joinCommunity,
  newPost,
  newSealed,
  newThread,
  pullAll,
  push,
  register,
} from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'kindred-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function start(path: string) {
  const store = await openStore(path);
  const app = await buildApp({ store });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, store, app };
}

async function writeSome(server: { url: string }, user: TestUser) {
  const thread = newThread(user, 'kept');
  const reply = newPost(user, thread.id, 'kept');
  const journal = newSealed(user);
  expect((await push(server, user, 'threads', [fresh(thread)])).refusals).toEqual([]);
  expect((await push(server, user, 'posts', [fresh(reply)])).refusals).toEqual([]);
  expect((await push(server, user, 'journal', [fresh(journal)])).refusals).toEqual([]);
  return { thread, reply, journal };
}

async function login(server: { url: string }, user: TestUser): Promise<TestUser> {
  const res = await call(server, 'POST', '/auth/login', {
    body: { username: user.username, password: `secret-${user.username}-pw` },
  });
  expect(res.status).toBe(200);
  return { ...res.body, username: user.username };
}

describe('a server restart', () => {
  it('loses nothing acknowledged after a clean close, and old sessions and checkpoints keep working', async () => {
    const path = join(dir, 'clean.sqlite');
    const first = await start(path);
    await addCommunity(first.store, 'kept');
    const user = await register(first, 'restart-clean');
    await joinCommunity(first, user, 'kept');
    const written = await writeSome(first, user);
    const { checkpoint } = await pullAll(first, user, 'threads');
    await first.app.close();
    await first.store.close();

    const second = await start(path);
    try {
      // The token issued before the restart is still valid.
      expect((await pullAll(second, user, 'threads')).documents).toEqual([written.thread]);
      expect((await pullAll(second, user, 'posts')).documents).toEqual([written.reply]);
      expect((await pullAll(second, user, 'journal')).documents).toEqual([written.journal]);
      expect((await pullAll(second, user, 'threads', checkpoint)).documents).toEqual([]);
      const more = newThread(user, 'kept');
      await push(second, user, 'threads', [fresh(more)]);
      expect((await pullAll(second, user, 'threads', checkpoint)).documents).toEqual([more]);
    } finally {
      await second.app.close();
      await second.store.close();
    }
  });

  it('loses nothing acknowledged when the old process never closed the database', async () => {
    const path = join(dir, 'crash.sqlite');
    const first = await start(path);
    await addCommunity(first.store, 'kept');
    const user = await register(first, 'restart-crash');
    await joinCommunity(first, user, 'kept');
    const written = await writeSome(first, user);
    await first.app.close(); // the HTTP side stops; the store is never closed

    const second = await start(path);
    try {
      const again = await login(second, user);
      expect((await pullAll(second, again, 'threads')).documents).toEqual([written.thread]);
      expect((await pullAll(second, again, 'journal')).documents).toEqual([written.journal]);
    } finally {
      await second.app.close();
      await second.store.close();
      await first.store.close();
    }
  });
});
