/**
 * The ChangeBus over PostgreSQL LISTEN/NOTIFY. Messages go out through the pool (pg_notify,
 * delivered to every listener on the database when it commits, at once for an autocommit
 * statement) and come in on one dedicated connection per listening hub, which must stay open:
 * it is checked with a light query now and then, and reopened with back-off when it fails
 * (a database restart, a network cut). Notifications sent while it was down are lost, which
 * is why the hub is told (onReconnect) to have every client pull.
 */
import pg from 'pg';
import type { ChangeBus } from '../types';
import { type PostgresOptions, clientConfig } from './connection';
import { SQL } from './sql';

/** One channel per database: every instance on it hears every commit. */
export const CHANGES_CHANNEL = 'kindred_changes';

export interface BusOptions extends PostgresOptions {
  /** how often the LISTEN connection is checked (default 10 s) */
  checkEveryMs?: number;
  /** first and longest wait before reconnecting (defaults 100 ms, 5 s) */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export function createNotifyBus(pool: pg.Pool, options: BusOptions): ChangeBus {
  const checkEveryMs = options.checkEveryMs ?? 10_000;
  const retryMinMs = options.retryMinMs ?? 100;
  const retryMaxMs = options.retryMaxMs ?? 5_000;
  let client: pg.Client | null = null;
  let closed = false;
  let check: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;

  async function open(onMessage: (message: string) => void, onLost: () => void) {
    const next = new pg.Client(clientConfig(options));
    next.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL && n.payload !== undefined) onMessage(n.payload);
    });
    // 'error' and 'end' both mean the connection is gone; treat the first one only.
    let lost = false;
    const lose = (err?: unknown) => {
      if (lost) return;
      lost = true;
      options.onWarning?.('the LISTEN connection was lost', err);
      next.removeAllListeners('notification');
      next.end().catch(() => undefined);
      onLost();
    };
    next.on('error', lose);
    next.on('end', () => lose());
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (err) {
      lost = true;
      next.end().catch(() => undefined);
      throw err;
    }
    return { client: next, lose };
  }

  return {
    async send(message) {
      await pool.query(SQL.notify, [CHANGES_CHANNEL, message]);
    },

    async listen(onMessage, onReconnect) {
      let delay = retryMinMs;
      const reconnect = () => {
        client = null;
        if (check) clearInterval(check);
        if (closed) return;
        retry = setTimeout(() => {
          connect().then(
            () => {
              delay = retryMinMs;
              onReconnect();
            },
            (err: unknown) => {
              options.onWarning?.('reopening the LISTEN connection failed', err);
              delay = Math.min(delay * 2, retryMaxMs);
              reconnect();
            },
          );
        }, delay);
      };
      const connect = async () => {
        const opened = await open(onMessage, reconnect);
        if (closed) {
          await opened.client.end();
          return;
        }
        client = opened.client;
        // A half-open TCP connection (a cut cable) only shows when something is sent.
        check = setInterval(() => {
          opened.client.query(SQL.ping).catch(opened.lose);
        }, checkEveryMs);
        check.unref();
      };
      await connect();
    },

    async close() {
      closed = true;
      if (check) clearInterval(check);
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      if (current) {
        current.removeAllListeners();
        current.on('error', () => undefined);
        await current.end().catch(() => undefined);
      }
    },
  };
}
