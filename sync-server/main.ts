/**
 * CLI entry: `npm run server` (tsx sync-server/main.ts). Parses flags/env, opens the store,
 * seeds it on first start, listens, prints exactly one ready line on stdout (logs go to
 * stderr), and closes cleanly on SIGTERM/SIGINT.
 */
import { buildApp } from './app';
import { CONFIG_ERROR_EXIT_CODE, USAGE, parseConfig } from './config';
import { seedDemo } from './seed/demo';
import { StoreNotSupportedError, openStore } from './store/open';
import type { Store } from './store/types';

/** After this long, a shutdown that is still waiting on requests gives up on them. */
const SHUTDOWN_DEADLINE_MS = 10_000;

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

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

  let store: Store;
  try {
    store = await openStore(config.db);
  } catch (err) {
    const reason =
      err instanceof StoreNotSupportedError
        ? err.message
        : `cannot open the store: ${(err as Error).message}`;
    process.stderr.write(`kindred sync server: ${reason}\n`);
    return 1;
  }

  if (config.seed === 'demo' && (await store.isEmpty())) await seedDemo(store);

  const app = await buildApp({ store, corsOrigins: config.corsOrigins, logLevel: config.logLevel });
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
