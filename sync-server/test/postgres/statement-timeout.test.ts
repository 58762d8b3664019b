/**
 * Statement timeouts on PostgreSQL (`--statement-timeout-ms`): every connection the store opens
 * carries the configured statement_timeout, and a request whose statement outlasts it (here:
 * blocked behind a lock another session holds, as behind a long migration or a stuck
 * transaction) is cancelled by the database and answered 503 with the standard error body,
 * instead of holding the request and its pooled connection until the client gives up. Once the
 * lock is gone the same server serves again.
 */
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientConfig, createPool } from '../../store/postgres/connection';
import { addCommunity, call, joinCommunity, register } from '../helpers';
import { run, urlOf } from '../processes';
import { type TestDatabase, describePostgres } from '../stores';

const TIMEOUT_MS = 600;
/** Below the 10 s default: an answer later than this means the flag was not applied. */
const ANSWER_WITHIN_MS = 7_000;

/** Rejects when `work` has not settled within `ms`: a hang fails with a reason, not a test timeout. */
function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

describePostgres('statement timeouts on $kind', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await kind.createDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('gives every pooled and dedicated connection the configured statement_timeout', async () => {
    const pool = createPool({ url: database.db, statementTimeoutMs: TIMEOUT_MS, poolSize: 3 });
    const defaults = createPool({ url: database.db, poolSize: 1 });
    const dedicated = new pg.Client(clientConfig({ url: database.db, statementTimeoutMs: 1234 }));
    try {
      // Three connections held at once, so each answer comes from a different session.
      const clients = await Promise.all([1, 2, 3].map(() => pool.connect()));
      try {
        const shown = await Promise.all(clients.map((c) => c.query('SHOW statement_timeout')));
        expect(shown.map((r) => r.rows[0].statement_timeout)).toEqual(['600ms', '600ms', '600ms']);
      } finally {
        for (const c of clients) c.release();
      }
      expect((await defaults.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe(
        '10s',
      );
      await dedicated.connect();
      expect((await dedicated.query('SHOW statement_timeout')).rows[0].statement_timeout).toBe(
        '1234ms',
      );
    } finally {
      await pool.end();
      await defaults.end();
      await dedicated.end().catch(() => undefined);
    }
  });

  it('cancels a statement outlasting --statement-timeout-ms and answers 503, then serves again', async () => {
    const server = run([
      '--port',
      '0',
      '--db',
      database.db,
      '--statement-timeout-ms',
      `${TIMEOUT_MS}`,
    ]);
    const locker = new pg.Client({ connectionString: database.db });
    try {
      const url = { url: await urlOf(server) };
      const member = await register(url, 'timeout-member');
      await addCommunity(await database.open(), 'slow');
      await joinCommunity(url, member, 'slow');
      const pull = () =>
        within(
          ANSWER_WITHIN_MS,
          'pull',
          call(url, 'GET', '/sync/threads/pull', { token: member.token }),
        );
      expect((await pull()).status).toBe(200);

      // Another session holds the documents table: every read of it waits for the lock.
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE documents IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const blocked = await pull();
      const waited = Date.now() - started;
      expect(blocked.status).toBe(503);
      expect(blocked.body).toEqual({ error: 'unavailable', message: expect.any(String) });
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.stringify(blocked.body)).not.toMatch(/statement|cancel|SELECT|documents/i);
      expect(waited).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      // The database cancelled it: no server session is left waiting for the lock.
      expect(await sessionsWaitingForALock(database.db)).toBe(0);
      // Health does not read the locked table: the instance stays in the balancer.
      expect((await call(url, 'GET', '/health')).status).toBe(200);

      await locker.query('ROLLBACK');
      expect((await pull()).status).toBe(200);
    } finally {
      await locker.end().catch(() => undefined);
      server.child.kill('SIGTERM');
      await server.exit;
    }
  });
});

async function sessionsWaitingForALock(db: string): Promise<number> {
  const probe = new pg.Client({ connectionString: db });
  await probe.connect();
  try {
    const { rows } = await probe.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE application_name = 'kindred-sync' AND wait_event_type = 'Lock'`,
    );
    return rows[0]!.n;
  } finally {
    await probe.end();
  }
}
