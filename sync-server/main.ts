/**
 * CLI entry: `npm run server` (node --import tsx sync-server/main.ts). Parses flags/env, opens the store,
 * seeds it on first start, listens, prints exactly one ready line on stdout (logs go to
 * stderr), and closes cleanly on SIGTERM/SIGINT.
 */
import { buildApp } from './app';
import { CONFIG_ERROR_EXIT_CODE, USAGE, parseConfig } from './config';
import { seedDemo } from './seed/demo';
import { openStore } from './store/open';
import type { Store } from './store/types';

/** After this long, a shutdown that is still waiting on requests gives up on them. */
const SHUTDOWN_DEADLINE_MS = 10_000;

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** An error and its causes on one line: "the database is unavailable: connect ECONNREFUSED". */
const describe = (err: unknown): string => {
  const e = err as Error;
  return e.cause ? `${e.message}: ${describe(e.cause)}` : (e.message ?? String(err));
};

async function main(): Promise<number | undefined> {
  const parsed = parseConfig(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    process.stderr.write(`kindred sync server: ${parsed.message}\n`);
    return CONFIG_ERROR_EXIT_CODE;
  }
  const config = parsed.config;
  if (config.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  // The store exists before the app's logger: its warnings go to stderr until then.
  let warn = (message: string): void => {
    process.stderr.write(`kindred sync server: ${message}\n`);
  };
  const onWarning = (message: string, err?: unknown) =>
    err === undefined ? warn(message) : warn(`${message}: ${describe(err)}`);

  let store: Store;
  try {
    store = await openStore(config.db, {
      poolSize: config.poolSize,
      statementTimeoutMs: config.statementTimeoutMs,
      onWarning,
    });
  } catch (err) {
    process.stderr.write(`kindred sync server: cannot open the store: ${describe(err)}\n`);
    return 1;
  }

  // Instances starting together on an empty database seed it once.
  if (config.seed === 'demo') {
    await store.withStartupLock(async () => {
      if (await store.isEmpty()) await seedDemo(store);
    });
  }

  const app = await buildApp({
    store,
    corsOrigins: config.corsOrigins,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
  });
  warn = (message) => app.log.warn(message);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(
    `Kindred sync server listening on http://${urlHost(config.host)}:${port} (store: ${store.kind}, db: ${store.location})\n`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    setTimeout(() => {
      process.stderr.write('kindred sync server: shutdown deadline passed, exiting\n');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    await app.close(); // ends streams, waits for requests in flight
    await store.close();
    process.exitCode = 0;
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (err: unknown) => {
    process.stderr.write(`kindred sync server: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
