/**
 * The store benchmark's report (bench/store-throughput.ts measures, this writes): the summary
 * printed to the console, bench/results/store.md with its chart (store.svg), and store.json.
 */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { writeChart } from './chart';
import { type Cell, markdownTable, median, writeResults } from './results';

export type StoreName = 'sqlite' | 'postgres';

export interface ThroughputRun {
  pushDocsPerSecond: number;
  pullDocsPerSecond: number;
  pushMs: number;
  pullMs: number;
}

export interface FanoutResult {
  pushes: number;
  streams: number;
  /** ms from sending the push to one stream's event, for every (push, stream) */
  arrivals: number[];
  /** ms from sending the push until the last of the streams had it, per push */
  lastArrivals: number[];
  /** ms from sending the push to its 200 answer, per push */
  acks: number[];
}

export interface MachineFacts {
  cores: number;
  cpu: string;
  memoryGb: number;
  platform: string;
  node: string;
  postgres: string | null;
  loadAverageBefore: number[];
  loadAverageAfter: number[];
}

export interface StoreBenchResults {
  method: { batch: number; batches: number; writers: number; runs: number };
  /** one document as pushed (JSON) */
  documentBytes: number;
  throughput: Record<StoreName, ThroughputRun[]>;
  /** null when PostgreSQL was not measured */
  fanout: FanoutResult | null;
  /** why PostgreSQL was not measured, or null */
  postgresSkipped: string | null;
  machine: MachineFacts;
}

const LABEL: Record<StoreName, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };
const loadAverage = () => loadavg().map((l) => Number(l.toFixed(2)));

/** The machine now; finish() adds the load average at the end of the run. */
export function machineFacts(postgres: string | null) {
  const before = loadAverage();
  return {
    finish: (): MachineFacts => ({
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      platform: `${platform()} ${release()}`,
      node: process.version,
      postgres,
      loadAverageBefore: before,
      loadAverageAfter: loadAverage(),
    }),
  };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const ms = (value: number) => Number(value.toFixed(1));

function summary(runs: ThroughputRun[], field: 'pushDocsPerSecond' | 'pullDocsPerSecond') {
  const values = runs.map((r) => r[field]);
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

type Summary = ReturnType<typeof summary>;

function latencies(values: number[]) {
  return {
    count: values.length,
    p50: ms(percentile(values, 50)),
    p95: ms(percentile(values, 95)),
    p99: ms(percentile(values, 99)),
    max: ms(Math.max(...values)),
  };
}
type Latencies = ReturnType<typeof latencies>;

const fanRow = (what: string, l: Latencies, measured: string): Cell[] => [
  what,
  l.p50,
  l.p95,
  l.p99,
  l.max,
  measured,
];

function fanoutSummary(f: FanoutResult) {
  return {
    arrival: latencies(f.arrivals),
    allStreams: latencies(f.lastArrivals),
    ack: latencies(f.acks),
  };
}

export async function writeStoreReport(r: StoreBenchResults): Promise<void> {
  const { method, machine } = r;
  const stores = (Object.keys(r.throughput) as StoreName[]).filter(
    (s) => r.throughput[s].length > 0,
  );
  const figures = Object.fromEntries(
    stores.map((s) => [
      s,
      {
        push: summary(r.throughput[s], 'pushDocsPerSecond'),
        pull: summary(r.throughput[s], 'pullDocsPerSecond'),
      },
    ]),
  ) as Partial<Record<StoreName, { push: Summary; pull: Summary }>>;
  const docs = method.batch * method.batches;
  const runsText = method.runs === 1 ? '1 run' : `${method.runs} runs`;
  const range = (s: Summary) => `${s.min}–${s.max}`;
  const throughputRows: Cell[][] = stores.map((s) => {
    const f = figures[s]!;
    return [LABEL[s], f.push.median, range(f.push), f.pull.median, range(f.pull), method.runs];
  });
  const throughputHeader = [
    'store',
    'push docs/s (median)',
    'push range',
    'pull docs/s (median)',
    'pull range',
    'runs',
  ];
  const fan = r.fanout ? fanoutSummary(r.fanout) : null;
  const fanRows: Cell[][] = fan
    ? [
        fanRow('a stream hears of the push', fan.arrival, `${fan.arrival.count} arrivals`),
        fanRow('the last stream hears of it', fan.allStreams, `${fan.allStreams.count} pushes`),
        fanRow('the push is acknowledged (200)', fan.ack, `${fan.ack.count} pushes`),
      ]
    : [];
  const fanHeader = [
    'from sending the push until…',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
    'measured',
  ];

  console.table(
    Object.fromEntries(
      stores.map((s) => [
        LABEL[s],
        { 'push docs/s': figures[s]!.push.median, 'pull docs/s': figures[s]!.pull.median },
      ]),
    ),
  );
  if (fan) console.log(`fan-out ms: ${JSON.stringify(fan.arrival)}`);

  const chart = await writeChart('store', {
    title: `Store throughput over HTTP (batches of ${method.batch}, ~2 KB documents)`,
    axis: `documents per second (median of ${runsText})`,
    // One colour: the stores are told apart by the labels, pushes and pulls by the grouping.
    bars: (['push', 'pull'] as const).flatMap((op) =>
      stores.map((s) => ({
        label: `${op}, ${LABEL[s]}`,
        value: figures[s]![op].median,
        series: `median of ${runsText}`,
      })),
    ),
  });

  const skipped = r.postgresSkipped
    ? `\n**PostgreSQL was not measured in this run**: ${r.postgresSkipped}. Only SQLite's figures are below.\n`
    : '';
  const markdown = `# Store benchmark

\`npm run bench:store\` (also part of \`npm run bench\`) — Node ${machine.node}, ${new Date().toISOString()}
${skipped}
Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, ${machine.platform}${machine.postgres ? `, PostgreSQL ${machine.postgres} on the same machine` : ''};
shared with other work: load average ${machine.loadAverageBefore.join(' / ')} before the run,
${machine.loadAverageAfter.join(' / ')} after (1 / 5 / 15 minutes). The clients and the server
instances run in the benchmark's one Node process, so they share its event loop and the cores.

## Push and pull throughput

The real server (\`buildApp\`, rate limits lifted) over HTTP on loopback, each run on a fresh
database: ${method.writers} members push ${method.batches} batches of ${method.batch} new threads
(${docs} documents of ${(r.documentBytes / 1024).toFixed(1)} KB as JSON) at once, then one member
pulls all ${docs} in pages of ${method.batch}. Measured ${runsText} per store, the stores
taking turns; the table gives the median and the range of the runs.

${markdownTable(throughputHeader, throughputRows)}

${chart}

${
  fan
    ? `## Fan-out across instances (PostgreSQL)

Two server instances on one PostgreSQL database; ${r.fanout!.streams} event streams open on
instance B (${r.fanout!.streams / 10} members with 10 streams each); a member on instance A pushes
one thread ${r.fanout!.pushes} times, one push after the previous one has reached every stream
(a first, uncounted push warms up). A stream hears of the push when instance B gets PostgreSQL's
NOTIFY and writes the event; the time is from sending the push to the event parsed by the client.

${markdownTable(fanHeader, fanRows)}
`
    : `## Fan-out across instances

Not measured: across instances, changes travel by PostgreSQL's LISTEN/NOTIFY.
`
}`;
  writeResults('store', markdown, {
    generatedAt: new Date().toISOString(),
    command: 'npm run bench:store',
    machine,
    method: { ...r.method, documentBytes: r.documentBytes, pullPageLimit: method.batch },
    postgresSkipped: r.postgresSkipped,
    throughput: Object.fromEntries(
      stores.map((s) => [s, { ...figures[s], runs: r.throughput[s] }]),
    ),
    fanout: fan && {
      pushes: r.fanout!.pushes,
      streams: r.fanout!.streams,
      ...fan,
    },
  });
}
