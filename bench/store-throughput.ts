/**
 * Store benchmark (`npm run bench:store`): push and pull throughput of the SQLite and
 * PostgreSQL stores side by side, over real HTTP (batches of 100 threads of about 2 KB), and
 * the fan-out latency from a push on one PostgreSQL instance to 200 streams on another.
 *
 * PostgreSQL: KINDRED_BENCH_PG (default postgres://postgres@127.0.0.1:5432/postgres); the
 * benchmark creates its own database and drops it afterwards. Without PostgreSQL it measures
 * SQLite only and says so.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp } from '../sync-server/app';
import { openStore } from '../sync-server/store/open';
import type { Store } from '../sync-server/store/types';
import {
  type TestUser,
  addCommunity,
  fresh,
  joinCommunity,
  newThread,
  pullAll,
  push,
  register,
} from '../sync-server/test/helpers';
import { openStream } from '../sync-server/test/sse';

const ADMIN_URL = process.env.KINDRED_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = 100;
const BATCHES = Number(process.env.KINDRED_BENCH_BATCHES ?? 30);
const BODY = 'Two weeks in, the fatigue is lifting. '.repeat(52); // ≈ 2 KB per document
const STREAMS = 200;
const FANOUT_ROUNDS = 20;
const NO_LIMITS = {
  perIp: { max: 1e9, windowMs: 60_000 },
  perUser: { max: 1e9, windowMs: 60_000 },
};

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function serve(store: Store) {
  const app = await buildApp({ store, rateLimits: NO_LIMITS, streamsPerUser: STREAMS });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

/** Pushes BATCHES batches of BATCH threads from 4 writers at once; then one reader pulls all. */
async function throughput(db: string) {
  const store = await openStore(db);
  const server = await serve(store);
  try {
    await addCommunity(store, 'bench');
    const writers = await Promise.all([1, 2, 3, 4].map(() => register(server)));
    const reader = await register(server);
    for (const u of [...writers, reader]) await joinCommunity(server, u, 'bench');
    const started = performance.now();
    await Promise.all(
      writers.map(async (w, i) => {
        for (let b = i; b < BATCHES; b += writers.length) {
          const rows = Array.from({ length: BATCH }, () =>
            fresh(newThread(w, 'bench', { body: BODY })),
          );
          const res = await push(server, w, 'threads', rows);
          if (res.status !== 200 || res.refusals?.length) throw new Error(`push ${res.status}`);
        }
      }),
    );
    const pushSeconds = (performance.now() - started) / 1000;
    const pullStart = performance.now();
    const { documents } = await pullAll(server, reader, 'threads', undefined, BATCH);
    const pullSeconds = (performance.now() - pullStart) / 1000;
    if (documents.length !== BATCH * BATCHES) throw new Error(`pulled ${documents.length}`);
    return {
      push: Math.round((BATCH * BATCHES) / pushSeconds),
      pull: Math.round(documents.length / pullSeconds),
    };
  } finally {
    await server.close();
    await store.close();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** A push through instance A, timed until each of STREAMS streams on instance B hears of it. */
async function fanout(db: string) {
  const [storeA, storeB] = [await openStore(db), await openStore(db)];
  const [a, b] = [await serve(storeA), await serve(storeB)];
  const streams: Awaited<ReturnType<typeof openStream>>[] = [];
  try {
    await addCommunity(storeA, 'fanout');
    const writer = await register(a);
    await joinCommunity(a, writer, 'fanout');
    // 20 users with 10 streams each: 200 connected clients without 200 password hashes.
    const readers: TestUser[] = [];
    for (let i = 0; i < STREAMS / 10; i++) {
      const r = await register(b);
      await joinCommunity(b, r, 'fanout');
      readers.push(r);
    }
    for (const r of readers) {
      for (let i = 0; i < 10; i++) streams.push(await openStream(b, r.token));
    }
    const initial = streams[0]!.events.length || 10;
    await Promise.all(streams.map((s) => s.waitFor(initial)));
    const samples: number[] = [];
    for (let round = 1; round <= FANOUT_ROUNDS; round++) {
      const started = performance.now();
      const arrivals = streams.map((s) =>
        s.waitFor(initial + round).then(() => performance.now() - started),
      );
      await push(a, writer, 'threads', [fresh(newThread(writer, 'fanout'))]);
      samples.push(...(await Promise.all(arrivals)));
    }
    samples.sort((x, y) => x - y);
    return {
      p50: percentile(samples, 50).toFixed(1),
      p95: percentile(samples, 95).toFixed(1),
      p99: percentile(samples, 99).toFixed(1),
      samples: samples.length,
    };
  } finally {
    for (const s of streams) await s.close();
    await a.close();
    await b.close();
    await storeA.close();
    await storeB.close();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-bench-'));
  const name = `kindred_bench_${randomBytes(4).toString('hex')}`;
  let pgUrl: string | null = null;
  try {
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    pgUrl = url.toString();
  } catch (err) {
    console.log(`PostgreSQL not measured: ${(err as Error).message}`);
  }
  try {
    console.log(`push/pull: ${BATCHES} batches of ${BATCH} threads of ~2 KB, 4 writers, over HTTP`);
    const results: Record<string, { push: number; pull: number }> = {
      sqlite: await throughput(join(dir, 'bench.sqlite')),
    };
    if (pgUrl) results.postgres = await throughput(pgUrl);
    console.table(
      Object.fromEntries(
        Object.entries(results).map(([k, v]) => [
          k,
          { 'push docs/s': v.push, 'pull docs/s': v.pull },
        ]),
      ),
    );
    if (pgUrl) {
      console.log(`fan-out: push on instance A → ${STREAMS} streams on instance B, ms`);
      console.table({ postgres: await fanout(pgUrl) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (pgUrl) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
