/**
 * Sync benchmark (`npm run bench`, or `tsx bench/first-sync.ts` alone): what a member's device
 * pays to receive a community, Kindred side by side with PouchDB replicating from express-pouchdb
 * (the classic offline-first stack) on the same documents, each through a counting proxy.
 *
 * 1. First sync of a community (10,000 threads, 50,000 replies; seeded): bytes on the wire
 *    (request + response, after compression), wall time, requests; against the floor, the gzip
 *    size of the same documents as one JSON array.
 * 2. Incremental: one new reply reaching an already-synced client (stream event + pull).
 * 3. Poor connection (256 kbit/s, 300 ms round trip) on a smaller community, and a connection
 *    cut at 50% with the resumed sync's bytes against the remainder.
 *
 * Sizes: KINDRED_BENCH_THREADS / KINDRED_BENCH_REPLIES (default 10000 / 50000);
 * KINDRED_BENCH_RXDB=0 skips the real RxDB client (fake-indexeddb) on the full community;
 * KINDRED_BENCH_RUNS (3): runs of each first-sync client. The report: bench/lib/first-sync-report.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { PULL_LIMIT_DEFAULT, PULL_LIMIT_MAX } from '../shared/protocol';
import { PageSizer } from '../renderer/src/sync/page-size';
import { buildApp } from '../sync-server/app';
import { openStore } from '../sync-server/store/open';
import type { Store } from '../sync-server/store/types';
import { joinCommunity, push, register } from '../sync-server/test/helpers';
import type { TestUser } from '../sync-server/test/helpers';
import { newSealingKey, startClient } from '../renderer/test/harness';
import { communityCorpus, type CommunityCorpus } from './lib/community-corpus';
import { loadKindred } from './lib/kindred-store';
import {
  bulkLoad,
  hasDoc,
  newLocalDb,
  remoteDb,
  replicateLive,
  replicateOnce,
  startPeerServer,
  type PeerServer,
} from './lib/peer';
import { type LinkShape, type ProxyCounts, startProxy } from './lib/proxy';
import {
  type CompressionStep,
  type Cut,
  type Floor,
  type Measure,
  repeated,
  writeFirstSyncReport,
} from './lib/first-sync-report';
import { mb, median, seconds } from './lib/results';

const THREADS = Number(process.env.KINDRED_BENCH_THREADS ?? 10_000);
const REPLIES = Number(process.env.KINDRED_BENCH_REPLIES ?? 50_000);
const WITH_RXDB = process.env.KINDRED_BENCH_RXDB !== '0';
/** How many times each first-sync client runs (in turn); the report gives medians. */
const RUNS = Number(process.env.KINDRED_BENCH_RUNS ?? 3);
const INCREMENTAL_ROUNDS = 5;
const POOR_LINK: LinkShape = { bytesPerSecond: 256_000 / 8, oneWayDelayMs: 150 };
const POOR_THREADS = 300;
const POOR_REPLIES = 1_500;
const NO_LIMITS = {
  perIp: { max: 1e9, windowMs: 60_000 },
  perUser: { max: 1e9, windowMs: 60_000 },
};
const COLLECTIONS = ['threads', 'posts'] as const;
const CURVE_REPEATS = 3;

const measureOf = (counts: ProxyCounts, ms: number, docs: number): Measure => ({
  bytes: counts.bytesUp + counts.bytesDown,
  bytesUp: counts.bytesUp,
  bytesDown: counts.bytesDown,
  requests: counts.requests,
  ms: Math.round(ms),
  docs,
});

// ---------------------------------------------------------------- Kindred

interface KindredServer {
  url: string;
  store: Store;
  close(): Promise<void>;
}

async function startKindred(dir: string): Promise<KindredServer> {
  const store = await openStore(join(dir, 'bench.sqlite'));
  const app = await buildApp({ store, rateLimits: NO_LIMITS });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

async function member(server: KindredServer, communityId: string): Promise<TestUser> {
  const user = await register(server, `reader-${Date.now().toString(36)}-${++members}`);
  await joinCommunity(server, user, communityId);
  return user;
}
let members = 0;

type Checkpoints = Partial<Record<(typeof COLLECTIONS)[number], unknown>>;
/** A fixed limit, or pages sized by how fast they come, as the app does (sync/page-size.ts). */
type PageSize = number | 'adaptive';

/**
 * A minimal client speaking the protocol: every collection pulled page by page from its
 * checkpoint, collections at once (as RxDB does), answers parsed, nothing stored. The checkpoint
 * is kept after each complete page, so a broken connection resumes where it stopped.
 */
async function pullLoop(
  url: string,
  token: string,
  pageSize: PageSize,
  checkpoints: Checkpoints = {},
  acceptEncoding?: string,
): Promise<number> {
  let docs = 0;
  await Promise.all(
    COLLECTIONS.map(async (collection) => {
      // Each collection sizes its own pages, as each RxDB replication does in the app.
      const sizer = pageSize === 'adaptive' ? new PageSizer() : null;
      for (let page = 0; page < 100_000; page += 1) {
        const limit = sizer ? sizer.next() : (pageSize as number);
        const started = performance.now();
        const query = new URLSearchParams({ limit: String(limit) });
        if (checkpoints[collection] !== undefined)
          query.set('checkpoint', JSON.stringify(checkpoints[collection]));
        const res = await fetch(`${url}/api/v1/sync/${collection}/pull?${query}`, {
          headers: {
            authorization: `Bearer ${token}`,
            ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
          },
        });
        if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status}`);
        const body = (await res.json()) as { documents: unknown[]; checkpoint: unknown };
        sizer?.record(limit, body.documents.length, performance.now() - started);
        checkpoints[collection] = body.checkpoint;
        docs += body.documents.length;
        if (body.documents.length < limit) return;
      }
    }),
  );
  return docs;
}

async function kindredPullLoop(
  server: KindredServer,
  communityId: string,
  limit: PageSize,
  shape?: LinkShape,
  acceptEncoding?: string,
): Promise<Measure> {
  const user = await member(server, communityId);
  const proxy = await startProxy(server.url, shape);
  try {
    const started = performance.now();
    const docs = await pullLoop(proxy.url, user.token, limit, {}, acceptEncoding);
    return measureOf(proxy.counts(), performance.now() - started, docs);
  } finally {
    await proxy.close();
  }
}

async function kindredRxdb(server: KindredServer, corpus: CommunityCorpus): Promise<Measure> {
  const user = await member(server, corpus.communityId);
  const proxy = await startProxy(server.url);
  const started = performance.now();
  const client = await startClient(server.url, 'Reader', {
    account: { ...user, displayName: 'Reader', sealingKey: await newSealingKey() },
    collections: ['memberships', 'threads', 'posts'],
    via: proxy.url,
  });
  try {
    const expected = corpus.threads.length + corpus.posts.length;
    let docs = 0;
    for (let round = 0; round < 200 && docs < expected; round += 1) {
      await client.sync.awaitInSync();
      docs = (await client.db.threads.count().exec()) + (await client.db.posts.count().exec());
    }
    if (docs < expected) throw new Error(`RxDB client holds ${docs} of ${expected}`);
    return measureOf(proxy.counts(), performance.now() - started, docs);
  } finally {
    await client.close();
    await proxy.close();
  }
}

// ---------------------------------------------------------------- the peer

async function peerFirstSync(peer: PeerServer, dbName: string, shape?: LinkShape) {
  const proxy = await startProxy(peer.url, shape);
  try {
    const started = performance.now();
    const docs = await replicateOnce(remoteDb(`${proxy.url}/${dbName}`), newLocalDb());
    return measureOf(proxy.counts(), performance.now() - started, docs);
  } finally {
    await proxy.close();
  }
}

// ---------------------------------------------------------------- incremental

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2_000; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out: ${what}`);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

async function kindredIncremental(server: KindredServer, corpus: CommunityCorpus) {
  const writer = await member(server, corpus.communityId);
  const reader = await member(server, corpus.communityId);
  const proxy = await startProxy(server.url);
  const client = await startClient(server.url, 'Reader', {
    account: { ...reader, displayName: 'Reader', sealingKey: await newSealingKey() },
    collections: ['memberships', 'threads', 'posts'],
    via: proxy.url,
  });
  const rounds: Measure[] = [];
  try {
    await client.sync.awaitInSync();
    await settle();
    for (let round = 0; round < INCREMENTAL_ROUNDS; round += 1) {
      const thread = corpus.threads[round]!;
      const now = Date.now();
      const post = {
        id: crypto.randomUUID(),
        updatedAt: now,
        threadId: thread.id,
        communityId: corpus.communityId,
        authorId: writer.userId,
        authorName: writer.username,
        body: 'Same here: the rash eased after two weeks with a thick moisturizer, twice a day.',
        createdAt: now,
        _deleted: false,
      };
      proxy.reset();
      const started = performance.now();
      const res = await push(server, writer, 'posts', [
        { assumedMasterState: null, newDocumentState: post },
      ]);
      if (res.status !== 200) throw new Error(`push ${res.status}`);
      await waitUntil(
        async () => (await client.db.posts.findOne(post.id).exec()) !== null,
        'the reply on the reader',
      );
      const ms = performance.now() - started;
      await settle(); // anything the client still asks for belongs to this reply
      rounds.push(measureOf(proxy.counts(), ms, 1));
    }
  } finally {
    await client.close();
    await proxy.close();
  }
  return rounds;
}

async function peerIncremental(peer: PeerServer, dbName: string) {
  const proxy = await startProxy(peer.url);
  const local = newLocalDb();
  const live = await replicateLive(remoteDb(`${proxy.url}/${dbName}`), local);
  const rounds: Measure[] = [];
  try {
    await settle();
    for (let round = 0; round < INCREMENTAL_ROUNDS; round += 1) {
      const id = crypto.randomUUID();
      proxy.reset();
      const started = performance.now();

      await peer.db(dbName).put({
        _id: id,
        updatedAt: Date.now(),
        threadId: 'x',
        communityId: 'bench-live',
        authorId: 'writer',
        authorName: 'writer',
        body: 'Same here: the rash eased after two weeks with a thick moisturizer, twice a day.',
        createdAt: Date.now(),
      });
      await waitUntil(() => hasDoc(local, id), 'the reply on the peer');
      const ms = performance.now() - started;
      await settle();
      rounds.push(measureOf(proxy.counts(), ms, 1));
    }
  } finally {
    live.cancel();
    await proxy.close();
  }
  return rounds;
}

// ---------------------------------------------------------------- cut at 50%

async function kindredCut(
  server: KindredServer,
  communityId: string,
  fullBytes: number,
): Promise<Cut> {
  const user = await member(server, communityId);
  const checkpoints: Checkpoints = {};
  const first = await startProxy(server.url, POOR_LINK);
  const cut = first.cutAfter(Math.round(fullBytes / 2));
  await pullLoop(first.url, user.token, 'adaptive', checkpoints).catch(() => undefined);
  await cut;
  const beforeCut = first.total();
  await first.close();
  const second = await startProxy(server.url, POOR_LINK);
  const started = performance.now();
  const docs = await pullLoop(second.url, user.token, 'adaptive', checkpoints);
  const resumed = measureOf(second.counts(), performance.now() - started, docs);
  await second.close();
  return { beforeCut, resumed };
}

async function peerCut(peer: PeerServer, dbName: string, fullBytes: number): Promise<Cut> {
  const local = newLocalDb();
  const first = await startProxy(peer.url, POOR_LINK);
  const cut = first.cutAfter(Math.round(fullBytes / 2));
  await replicateOnce(remoteDb(`${first.url}/${dbName}`), local).catch(() => undefined);
  await cut;
  const beforeCut = first.total();
  await first.close();
  const second = await startProxy(peer.url, POOR_LINK);
  const started = performance.now();
  const docs = await replicateOnce(remoteDb(`${second.url}/${dbName}`), local);
  const resumed = measureOf(second.counts(), performance.now() - started, docs);
  await second.close();
  return { beforeCut, resumed };
}

// ---------------------------------------------------------------- main

function floorOf(corpus: CommunityCorpus): Floor {
  const json = JSON.stringify([...corpus.threads, ...corpus.posts]);
  const brotli = (quality: number) => {
    const started = performance.now();
    const bytes = brotliCompressSync(json, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: quality,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    }).length;
    return { bytes, ms: Math.round(performance.now() - started) };
  };
  const q4 = brotli(4);
  const q11 = brotli(11);
  return {
    rawBytes: Buffer.byteLength(json),
    gzipBytes: gzipSync(json).length,
    brotli4Bytes: q4.bytes,
    brotli4Ms: q4.ms,
    brotli11Bytes: q11.bytes,
    brotli11Ms: q11.ms,
  };
}

/**
 * What a stronger compressor would buy and cost, on one full pull page (the app's largest,
 * PULL_LIMIT_MAX replies) as the server sends it: size relative to brotli quality 4 (the
 * server's setting) and CPU time per MB of JSON, each quality compressed CURVE_REPEATS times.
 */
function compressionCurve(corpus: CommunityCorpus): CompressionStep[] {
  const page = JSON.stringify({ documents: corpus.posts.slice(0, PULL_LIMIT_MAX), checkpoint: {} });
  const megabytes = Buffer.byteLength(page) / 1024 / 1024;
  const timed = (compress: () => number) => {
    let bytes = 0;
    const started = performance.now();
    for (let i = 0; i < CURVE_REPEATS; i += 1) bytes = compress();
    return { bytes, msPerMb: (performance.now() - started) / CURVE_REPEATS / megabytes };
  };
  const brotli = (quality: number) =>
    timed(
      () =>
        brotliCompressSync(page, {
          params: {
            [zlibConstants.BROTLI_PARAM_QUALITY]: quality,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: page.length,
          },
        }).length,
    );
  const steps = [
    { codec: 'gzip level 6', ...timed(() => gzipSync(page).length) },
    ...[4, 5, 6, 7, 9, 11].map((q) => ({ codec: `brotli quality ${q}`, ...brotli(q) })),
  ];
  const q4 = steps.find((s) => s.codec === 'brotli quality 4')!.bytes;
  return steps.map((s) => ({ ...s, msPerMb: Math.round(s.msPerMb), relativeToQ4: s.bytes / q4 }));
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-bench-sync-'));
  const kindred = await startKindred(dir);
  const peer = await startPeerServer();
  const log = (message: string) => console.log(`[first-sync] ${message}`);
  try {
    // --- first sync
    const corpus = communityCorpus({ threads: THREADS, replies: REPLIES });
    const floor = floorOf(corpus);
    const curve = compressionCurve(corpus);
    log(`community: ${THREADS} threads, ${REPLIES} replies, ${mb(floor.rawBytes)} as JSON`);
    let t = performance.now();
    await loadKindred(kindred.store, corpus);
    log(`loaded into the Kindred store (SQLite) in ${seconds(performance.now() - t)}`);
    t = performance.now();
    await bulkLoad(peer.db('community'), [...corpus.threads, ...corpus.posts]);
    log(`loaded into the peer (memory PouchDB) in ${seconds(performance.now() - t)}`);

    const BR = 'gzip, deflate, br'; // what Chromium and Electron ask for
    const runs = {
      peer: [] as Measure[],
      adaptiveBr: [] as Measure[],
      adaptiveGzip: [] as Measure[],
      fixedDefaultBr: [] as Measure[],
      fixedMaxBr: [] as Measure[],
    };
    for (let run = 1; run <= RUNS; run += 1) {
      const note = (what: string, m: Measure) =>
        log(
          `run ${run}/${RUNS}, ${what}: ${mb(m.bytes)} in ${seconds(m.ms)}, ${m.requests} requests`,
        );
      const id = corpus.communityId;
      runs.peer.push(await peerFirstSync(peer, 'community'));
      note('peer', runs.peer.at(-1)!);
      runs.adaptiveBr.push(await kindredPullLoop(kindred, id, 'adaptive', undefined, BR));
      note('Kindred pull loop (adaptive pages, br)', runs.adaptiveBr.at(-1)!);
      runs.adaptiveGzip.push(await kindredPullLoop(kindred, id, 'adaptive'));
      note('Kindred pull loop (adaptive, gzip)', runs.adaptiveGzip.at(-1)!);
      runs.fixedDefaultBr.push(
        await kindredPullLoop(kindred, id, PULL_LIMIT_DEFAULT, undefined, BR),
      );
      note(`Kindred pull loop (limit ${PULL_LIMIT_DEFAULT}, br)`, runs.fixedDefaultBr.at(-1)!);
      runs.fixedMaxBr.push(await kindredPullLoop(kindred, id, PULL_LIMIT_MAX, undefined, BR));
      note(`Kindred pull loop (limit ${PULL_LIMIT_MAX}, br)`, runs.fixedMaxBr.at(-1)!);
    }
    let rxdb: Measure | null = null;
    if (WITH_RXDB) {
      rxdb = await kindredRxdb(kindred, corpus);
      log(`Kindred RxDB client: ${mb(rxdb.bytes)} in ${seconds(rxdb.ms)}`);
    }
    for (const m of [...Object.values(runs).flat(), ...(rxdb ? [rxdb] : [])]) {
      if (m.docs !== THREADS + REPLIES) throw new Error(`received ${m.docs} documents`);
    }

    // --- incremental, on a small community (what it costs does not depend on its size)
    const live = communityCorpus({ threads: 50, replies: 200, seed: 7, communityId: 'bench-live' });
    await loadKindred(kindred.store, live);
    await bulkLoad(peer.db('live'), [...live.threads, ...live.posts]);
    const incKindred = await kindredIncremental(kindred, live);
    const incPeer = await peerIncremental(peer, 'live');
    log(
      `incremental: Kindred ${median(incKindred.map((m) => m.bytes))} B, peer ${median(incPeer.map((m) => m.bytes))} B`,
    );

    // --- poor connection and a cut at 50%
    const small = communityCorpus({
      threads: POOR_THREADS,
      replies: POOR_REPLIES,
      seed: 11,
      communityId: 'bench-poor',
    });
    const smallFloor = floorOf(small);
    await loadKindred(kindred.store, small);
    await bulkLoad(peer.db('poor'), [...small.threads, ...small.posts]);
    const poorKindred = await kindredPullLoop(kindred, small.communityId, 'adaptive', POOR_LINK);
    log(`poor link, Kindred: ${mb(poorKindred.bytes)} in ${seconds(poorKindred.ms)}`);
    const poorPeer = await peerFirstSync(peer, 'poor', POOR_LINK);
    log(`poor link, peer: ${mb(poorPeer.bytes)} in ${seconds(poorPeer.ms)}`);
    const cutKindred = await kindredCut(kindred, small.communityId, poorKindred.bytes);
    const cutPeer = await peerCut(peer, 'poor', poorPeer.bytes);

    await writeFirstSyncReport({
      runs: RUNS,
      corpus: { threads: THREADS, replies: REPLIES, floor },
      compression: curve,
      compressionRepeats: CURVE_REPEATS,
      firstSync: {
        peer: repeated(runs.peer),
        adaptiveBr: repeated(runs.adaptiveBr),
        adaptiveGzip: repeated(runs.adaptiveGzip),
        fixedDefaultBr: repeated(runs.fixedDefaultBr),
        fixedMaxBr: repeated(runs.fixedMaxBr),
        rxdb,
        pageLimits: { default: PULL_LIMIT_DEFAULT, max: PULL_LIMIT_MAX },
      },
      incremental: { rounds: INCREMENTAL_ROUNDS, kindred: incKindred, peer: incPeer },
      poor: {
        link: POOR_LINK,
        threads: POOR_THREADS,
        replies: POOR_REPLIES,
        floor: smallFloor,
        kindred: poorKindred,
        peer: poorPeer,
        cut: { kindred: cutKindred, peer: cutPeer },
      },
    });
    log('written bench/results/first-sync.md and .json');
  } finally {
    await peer.close();
    await kindred.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
