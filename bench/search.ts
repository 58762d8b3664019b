/**
 * Search benchmark (`npm run bench:search`): 10,000 threads and 100,000 replies from a fixed
 * seed, indexed with the app's own SearchIndex (MiniSearch). Measures the index build from
 * scratch, query latency over a fixed set of queries (goal: p95 under 50 ms), loading the saved
 * index (what start-up does), the size of the index serialized and in memory, and the time
 * until a new reply is searchable, both in the index alone and end to end through the indexer
 * on RxDB (fake-indexeddb, with its default 150 ms batching).
 *
 * Run with `node --expose-gc` (the npm script does) so memory is measured after a collection.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { THERAPY_CATALOG } from '../shared/therapy-catalog';
import { openDatabase } from '../renderer/src/db/database';
import { SearchIndexer } from '../renderer/src/search/indexer';
import { replyDoc, threadDoc } from '../renderer/src/search/search-docs';
import { SearchIndex } from '../renderer/src/search/search-index';
import { makeCorpus } from './search-corpus';

const THREADS = Number(process.env.KINDRED_BENCH_THREADS ?? 10_000);
const REPLIES = Number(process.env.KINDRED_BENCH_REPLIES ?? 100_000);
const ROUNDS = 10;
const QUERIES = [
  'rash',
  'Keytruda',
  'Tagrisso skin',
  'fatigue after infusion',
  'osimertnib', // a typo
  'thyro', // a word being typed
  'nausea night',
  'scan results waiting',
  'hair loss cold cap',
  'chimiotherapie', // without its accent
  'insurance appointment',
  'neuropathy fingers toes',
  'dexamethasone sleep',
  'anyone else tingling',
  'médecin traitement',
  'kidney levels markers',
];
const SIMILAR = 'Starting pembrolizumab next week, what helped with fatigue and the itchy rash?';

const gc = (globalThis as { gc?: () => void }).gc;
function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const round = (n: number, digits = 2) => Number(n.toFixed(digits));

async function endToEndNewReply(): Promise<number> {
  // A smaller database: the time is the batching delay plus one catch-up page, not corpus-bound.
  const { threads, posts } = makeCorpus(200, 2_000, 7);
  const db = await openDatabase({
    name: `bench-search-${Date.now().toString(36)}`,
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    collections: ['threads', 'posts'],
    localCollections: [],
  });
  await db.threads.bulkInsert(threads);
  await db.posts.bulkInsert(posts);
  const indexer = new SearchIndexer({
    db,
    accountDatabase: db.name,
    userId: 'bench',
    keyring: async () => null,
    indexedDB,
  });
  indexer.start();
  await indexer.settled();
  const samples: number[] = [];
  // Words far apart from each other, so typo tolerance cannot find one for another.
  for (const word of ['quillomat', 'brontevik', 'sarpendol', 'vekturian', 'mossplade']) {
    const i = samples.length;
    const started = performance.now();
    await db.posts.insert({ ...posts[i]!, id: `new-${i}`, body: `A new reply about ${word}.` });
    while (indexer.search(word).length === 0) await new Promise((r) => setTimeout(r, 5));
    samples.push(performance.now() - started);
  }
  await indexer.stop();
  await db.remove();
  return samples.sort((a, b) => a - b)[2]!;
}

async function main() {
  console.log(`Generating ${THREADS} threads and ${REPLIES} replies (fixed seed)…`);
  const { threads, posts } = makeCorpus(THREADS, REPLIES);
  const docs = [...threads.map(threadDoc), ...posts.map(replyDoc)];
  const chars = docs.reduce((n, d) => n + d.title.length + d.text.length, 0);

  const heapBefore = heapMb();
  let started = performance.now();
  const index = SearchIndex.create({ persistable: true });
  for (const doc of docs) index.upsert(doc);
  const buildMs = performance.now() - started;
  const heapIndex = heapMb() - heapBefore;

  for (const query of QUERIES) index.search(query, { therapies: THERAPY_CATALOG }); // warm-up
  const latencies: number[] = [];
  const perQuery: Record<string, { median: number; hits: number }> = {};
  for (const query of QUERIES) {
    const samples: number[] = [];
    let hits = 0;
    for (let r = 0; r < ROUNDS; r += 1) {
      started = performance.now();
      hits = index.search(query, { therapies: THERAPY_CATALOG }).length;
      samples.push(performance.now() - started);
    }
    latencies.push(...samples);
    samples.sort((a, b) => a - b);
    perQuery[query] = { median: round(percentile(samples, 50)), hits };
  }
  const similar: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    started = performance.now();
    index.search(SIMILAR, { mode: 'similar', filters: { kinds: ['thread'] }, limit: 5 });
    similar.push(performance.now() - started);
  }
  latencies.sort((a, b) => a - b);
  similar.sort((a, b) => a - b);

  started = performance.now();
  const json = index.toJSON();
  const serializeMs = performance.now() - started;
  const serializedMb = (Buffer.byteLength(json.topics) + Buffer.byteLength(json.replies)) / 2 ** 20;
  started = performance.now();
  await SearchIndex.load(json);
  const loadMs = performance.now() - started;

  started = performance.now();
  index.upsert(replyDoc({ ...posts[0]!, id: 'fresh', body: 'Nobody mentioned quokkaberry yet.' }));
  const found = index.search('quokkaberry').length === 1;
  const addOneMs = performance.now() - started;
  if (!found) throw new Error('the new reply was not found');

  console.log('Measuring a new reply end to end through RxDB (fake-indexeddb)…');
  const endToEndMs = await endToEndNewReply();

  const results = {
    corpus: {
      threads: THREADS,
      replies: REPLIES,
      seed: 20240611,
      megabytesOfText: round(chars / 2 ** 20, 1),
    },
    buildFromScratchMs: round(buildMs, 0),
    query: {
      count: latencies.length,
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      maxMs: round(latencies[latencies.length - 1]!),
      goalP95Ms: 50,
      perQuery,
    },
    similarThreads: {
      p50Ms: round(percentile(similar, 50)),
      p95Ms: round(percentile(similar, 95)),
    },
    newReply: { indexAndFindMs: round(addOneMs, 3), endToEndViaIndexerMs: round(endToEndMs, 0) },
    size: {
      serializedMb: round(serializedMb, 1),
      inMemoryMb: gc ? round(heapIndex, 1) : null,
      serializeMs: round(serializeMs, 0),
      loadSavedMs: round(loadMs, 0),
    },
    node: process.version,
    measuredAt: new Date().toISOString(),
  };

  const rows: [string, string][] = [
    [
      'corpus',
      `${THREADS} threads, ${REPLIES} replies, ${results.corpus.megabytesOfText} MB of text`,
    ],
    ['index build from scratch', `${results.buildFromScratchMs} ms`],
    [
      'query p50 / p95 / max',
      `${results.query.p50Ms} / ${results.query.p95Ms} / ${results.query.maxMs} ms (${latencies.length} queries; goal p95 < 50 ms)`,
    ],
    [
      'similar threads p50 / p95',
      `${results.similarThreads.p50Ms} / ${results.similarThreads.p95Ms} ms`,
    ],
    ['new reply: index + find', `${results.newReply.indexAndFindMs} ms`],
    ['new reply: end to end (RxDB → indexer)', `${results.newReply.endToEndViaIndexerMs} ms`],
    ['index size serialized (on disk)', `${results.size.serializedMb} MB`],
    ['index size in memory (heap)', gc ? `${results.size.inMemoryMb} MB` : 'run with --expose-gc'],
    [
      'serialize / load saved index',
      `${results.size.serializeMs} / ${results.size.loadSavedMs} ms`,
    ],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));

  const dir = join(dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'search.json'), `${JSON.stringify(results, null, 2)}\n`);
  const md = [
    '# Search benchmark',
    '',
    `\`npm run bench:search\` — Node ${process.version}, ${results.measuredAt}`,
    '',
    '| measure | result |',
    '| --- | --- |',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '| query | median ms | hits |',
    '| --- | --- | --- |',
    ...Object.entries(perQuery).map(([q, r]) => `| ${q} | ${r.median} | ${r.hits} |`),
    '',
  ].join('\n');
  writeFileSync(join(dir, 'search.md'), md);
}

await main();
