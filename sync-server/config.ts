/**
 * Server configuration from command-line flags and environment variables (flags win).
 * A pure function: main.ts prints the message of a bad value and exits with code 2.
 */
import { DEFAULT_HOST, DEFAULT_PORT } from '../shared/protocol';

export type SeedMode = 'demo' | 'none';

export interface ServerConfig {
  port: number;
  host: string;
  /** a SQLite file path, ':memory:' or a postgres:// URL */
  db: string;
  seed: SeedMode;
  /** undefined = the app's default origins */
  corsOrigins: string[] | undefined;
  logLevel: string;
  /** PostgreSQL only: connections per instance */
  poolSize: number;
  /** PostgreSQL only: statements running longer are cancelled */
  statementTimeoutMs: number;
  /** Fastify's trustProxy: false, true, a hop count, or comma-separated addresses/CIDRs */
  trustProxy: boolean | number | string;
  help: boolean;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; message: string };

export const DEFAULT_DB = './data/kindred.sqlite';
export const CONFIG_ERROR_EXIT_CODE = 2;
export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** flag name -> environment variable */
const OPTIONS = {
  port: 'KINDRED_PORT',
  host: 'KINDRED_HOST',
  db: 'KINDRED_DB',
  seed: 'KINDRED_SEED',
  'cors-origins': 'KINDRED_CORS_ORIGINS',
  'log-level': 'KINDRED_LOG_LEVEL',
  'pool-size': 'KINDRED_POOL_SIZE',
  'statement-timeout-ms': 'KINDRED_STATEMENT_TIMEOUT_MS',
  'trust-proxy': 'KINDRED_TRUST_PROXY',
} as const;
type OptionName = keyof typeof OPTIONS;

export const USAGE = `Usage: npm run server -- [options]   (node --import tsx sync-server/main.ts [options])
  --port <n>              KINDRED_PORT          default ${DEFAULT_PORT} (0 = any free port)
  --host <host>           KINDRED_HOST          default ${DEFAULT_HOST}
  --db <path|:memory:|postgres://...>
                          KINDRED_DB            default ${DEFAULT_DB}
  --seed demo|none        KINDRED_SEED          default demo (only when the store is empty)
  --cors-origins <a,b>    KINDRED_CORS_ORIGINS  default: the app's own origins
  --log-level <level>     KINDRED_LOG_LEVEL     default info
  --pool-size <n>         KINDRED_POOL_SIZE     PostgreSQL connections per instance, default ${DEFAULT_POOL_SIZE}
  --statement-timeout-ms <n>
                          KINDRED_STATEMENT_TIMEOUT_MS  PostgreSQL, default ${DEFAULT_STATEMENT_TIMEOUT_MS}
  --trust-proxy <value>   KINDRED_TRUST_PROXY   proxies whose X-Forwarded-For counts: true, a hop
                                                count, or addresses/CIDRs (a,b); default none
  --help                  this text

Operator commands (roles, audit): npm run admin -- --help`;

const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);

/** An origin is scheme://host[:port] with nothing after it (app://kindred, http://127.0.0.1:5173). */
const ORIGIN = /^[a-z][a-z0-9+.-]*:\/\/[^\s/?#]+$/i;

export function parseConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): ConfigResult {
  const flags = new Map<OptionName, string>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!match || !isOption(match[1]!))
      return { ok: false, message: `unknown option "${arg}"\n${USAGE}` };
    const name = match[1] as OptionName;
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith('--'))
        return { ok: false, message: `--${name} needs a value` };
      i++;
    }
    flags.set(name, value);
  }

  /** The value and where it came from, for messages that point at the right place. */
  const get = (name: OptionName): { value: string; source: string } | undefined => {
    const flag = flags.get(name);
    if (flag !== undefined) return { value: flag, source: `--${name}` };
    const fromEnv = env[OPTIONS[name]];
    if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, source: OPTIONS[name] };
    return undefined;
  };
  const bad = (source: string, expected: string, value: string): ConfigResult => ({
    ok: false,
    message: `${source} must be ${expected} (got "${value}")`,
  });

  let port = DEFAULT_PORT;
  const portIn = get('port');
  if (portIn) {
    if (!/^\d{1,5}$/.test(portIn.value) || Number(portIn.value) > 65535) {
      return bad(portIn.source, 'an integer from 0 to 65535', portIn.value);
    }
    port = Number(portIn.value);
  }

  const hostIn = get('host');
  const host = hostIn?.value.trim() ?? DEFAULT_HOST;
  if (hostIn && (host === '' || /[\s/]/.test(host)))
    return bad(hostIn.source, 'a host name or IP address', hostIn.value);

  const dbIn = get('db');
  const db = dbIn?.value ?? DEFAULT_DB;
  if (dbIn && db.trim() === '')
    return bad(dbIn.source, 'a file path, :memory: or a postgres:// URL', db);

  const seedIn = get('seed');
  const seed = (seedIn?.value ?? 'demo') as SeedMode;
  if (seed !== 'demo' && seed !== 'none') return bad(seedIn!.source, 'demo or none', seedIn!.value);

  let corsOrigins: string[] | undefined;
  const corsIn = get('cors-origins');
  if (corsIn) {
    corsOrigins = corsIn.value
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    const wrong = corsOrigins.find((o) => !ORIGIN.test(o));
    if (wrong !== undefined || corsOrigins.length === 0) {
      return bad(
        corsIn.source,
        'comma-separated origins like http://127.0.0.1:5173',
        wrong ?? corsIn.value,
      );
    }
  }

  const levelIn = get('log-level');
  const logLevel = levelIn?.value ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    return bad(levelIn!.source, `one of ${LOG_LEVELS.join(', ')}`, logLevel);

  const int = (name: OptionName, fallback: number, min: number, max: number) => {
    const input = get(name);
    if (!input) return fallback;
    const n = Number(input.value);
    if (!/^\d+$/.test(input.value) || n < min || n > max) {
      return bad(input.source, `an integer from ${min} to ${max}`, input.value);
    }
    return n;
  };
  const poolSize = int('pool-size', DEFAULT_POOL_SIZE, 1, 1000);
  if (typeof poolSize !== 'number') return poolSize;
  const statementTimeoutMs = int(
    'statement-timeout-ms',
    DEFAULT_STATEMENT_TIMEOUT_MS,
    1,
    3_600_000,
  );
  if (typeof statementTimeoutMs !== 'number') return statementTimeoutMs;

  const proxyIn = get('trust-proxy');
  let trustProxy: boolean | number | string = false;
  if (proxyIn) {
    const v = proxyIn.value.trim();
    if (v === 'true' || v === 'false') trustProxy = v === 'true';
    else if (/^\d{1,2}$/.test(v)) trustProxy = Number(v);
    else if (/^[0-9a-f.:/]+(,[0-9a-f.:/]+)*$/i.test(v.replace(/\s+/g, ''))) trustProxy = v;
    else return bad(proxyIn.source, 'true, false, a hop count, or addresses/CIDRs', proxyIn.value);
  }

  return {
    ok: true,
    config: {
      port,
      host,
      db,
      seed,
      corsOrigins,
      logLevel,
      poolSize,
      statementTimeoutMs,
      trustProxy,
      help,
    },
  };
}
