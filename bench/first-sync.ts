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
 * KINDRED_BENCH_RXDB=0 skips the real RxDB client (fake-indexeddb) on the full community.
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
  type Cell,
  kb,
  markdownTable,
  mb,
  median,
  ratio,
  seconds,
  writeResults,
} from './lib/results';

const THREADS = Number(process.env.KINDRED_BENCH_THREADS ?? 10_000);
const REPLIES = Number(process.env.KINDRED_BENCH_REPLIES ?? 50_000);
const WITH_RXDB = process.env.KINDRED_BENCH_RXDB !== '0';
const INCREMENTAL_ROUNDS = 5;
const POOR_LINK: LinkShape = { bytesPerSecond: 256_000 / 8, oneWayDelayMs: 150 };
const POOR_THREADS = 300;
const POOR_REPLIES = 1_500;
const NO_LIMITS = {
  perIp: { max: 1e9, windowMs: 60_000 },
  perUser: { max: 1e9, windowMs: 60_000 },
};
const COLLECTIONS = ['threads', 'posts'] as const;

interface Measure {
  bytes: number;
  bytesUp: number;
  bytesDown: number;
  requests: number;
  ms: number;
  docs: number;
}

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

async function kindredCut(server: KindredServer, communityId: string, fullBytes: number) {
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

async function peerCut(peer: PeerServer, dbName: string, fullBytes: number) {
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

function floorOf(corpus: CommunityCorpus) {
  const json = JSON.stringify([...corpus.threads, ...corpus.posts]);
  const brotli = (quality: number) =>
    brotliCompressSync(json, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: quality,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    }).length;
  return {
    rawBytes: Buffer.byteLength(json),
    gzipBytes: gzipSync(json).length,
    brotli4Bytes: brotli(4),
    brotli11Bytes: brotli(11),
  };
}

const row = (what: string, m: Measure, peer: Measure, floor?: number): Cell[] => [
  what,
  mb(m.bytes),
  floor ? ratio(m.bytes, floor) : '—',
  ratio(m.bytes, peer.bytes),
  seconds(m.ms),
  ratio(m.ms, peer.ms),
  m.requests,
];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-bench-sync-'));
  const kindred = await startKindred(dir);
  const peer = await startPeerServer();
  const log = (message: string) => console.log(`[first-sync] ${message}`);
  try {
    // --- first sync
    const corpus = communityCorpus({ threads: THREADS, replies: REPLIES });
    const floor = floorOf(corpus);
    log(`community: ${THREADS} threads, ${REPLIES} replies, ${mb(floor.rawBytes)} as JSON`);
    let t = performance.now();
    await loadKindred(kindred.store, corpus);
    log(`loaded into the Kindred store (SQLite) in ${seconds(performance.now() - t)}`);
    t = performance.now();
    await bulkLoad(peer.db('community'), [...corpus.threads, ...corpus.posts]);
    log(`loaded into the peer (memory PouchDB) in ${seconds(performance.now() - t)}`);

    const pouch = await peerFirstSync(peer, 'community');
    log(`peer: ${mb(pouch.bytes)} in ${seconds(pouch.ms)}, ${pouch.requests} requests`);
    const BR = 'gzip, deflate, br'; // what Chromium and Electron ask for
    const loop = await kindredPullLoop(kindred, corpus.communityId, 'adaptive', undefined, BR);
    log(`Kindred pull loop (adaptive pages, br): ${mb(loop.bytes)} in ${seconds(loop.ms)}`);
    const loopGzip = await kindredPullLoop(kindred, corpus.communityId, 'adaptive');
    log(`Kindred pull loop (adaptive, gzip): ${mb(loopGzip.bytes)} in ${seconds(loopGzip.ms)}`);
    const loopFixed = await kindredPullLoop(
      kindred,
      corpus.communityId,
      PULL_LIMIT_DEFAULT,
      undefined,
      BR,
    );
    log(
      `Kindred pull loop (limit ${PULL_LIMIT_DEFAULT}, br): ${mb(loopFixed.bytes)} in ${seconds(loopFixed.ms)}`,
    );
    const loopMax = await kindredPullLoop(
      kindred,
      corpus.communityId,
      PULL_LIMIT_MAX,
      undefined,
      BR,
    );
    log(
      `Kindred pull loop (limit ${PULL_LIMIT_MAX}, br): ${mb(loopMax.bytes)} in ${seconds(loopMax.ms)}`,
    );
    let rxdb: Measure | null = null;
    if (WITH_RXDB) {
      rxdb = await kindredRxdb(kindred, corpus);
      log(`Kindred RxDB client: ${mb(rxdb.bytes)} in ${seconds(rxdb.ms)}`);
    }
    for (const m of [pouch, loop, loopGzip, loopFixed, loopMax, ...(rxdb ? [rxdb] : [])]) {
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
    const cutRow = (what: string, full: Measure, cut: typeof cutKindred): Cell[] => {
      const remainder = full.bytes - cut.beforeCut;
      return [
        what,
        kb(full.bytes),
        kb(cut.beforeCut),
        kb(remainder),
        kb(cut.resumed.bytes),
        ratio(cut.resumed.bytes, remainder),
        cut.resumed.bytes <= remainder * 1.05 ? 'met' : 'missed',
      ];
    };

    // --- report
    const firstHeader = [
      'client',
      'bytes',
      'bytes × floor',
      'bytes × peer',
      'time',
      'time × peer',
      'requests',
    ];
    const firstRows: Cell[][] = [
      [
        'floor: gzip of the documents as one JSON array',
        mb(floor.gzipBytes),
        '1.00×',
        ratio(floor.gzipBytes, pouch.bytes),
        '—',
        '—',
        '—',
      ],
      row(
        "Kindred, protocol pull loop, adaptive pages (the app's), br (as Chromium/Electron asks)",
        loop,
        pouch,
        floor.gzipBytes,
      ),
      row(
        'Kindred, protocol pull loop, adaptive pages, gzip (Node fetch)',
        loopGzip,
        pouch,
        floor.gzipBytes,
      ),
      row(
        `Kindred, protocol pull loop, fixed limit ${PULL_LIMIT_DEFAULT}, br`,
        loopFixed,
        pouch,
        floor.gzipBytes,
      ),
      row(
        `Kindred, protocol pull loop, fixed limit ${PULL_LIMIT_MAX} (the maximum), br`,
        loopMax,
        pouch,
        floor.gzipBytes,
      ),
      ...(rxdb
        ? [row('Kindred, real RxDB client (fake-indexeddb)', rxdb, pouch, floor.gzipBytes)]
        : []),
      row('PouchDB ← express-pouchdb (peer)', pouch, pouch, floor.gzipBytes),
    ];
    const incRow = (what: string, rounds: Measure[]): Cell[] => [
      what,
      `${median(rounds.map((m) => m.bytes))} B`,
      `${Math.max(...rounds.map((m) => m.bytes))} B`,
      median(rounds.map((m) => m.requests)),
      `${median(rounds.map((m) => m.ms))} ms`,
    ];
    const incHeader = ['client', 'bytes (median)', 'bytes (max)', 'requests', 'time (median)'];
    const incRows = [
      incRow('Kindred RxDB client (stream event + pull)', incKindred),
      incRow('PouchDB live replication (longpoll _changes)', incPeer),
    ];
    const poorHeader = firstHeader;
    const poorRows = [
      row(
        'Kindred, protocol pull loop, adaptive pages',
        poorKindred,
        poorPeer,
        smallFloor.gzipBytes,
      ),
      row('PouchDB ← express-pouchdb (peer)', poorPeer, poorPeer, smallFloor.gzipBytes),
    ];
    const cutHeader = [
      'client',
      'full sync',
      'before the cut',
      'remainder',
      'resumed sync',
      '× remainder',
      'goal ≤ 1.05×',
    ];
    const cutRows = [
      cutRow('Kindred pull loop', poorKindred, cutKindred),
      cutRow('PouchDB (peer)', poorPeer, cutPeer),
    ];

    const goal = (ok: boolean) => (ok ? 'met' : 'missed');
    const best = loop;
    const goals: Cell[][] = [
      [
        'bytes ≤ 1.25× floor',
        ratio(best.bytes, floor.gzipBytes),
        goal(best.bytes <= 1.25 * floor.gzipBytes),
      ],
      ['bytes ≤ 0.5× peer', ratio(best.bytes, pouch.bytes), goal(best.bytes <= 0.5 * pouch.bytes)],
      ['time ≤ 0.5× peer (pull loop)', ratio(best.ms, pouch.ms), goal(best.ms <= 0.5 * pouch.ms)],
      ...(rxdb
        ? [
            [
              'time ≤ 0.5× peer (RxDB client, fake-indexeddb)',
              ratio(rxdb.ms, pouch.ms),
              goal(rxdb.ms <= 0.5 * pouch.ms),
            ],
          ]
        : []),
      [
        'incremental < 2 KB',
        `${Math.max(...incKindred.map((m) => m.bytes))} B (max)`,
        goal(Math.max(...incKindred.map((m) => m.bytes)) < 2048),
      ],
    ];

    console.log('\nFirst sync of a community (one run each, loopback)');
    console.table(firstRows.map((r) => Object.fromEntries(firstHeader.map((h, i) => [h, r[i]]))));
    console.log(`Incremental: one new reply, ${INCREMENTAL_ROUNDS} rounds`);
    console.table(incRows.map((r) => Object.fromEntries(incHeader.map((h, i) => [h, r[i]]))));
    console.log('Poor connection: 256 kbit/s each way, 150 ms each way (300 ms round trip)');
    console.table(poorRows.map((r) => Object.fromEntries(poorHeader.map((h, i) => [h, r[i]]))));
    console.table(cutRows.map((r) => Object.fromEntries(cutHeader.map((h, i) => [h, r[i]]))));
    console.table(goals.map(([g, v, s]) => ({ goal: g, value: v, status: s })));

    const markdown = `# Sync benchmark

\`npm run bench\` (this part alone: \`npx tsx bench/first-sync.ts\`) — Node ${process.version}, ${new Date().toISOString()}

Bytes are counted by a TCP proxy between client and server: request and response bytes as sent
(HTTP headers included, after compression; both sides negotiate gzip or br). Time is wall time
from the first request to the last document received. Everything on loopback; Kindred on SQLite.

## First sync of a community

${THREADS} threads and ${REPLIES} replies (titles 30–90 characters, Markdown bodies 200–1500,
seeded), ${mb(floor.rawBytes)} as JSON. Each client measured once in this run. For reference, the
same array is ${mb(floor.brotli4Bytes)} with brotli quality 4 (the server's setting) and
${mb(floor.brotli11Bytes)} with brotli quality 11.

${markdownTable(firstHeader, firstRows)}

The protocol pull loop speaks Kindred's protocol as the app does (threads and posts at once,
page by page from the checkpoint, answers parsed) but stores nothing; the real RxDB client
(renderer/test/harness.ts) stores into Dexie on fake-indexeddb, which is much slower than a
browser's IndexedDB. PouchDB stores into its memory adapter.

## Incremental: one new reply

A second member pushes one reply; the figure is what reaches an already-synced client until the
reply is in its database (plus 400 ms for anything it still asks for). ${INCREMENTAL_ROUNDS} rounds.

${markdownTable(incHeader, incRows)}

## Poor connection

${POOR_THREADS} threads and ${POOR_REPLIES} replies (floor ${kb(smallFloor.gzipBytes)}) through a
proxy shaping each direction to 256 kbit/s with 150 ms one way (300 ms round trip). Once each.

${markdownTable(poorHeader, poorRows)}

Cut at 50%: the proxy closes every connection after half the full sync's bytes have gone down;
a new sync resumes from what the client kept (Kindred: the checkpoint of each complete page;
PouchDB: its replication checkpoint).

${markdownTable(cutHeader, cutRows)}

## Goals

${markdownTable(['goal', 'value', 'status'], goals)}
`;
    writeResults('first-sync', markdown, {
      generatedAt: new Date().toISOString(),
      node: process.version,
      method: {
        bytes: 'TCP proxy, request + response bytes incl. headers, after compression',
        runs: 1,
        incrementalRounds: INCREMENTAL_ROUNDS,
      },
      corpus: { threads: THREADS, replies: REPLIES, ...floor },
      firstSync: {
        kindredPullLoop: loop,
        kindredPullLoopGzip: loopGzip,
        kindredPullLoopFixedDefaultLimit: loopFixed,
        kindredPullLoopMaxLimit: loopMax,
        kindredRxdb: rxdb,
        peer: pouch,
      },
      incremental: { kindred: incKindred, peer: incPeer },
      poorConnection: {
        link: POOR_LINK,
        corpus: { threads: POOR_THREADS, replies: POOR_REPLIES, ...smallFloor },
        kindred: poorKindred,
        peer: poorPeer,
        cut: { kindred: cutKindred, peer: cutPeer },
      },
      goals: goals.map(([g, v, s]) => ({ goal: g, value: v, status: s })),
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
