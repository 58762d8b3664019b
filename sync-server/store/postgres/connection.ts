/**
 * Connections to PostgreSQL: the pool the store queries through, the settings every connection
 * gets, and the one place where a failure is classified as "the database is unavailable"
 * (answered 503, retried by clients) rather than a bug (500).
 */
import pg from 'pg';
import { StoreUnavailableError } from '../errors';

export interface PostgresOptions {
  /** postgres://user[:password]@host[:port]/database[?options] */
  url: string;
  /** connections per server instance (default 10) */
  poolSize?: number;
  /** a statement running longer is cancelled by the server (default 10 s) */
  statementTimeoutMs?: number;
  /** giving up on opening a connection (default 5 s) */
  connectTimeoutMs?: number;
  /** log of connection-level problems (idle connections the server closed, reconnects) */
  onWarning?: (message: string, err?: unknown) => void;
}

export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

const INT8_OID = 20;
/**
 * bigint columns (seq, timestamps in ms, counts) come back as numbers: every value we store is
 * far below 2^53, and the Store interface speaks numbers.
 */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** Settings of every connection: the pool's and the dedicated LISTEN and lock connections. */
export function clientConfig(options: PostgresOptions): pg.ClientConfig {
  return {
    connectionString: options.url,
    types,
    statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    // A transaction left open by a crashed request would hold the seq lock: cut it off.
    idle_in_transaction_session_timeout:
      2 * (options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS),
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    keepAlive: true,
    application_name: 'kindred-sync',
  };
}

export function createPool(options: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({
    ...clientConfig(options),
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection that the server closes (a restart) is reported here; without a handler
  // Node would crash the process. The pool drops that connection and opens a new one on demand.
  pool.on('error', (err) => options.onWarning?.('an idle database connection was closed', err));
  return pool;
}

/** Network errors that mean the database host cannot be reached right now. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/**
 * SQLSTATEs worth retrying: connection exceptions (class 08), the server shutting down or
 * starting (57P01-57P03), too many connections, a statement timeout or lock wait that an
 * overloaded database cancelled, serialization failures and deadlocks.
 */
const RETRYABLE_SQLSTATES = /^(08...|57P0[1-3]|53300|57014|55P03|40001|40P01)$/;
/** node-postgres reports a lost or never-opened connection by message only. */
const CLIENT_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|Connection refused/i;

export function isUnavailable(err: unknown): boolean {
  if (err instanceof StoreUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || RETRYABLE_SQLSTATES.test(code))) {
    return true;
  }
  if (err instanceof AggregateError) return err.errors.some(isUnavailable);
  return CLIENT_MESSAGES.test(err.message);
}

/** Rethrows an outage as StoreUnavailableError (its cause kept for the log), anything else as is. */
export function translate(err: unknown): unknown {
  if (err instanceof StoreUnavailableError || !isUnavailable(err)) return err;
  return new StoreUnavailableError('the database is unavailable', { cause: err });
}

/** The URL without its password, for the start-up line and logs. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}
