/**
 * Store benchmark (`npm run bench:store`): push and pull throughput of the SQLite and
 * PostgreSQL stores side by side, over real HTTP (batches of 100 threads of about 2 KB; each
 * run on a fresh database, the stores taking turns), and the fan-out latency from a push on one
 * PostgreSQL instance to 200 streams on another. Writes bench/results/store.{md,json,svg}
 * (bench/lib/store-report.ts).
 *
 * PostgreSQL: KINDRED_BENCH_PG, else KINDRED_TEST_PG, else postgres://postgres@127.0.0.1:5432/
 * postgres; the benchmark creates its own databases and drops them afterwards. When it cannot
 * be reached: with CI=true or KINDRED_BENCH_PG set, the benchmark fails with one line saying
 * why; otherwise it measures SQLite only and the report says so.
 *
 * KINDRED_BENCH_RUNS (default 3) throughput runs per store, KINDRED_BENCH_BATCHES (default 30)
 * batches per run, KINDRED_BENCH_ROUNDS (default 30) fan-out pushes.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SERVED_COLLECTIONS } from '../shared/collections';
import { buildApp } from '../sync-server/app';
import { openStore } from '../sync-server/store/open';
import { describeUrl } from '../sync-server/store/postgres/connection';
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
import {
  type FanoutResult,
  type StoreName,
  type ThroughputRun,
  machineFacts,
  writeStoreReport,
} from './lib/store-report';

const ADMIN_URL =
  process.env.KINDRED_BENCH_PG ??
  process.env.KINDRED_TEST_PG ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const POSTGRES_REQUIRED = process.env.CI === 'true' || process.env.KINDRED_BENCH_PG !== undefined;
const RUNS = Number(process.env.KINDRED_BENCH_RUNS ?? 3);
const BATCH = 100;
const BATCHES = Number(process.env.KINDRED_BENCH_BATCHES ?? 30);
const WRITERS = 4;
const BODY = 'Two weeks in, the fatigue is lifting. '.repeat(52); // ≈ 2 KB per document
const STREAMS = 200;
const STREAMS_PER_READER = 10;
const FANOUT_ROUNDS = Number(process.env.KINDRED_BENCH_ROUNDS ?? 30);
const NO_LIMITS = {
  perIp: { max: 1e9, windowMs: 60_000 },
  perUser: { max: 1e9, windowMs: 60_000 },
};

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh PostgreSQL database (or SQLite file) for one run, and how to remove it. */
async function freshDatabase(store: StoreName, dir: string) {
  const name = `kindred_bench_${randomBytes(4).toString('hex')}`;
  if (store === 'sqlite') return { db: join(dir, `${name}.sqlite`), drop: async () => {} };
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    db: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function serve(store: Store) {
  const app = await buildApp({ store, rateLimits: NO_LIMITS, streamsPerUser: STREAMS });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

const documentOf = (user: TestUser, community: string) =>
  fresh(newThread(user, community, { body: BODY }));

/** WRITERS push BATCHES batches of BATCH threads at once; then one reader pulls them all. */
async function throughput(db: string): Promise<ThroughputRun> {
  const store = await openStore(db);
  const server = await serve(store);
  try {
    await addCommunity(store, 'bench');
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => register(server)));
    const reader = await register(server);
    for (const u of [...writers, reader]) await joinCommunity(server, u, 'bench');
    const started = performance.now();
    await Promise.all(
      writers.map(async (w, i) => {
        for (let b = i; b < BATCHES; b += writers.length) {
          const rows = Array.from({ length: BATCH }, () => documentOf(w, 'bench'));
          const res = await push(server, w, 'threads', rows);
          if (res.status !== 200 || res.refusals?.length) throw new Error(`push ${res.status}`);
        }
      }),
    );
    const pushMs = performance.now() - started;
    const pullStart = performance.now();
    const { documents } = await pullAll(server, reader, 'threads', undefined, BATCH);
    const pullMs = performance.now() - pullStart;
    if (documents.length !== BATCH * BATCHES) throw new Error(`pulled ${documents.length}`);
    return {
      pushDocsPerSecond: Math.round((BATCH * BATCHES) / (pushMs / 1000)),
      pullDocsPerSecond: Math.round(documents.length / (pullMs / 1000)),
      pushMs: Math.round(pushMs),
      pullMs: Math.round(pullMs),
    };
  } finally {
    await server.close();
    await store.close();
  }
}

/** Pushes of one thread through instance A, each timed until every stream on instance B hears it. */
async function fanout(db: string): Promise<FanoutResult> {
  const [storeA, storeB] = [await openStore(db), await openStore(db)];
  const [a, b] = [await serve(storeA), await serve(storeB)];
  const streams: Awaited<ReturnType<typeof openStream>>[] = [];
  try {
    await addCommunity(storeA, 'fanout');
    const writer = await register(a);
    await joinCommunity(a, writer, 'fanout');
    // 20 members with 10 streams each: 200 connected clients without 200 password hashes.
    for (let i = 0; i < STREAMS / STREAMS_PER_READER; i++) {
      const reader = await register(b);
      await joinCommunity(b, reader, 'fanout');
      for (let s = 0; s < STREAMS_PER_READER; s++) streams.push(await openStream(b, reader.token));
    }
    await Promise.all(streams.map((s) => s.waitFor(SERVED_COLLECTIONS.length)));
    const arrivals: number[] = [];
    const lastArrivals: number[] = [];
    const acks: number[] = [];
    // Round 0 warms up the path (connections, prepared plans) and is not counted.
    for (let round = 0; round <= FANOUT_ROUNDS; round++) {
      const started = performance.now();
      const heard = streams.map((s) =>
        s.waitFor(s.events.length + 1).then(() => performance.now() - started),
      );
      const res = await push(a, writer, 'threads', [documentOf(writer, 'fanout')]);
      const ackMs = performance.now() - started;
      if (res.status !== 200) throw new Error(`push ${res.status}`);
      const times = await Promise.all(heard);
      if (round === 0) continue;
      arrivals.push(...times);
      lastArrivals.push(Math.max(...times));
      acks.push(ackMs);
    }
    return { pushes: FANOUT_ROUNDS, streams: STREAMS, arrivals, lastArrivals, acks };
  } finally {
    for (const s of streams) await s.close();
    await a.close();
    await b.close();
    await storeA.close();
    await storeB.close();
  }
}

/** Why PostgreSQL cannot be measured here, or null when it can. */
async function postgresProblem(): Promise<string | null> {
  try {
    await admin((c) => c.query('SELECT 1'));
    return null;
  } catch (err) {
    return `PostgreSQL at ${describeUrl(ADMIN_URL)} is not reachable (${(err as Error).message})`;
  }
}

async function main(): Promise<number> {
  const problem = await postgresProblem();
  if (problem && POSTGRES_REQUIRED) {
    console.error(`bench:store: ${problem}; it is required with CI=true or KINDRED_BENCH_PG set.`);
    return 1;
  }
  if (problem) console.log(`bench:store: ${problem}: measuring SQLite only.`);
  const stores: StoreName[] = problem ? ['sqlite'] : ['sqlite', 'postgres'];
  const postgresVersion = problem
    ? null
    : await admin((c) => c.query<{ server_version: string }>('SHOW server_version')).then(
        (r) => r.rows[0]!.server_version,
      );
  const machine = machineFacts(postgresVersion);
  const dir = mkdtempSync(join(tmpdir(), 'kindred-bench-store-'));
  try {
    console.log(
      `push/pull: ${RUNS} run(s) per store of ${BATCHES} batches of ${BATCH} threads (~2 KB), ${WRITERS} writers, over HTTP`,
    );
    const runs: Record<StoreName, ThroughputRun[]> = { sqlite: [], postgres: [] };
    // The stores take turns, so that a change in the machine's other load hits both alike.
    for (let run = 1; run <= RUNS; run++) {
      for (const store of stores) {
        const database = await freshDatabase(store, dir);
        try {
          const result = await throughput(database.db);
          runs[store].push(result);
          console.log(
            `  run ${run} ${store}: push ${result.pushDocsPerSecond} docs/s, pull ${result.pullDocsPerSecond} docs/s`,
          );
        } finally {
          await database.drop();
        }
      }
    }
    let fan: FanoutResult | null = null;
    if (!problem) {
      console.log(`fan-out: ${FANOUT_ROUNDS} pushes on instance A → ${STREAMS} streams on B`);
      const database = await freshDatabase('postgres', dir);
      try {
        fan = await fanout(database.db);
      } finally {
        await database.drop();
      }
    }
    await writeStoreReport({
      method: { batch: BATCH, batches: BATCHES, writers: WRITERS, runs: RUNS },
      documentBytes: Buffer.byteLength(
        JSON.stringify(
          documentOf({ userId: 'u', token: '', username: 'u' }, 'bench').newDocumentState,
        ),
      ),
      throughput: runs,
      fanout: fan,
      postgresSkipped: problem,
      machine: machine.finish(),
    });
    return 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
