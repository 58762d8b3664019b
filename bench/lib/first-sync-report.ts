/**
 * The sync benchmark's report (bench/first-sync.ts measures, this writes): the tables printed to
 * the console, bench/results/first-sync.md with its charts, and first-sync.json.
 */
import { type Bar, writeChart } from './chart';
import type { LinkShape } from './proxy';
import { type Cell, kb, markdownTable, mb, median, ratio, seconds, writeResults } from './results';

export interface Measure {
  bytes: number;
  bytesUp: number;
  bytesDown: number;
  requests: number;
  ms: number;
  docs: number;
}

/** One figure measured several times: every run, and the median of each field. */
export interface Repeated {
  runs: Measure[];
  median: Measure;
}

export function repeated(runs: Measure[]): Repeated {
  const of = (field: keyof Measure) => median(runs.map((r) => r[field]));
  return {
    runs,
    median: {
      bytes: of('bytes'),
      bytesUp: of('bytesUp'),
      bytesDown: of('bytesDown'),
      requests: of('requests'),
      ms: of('ms'),
      docs: of('docs'),
    },
  };
}

export interface Floor {
  rawBytes: number;
  gzipBytes: number;
  brotli4Bytes: number;
  brotli11Bytes: number;
  /** CPU time to compress the whole array once, to say what a better ratio would cost. */
  brotli4Ms: number;
  brotli11Ms: number;
}

/** One codec on one full pull page: bytes, CPU per MB of JSON, size against brotli 4. */
export interface CompressionStep {
  codec: string;
  bytes: number;
  msPerMb: number;
  relativeToQ4: number;
}

export interface Cut {
  beforeCut: number;
  resumed: Measure;
}

export interface FirstSyncResults {
  runs: number;
  corpus: { threads: number; replies: number; floor: Floor };
  compression: CompressionStep[];
  compressionRepeats: number;
  firstSync: {
    peer: Repeated;
    adaptiveBr: Repeated;
    adaptiveGzip: Repeated;
    fixedDefaultBr: Repeated;
    fixedMaxBr: Repeated;
    rxdb: Measure | null;
    pageLimits: { default: number; max: number };
  };
  incremental: { rounds: number; kindred: Measure[]; peer: Measure[] };
  poor: {
    link: LinkShape;
    threads: number;
    replies: number;
    floor: Floor;
    kindred: Measure;
    peer: Measure;
    cut: { kindred: Cut; peer: Cut };
  };
}

const HEADER = [
  'client',
  'bytes',
  'bytes × floor',
  'bytes × peer',
  'time',
  'time × peer',
  'requests',
];

/** A row of medians; with several runs, the time's range follows in brackets. */
function row(what: string, m: Repeated | Measure, peer: Measure, floor: number): Cell[] {
  const runs = 'runs' in m ? m.runs : [m];
  const x = 'runs' in m ? m.median : m;
  const times = runs.map((r) => r.ms);
  const range =
    runs.length > 1 ? ` (${seconds(Math.min(...times))}–${seconds(Math.max(...times))})` : '';
  return [
    what,
    mb(x.bytes),
    ratio(x.bytes, floor),
    ratio(x.bytes, peer.bytes),
    `${seconds(x.ms)}${range}`,
    ratio(x.ms, peer.ms),
    x.requests,
  ];
}

function cutRow(what: string, full: Measure, cut: Cut): Cell[] {
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
}

const goal = (ok: boolean) => (ok ? 'met' : 'missed');
const table = (header: string[], rows: Cell[][]) =>
  console.table(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))));

export async function writeFirstSyncReport(r: FirstSyncResults): Promise<void> {
  const { firstSync: f, corpus, poor, incremental } = r;
  const floor = corpus.floor.gzipBytes;
  const peer = f.peer.median;
  const app = f.adaptiveBr.median; // what the app does: adaptive pages, br (Chromium asks for it)

  const firstRows: Cell[][] = [
    [
      'floor: gzip of the documents as one JSON array',
      mb(floor),
      '1.00×',
      ratio(floor, peer.bytes),
      '—',
      '—',
      '—',
    ],
    row(
      "Kindred, protocol pull loop, adaptive pages (the app's), br (as Chromium/Electron asks)",
      f.adaptiveBr,
      peer,
      floor,
    ),
    row(
      'Kindred, protocol pull loop, adaptive pages, gzip (Node fetch)',
      f.adaptiveGzip,
      peer,
      floor,
    ),
    row(
      `Kindred, protocol pull loop, fixed limit ${f.pageLimits.default}, br`,
      f.fixedDefaultBr,
      peer,
      floor,
    ),
    row(
      `Kindred, protocol pull loop, fixed limit ${f.pageLimits.max} (the maximum), br`,
      f.fixedMaxBr,
      peer,
      floor,
    ),
    ...(f.rxdb
      ? [row('Kindred, real RxDB client (fake-indexeddb), once', f.rxdb, peer, floor)]
      : []),
    row('PouchDB ← express-pouchdb (peer)', f.peer, peer, floor),
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
    incRow('Kindred RxDB client (stream event + pull)', incremental.kindred),
    incRow('PouchDB live replication (longpoll _changes)', incremental.peer),
  ];
  const poorRows = [
    row(
      'Kindred, protocol pull loop, adaptive pages',
      poor.kindred,
      poor.peer,
      poor.floor.gzipBytes,
    ),
    row('PouchDB ← express-pouchdb (peer)', poor.peer, poor.peer, poor.floor.gzipBytes),
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
    cutRow('Kindred pull loop', poor.kindred, poor.cut.kindred),
    cutRow('PouchDB (peer)', poor.peer, poor.cut.peer),
  ];
  const incMax = Math.max(...incremental.kindred.map((m) => m.bytes));
  const goals: Cell[][] = [
    ['bytes ≤ 1.25× floor', ratio(app.bytes, floor), goal(app.bytes <= 1.25 * floor)],
    ['bytes ≤ 0.5× peer', ratio(app.bytes, peer.bytes), goal(app.bytes <= 0.5 * peer.bytes)],
    ['time ≤ 0.5× peer (pull loop)', ratio(app.ms, peer.ms), goal(app.ms <= 0.5 * peer.ms)],
    ...(f.rxdb
      ? [
          [
            'time ≤ 0.5× peer (RxDB client, fake-indexeddb)',
            ratio(f.rxdb.ms, peer.ms),
            goal(f.rxdb.ms <= 0.5 * peer.ms),
          ],
        ]
      : []),
    [
      'resumed sync ≤ 1.05× remainder',
      cutRows[0]![5]!,
      goal(
        poor.cut.kindred.resumed.bytes <= 1.05 * (poor.kindred.bytes - poor.cut.kindred.beforeCut),
      ),
    ],
    ['incremental < 2 KB', `${incMax} B (max)`, goal(incMax < 2048)],
  ];

  console.log(`\nFirst sync of a community (medians of ${r.runs} runs, loopback)`);
  table(HEADER, firstRows);
  console.log(`Incremental: one new reply, ${incremental.rounds} rounds`);
  table(incHeader, incRows);
  console.log('Poor connection: 256 kbit/s each way, 150 ms each way (300 ms round trip)');
  table(HEADER, poorRows);
  table(cutHeader, cutRows);
  console.table(goals.map(([g, v, s]) => ({ goal: g, value: v, status: s })));

  const bar = (label: string, m: Measure, series: string, value: (m: Measure) => number): Bar => ({
    label,
    value: value(m),
    series,
  });
  const firstBars = (value: (m: Measure) => number) => [
    bar('Kindred, adaptive pages, br', app, 'Kindred', value),
    bar('Kindred, adaptive pages, gzip', f.adaptiveGzip.median, 'Kindred', value),
    bar(`Kindred, limit ${f.pageLimits.max}, br`, f.fixedMaxBr.median, 'Kindred', value),
    bar('PouchDB ← express-pouchdb', peer, 'PouchDB (peer)', value),
  ];
  const toMb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 100) / 100;
  const bytesChart = await writeChart('first-sync-bytes', {
    title: `First sync of ${corpus.threads.toLocaleString('en')} threads and ${corpus.replies.toLocaleString('en')} replies: bytes on the wire`,
    axis: 'MB (request + response, after compression)',
    bars: [
      { label: 'floor: gzip of the JSON array', value: toMb(floor), series: 'floor' },
      ...firstBars((m) => toMb(m.bytes)),
    ],
    rule: { value: toMb(peer.bytes / 2), label: 'goal: 0.5× peer' },
  });
  const timeChart = await writeChart('first-sync-time', {
    title: `First sync: wall time (median of ${r.runs} runs, loopback)`,
    axis: 'seconds',
    bars: firstBars((m) => Math.round(m.ms / 100) / 10),
    rule: { value: Math.round(peer.ms / 200) / 10, label: 'goal: 0.5× peer' },
  });
  const poorChart = await writeChart('first-sync-poor-link', {
    title: 'Poor connection (256 kbit/s, 300 ms round trip): wall time',
    axis: 'seconds',
    bars: [
      { label: 'Kindred, adaptive pages', value: poor.kindred.ms / 1000, series: 'Kindred' },
      { label: 'PouchDB ← express-pouchdb', value: poor.peer.ms / 1000, series: 'PouchDB (peer)' },
    ],
  });

  const cf = corpus.floor;
  const markdown = `# Sync benchmark

\`npm run bench\` (this part alone: \`npx tsx bench/first-sync.ts\`) — Node ${process.version}, ${new Date().toISOString()}

Bytes are counted by a TCP proxy between client and server: request and response bytes as sent
(HTTP headers included, after compression; both sides negotiate gzip or br). Time is wall time
from the first request to the last document received. Everything on loopback; Kindred on SQLite.

## First sync of a community

${corpus.threads} threads and ${corpus.replies} replies (titles 30–90 characters, Markdown bodies
200–1500, seeded), ${mb(cf.rawBytes)} as JSON. Each client measured ${r.runs} times in this run,
in turn; the table gives the medians, with the range of the times in brackets.

${markdownTable(HEADER, firstRows)}

${bytesChart}

${timeChart}

The protocol pull loop speaks Kindred's protocol as the app does (threads and posts at once,
page by page from the checkpoint, answers parsed) but stores nothing; the real RxDB client
(renderer/test/harness.ts) stores into Dexie on fake-indexeddb, which is much slower than a
browser's IndexedDB. PouchDB stores into its memory adapter.

What limits the bytes: Kindred sends ${ratio(app.bytes, floor)} of the gzip floor, so what remains
is the compression itself. Half the peer is ${ratio(peer.bytes / 2, floor)} of the gzip floor. Only a
stronger compressor gets there: the same array is ${mb(cf.brotli4Bytes)} with brotli quality 4 (the
server's setting, ${(cf.brotli4Ms / (cf.rawBytes / 1024 / 1024)).toFixed(1)} ms of CPU per MB) and
${mb(cf.brotli11Bytes)} (${ratio(cf.brotli11Bytes, peer.bytes)} of the peer) with quality 11, at
${(cf.brotli11Ms / (cf.rawBytes / 1024 / 1024)).toFixed(0)} ms of CPU per MB on this machine.

One full pull page (${f.pageLimits.max} replies) compressed by each codec, ${r.compressionRepeats} times
each: what a stronger setting would save on the wire and cost the server, per MB of JSON it
sends. Half the peer needs about ${((0.5 * peer.bytes) / app.bytes).toFixed(2)}× of today's bytes.

${markdownTable(
  ['codec', 'bytes', '× brotli 4', 'CPU ms per MB'],
  r.compression.map((c) => [c.codec, kb(c.bytes), `${c.relativeToQ4.toFixed(3)}×`, c.msPerMb]),
)}

## Incremental: one new reply

A second member pushes one reply; the figure is what reaches an already-synced client until the
reply is in its database (plus 400 ms for anything it still asks for). ${incremental.rounds} rounds.

${markdownTable(incHeader, incRows)}

## Poor connection

${poor.threads} threads and ${poor.replies} replies (floor ${kb(poor.floor.gzipBytes)}) through a
proxy shaping each direction to 256 kbit/s with 150 ms one way (300 ms round trip). Once each.

${markdownTable(HEADER, poorRows)}

${poorChart}

Cut at 50%: the proxy closes every connection after half the full sync's bytes have gone down;
a new sync resumes from what the client kept (Kindred: the checkpoint of each complete page;
PouchDB: its replication checkpoint).

${markdownTable(cutHeader, cutRows)}

## Goals

Measured on the app's way of syncing (adaptive pages, br), medians of ${r.runs} runs.

${markdownTable(['goal', 'value', 'status'], goals)}
`;
  writeResults('first-sync', markdown, {
    generatedAt: new Date().toISOString(),
    node: process.version,
    method: {
      bytes: 'TCP proxy, request + response bytes incl. headers, after compression',
      runs: r.runs,
    },
    ...r,
    goals: goals.map(([g, v, s]) => ({ goal: g, value: v, status: s })),
  });
}
