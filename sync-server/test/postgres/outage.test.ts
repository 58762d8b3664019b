/**
 * A PostgreSQL restart seen from a running server (simulated by a proxy that drops every
 * connection and refuses new ones, then lets them through again): requests and health fail
 * with 503 and the error shape while the database is away, and everything recovers without
 * restarting the server, the live stream included (its LISTEN connection reconnects).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SERVED_COLLECTIONS } from '../../../shared/collections';
import { buildApp } from '../../app';
import { openStore } from '../../store/open';
import type { Store } from '../../store/types';
import {
  type TestServer,
  type TestUser,
  addCommunity,
  call,
  fresh,
  joinCommunity,
  newThread,
  push,
  register,
  startServer,
} from '../helpers';
import { openStream } from '../sse';
import { type TestDatabase, describePostgres } from '../stores';
import { type TcpProxy, startTcpProxy } from '../tcp-proxy';

const N = SERVED_COLLECTIONS.length;

/** Polls until `check` passes or `ms` have gone by. */
async function eventually(check: () => Promise<boolean>, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('still failing');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describePostgres('a $kind restart under a running server', (kind) => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let proxied: Store;
  let server: { url: string; close(): Promise<void> };
  let direct: TestServer;
  let reader: TestUser;
  let writer: TestUser;
  beforeAll(async () => {
    database = await kind.createDatabase();
    const target = new URL(database.db);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(database.db);
    viaProxy.port = String(proxy.port);
    proxied = await openStore(viaProxy.toString(), { poolSize: 4, connectTimeoutMs: 1000 });
    const app = await buildApp({ store: proxied });
    server = {
      url: await app.listen({ port: 0, host: '127.0.0.1' }),
      close: async () => {
        await app.close();
        await proxied.close();
      },
    };
    // A second instance that keeps its database connection throughout.
    direct = await startServer({ database });
    await addCommunity(direct.store, 'c');
    reader = await register(server, 'outage-reader');
    writer = await register(direct, 'outage-writer');
    await joinCommunity(server, reader, 'c');
    await joinCommunity(direct, writer, 'c');
  });
  afterAll(async () => {
    await server?.close();
    await direct?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('answers 503 with the error shape while the database is away, and recovers by itself', async () => {
    const stream = await openStream(server, reader.token);
    try {
      await stream.waitFor(N);
      expect((await call(server, 'GET', '/health')).body).toEqual({ ok: true, store: 'postgres' });

      await proxy.cut();
      const health = await call(server, 'GET', '/health');
      expect(health.status).toBe(503);
      expect(health.body).toEqual({ error: 'unavailable', message: expect.any(String) });
      expect(Number(health.headers.get('retry-after'))).toBeGreaterThan(0);
      const pull = await call(server, 'GET', '/sync/threads/pull', { token: reader.token });
      expect(pull.status).toBe(503);
      expect(pull.body).toEqual({ error: 'unavailable', message: expect.any(String) });
      const pushed = await push(server, reader, 'threads', [fresh(newThread(reader, 'c'))]);
      expect(pushed.status).toBe(503);
      expect(JSON.stringify([health.body, pull.body, pushed.body])).not.toMatch(/ECONN|SELECT|at /);

      await proxy.restore();
      await eventually(async () => (await call(server, 'GET', '/health')).status === 200);
      expect(
        (await call(server, 'GET', '/sync/threads/pull', { token: reader.token })).status,
      ).toBe(200);
      // The LISTEN connection came back: the stream is told to pull everything it may have
      // missed, then hears commits made through the other instance again.
      await stream.waitFor(2 * N);
      await push(direct, writer, 'threads', [fresh(newThread(writer, 'c'))]);
      await eventually(async () => stream.events.slice(2 * N).some((e) => e.event === 'threads'));
    } finally {
      await stream.close();
    }
  });
});
