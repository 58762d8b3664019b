/**
 * Streams benchmark (`npm run bench:streams`; issue 12, part 5): how many live event streams one
 * sync server process holds, what each costs in memory, and how fast a new thread reaches all of
 * them.
 *
 * The real server runs as its own process on a fresh SQLite file with the demo seed. Members
 * (registered over HTTP, each from its own address through X-Forwarded-For, as behind a proxy)
 * join "Lung cancer" and open event streams, 10 each (the per-member cap), step by step up to
 * KINDRED_BENCH_STREAMS (default 5,000). At each step: the server's resident memory (VmRSS, from
 * /proc), then ROUNDS new threads pushed by another member, each timed from the push until every
 * stream has heard its event (p50/p95/max over all arrivals), and how many streams missed one.
 */
import http from 'node:http';
import { cpus, loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_BASE } from '../shared/protocol';
import { writeChart } from './lib/chart';
import { type Cell, markdownTable, mb, writeResults } from './lib/results';
import { ProcSampler, startServer } from './load-server';

const MAX_STREAMS = Number(process.env.KINDRED_BENCH_STREAMS ?? 5_000);
const STEPS = [500, 1_000, 2_000, 5_000, 10_000].filter((s) => s < MAX_STREAMS).concat(MAX_STREAMS);
const STREAMS_PER_MEMBER = 10; // the server's cap (routes/stream.ts)
const ROUNDS = 5;
const COMMUNITY = 'lung-cancer';

interface Member {
  token: string;
  userId: string;
  address: string;
}

let base = '';

function request(
  method: string,
  path: string,
  who: { address: string; token?: string },
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${API_BASE}${path}`,
      {
        method,
        agent: false,
        headers: {
          'x-forwarded-for': who.address,
          ...(who.token ? { authorization: `Bearer ${who.token}` } : {}),
          ...(payload ? { 'content-type': 'application/json' } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function newMember(index: number): Promise<Member> {
  const address = `10.88.${index >> 8}.${(index & 255) + 1}`;
  const username = `streams-${index}-${Date.now().toString(36)}`;
  const res = await request(
    'POST',
    '/auth/register',
    { address },
    {
      username,
      password: `secret-${username}`,
      displayName: `Member ${index}`,
    },
  );
  if (res.status !== 201) throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
  const { token, userId } = res.body as { token: string; userId: string };
  const joined = await request('POST', `/communities/${COMMUNITY}/join`, { address, token });
  if (joined.status !== 200) throw new Error(`join: ${joined.status}`);
  return { token, userId, address };
}

/** One open event stream, counting the live 'threads' events it receives. */
class Stream {
  threadEvents = 0;
  closed = false;
  private readonly req: http.ClientRequest;
  private onEvent: (() => void) | undefined;

  constructor(member: Member, opened: () => void, failed: (err: Error) => void) {
    this.req = http.get(
      `${base}${API_BASE}/sync/stream`,
      {
        agent: false,
        headers: { authorization: `Bearer ${member.token}`, 'x-forwarded-for': member.address },
      },
      (res) => {
        if (res.statusCode !== 200) return failed(new Error(`stream: ${res.statusCode}`));
        res.setEncoding('utf8');
        let first = true;
        res.on('data', (chunk: string) => {
          // The first chunk is the RESYNC of every collection on connect; count what follows.
          if (first) {
            first = false;
            return opened();
          }
          const n = chunk.split('event: threads\n').length - 1;
          if (n > 0) {
            this.threadEvents += n;
            this.onEvent?.();
          }
        });
        res.on('close', () => (this.closed = true));
      },
    );
    this.req.on('error', (err) => (this.closed ? undefined : failed(err)));
  }

  /** Resolves with the time (performance.now) at which the stream has heard `count` events. */
  heard(count: number): Promise<number> {
    if (this.threadEvents >= count) return Promise.resolve(performance.now());
    return new Promise((resolve) => {
      this.onEvent = () => {
        if (this.threadEvents >= count) {
          this.onEvent = undefined;
          resolve(performance.now());
        }
      };
    });
  }

  close(): void {
    this.closed = true;
    this.req.destroy();
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kindred-bench-streams-'));
  const server = await startServer([
    '--db',
    join(dir, 'streams.sqlite'),
    '--seed',
    'demo',
    '--port',
    '0',
    '--trust-proxy',
    '127.0.0.1',
  ]);
  base = server.url;
  const sampler = new ProcSampler(server.pid);
  const log = (m: string) => console.log(`[streams] ${m}`);
  const loadBefore = loadavg();
  const members: Member[] = [];
  const streams: Stream[] = [];
  const rows: {
    streams: number;
    rssBytes: number;
    perStreamBytes: number;
    p50: number;
    p95: number;
    max: number;
    missed: number;
  }[] = [];
  try {
    const writer = await newMember(100_000);
    const idle = sampler.sample()!.rssBytes;
    log(`server ready (pid ${server.pid}), ${mb(idle)} resident`);
    for (const step of STEPS) {
      while (streams.length < step) {
        const batch: Promise<void>[] = [];
        for (let i = 0; i < 100 && streams.length < step; i += 1) {
          const index = streams.length;
          if (index % STREAMS_PER_MEMBER === 0) members.push(await newMember(members.length));
          const member = members[Math.floor(index / STREAMS_PER_MEMBER)]!;
          batch.push(
            new Promise<void>((resolve, reject) =>
              streams.push(new Stream(member, resolve, reject)),
            ),
          );
        }
        await Promise.all(batch);
      }
      await new Promise((r) => setTimeout(r, 1_000)); // let the server settle (GC, buffers)
      const rss = sampler.sample()!.rssBytes;
      const arrivals: number[] = [];
      let missed = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        const expected = streams.map((s) => s.threadEvents + 1);
        const now = Date.now();
        const started = performance.now();
        const heard = streams.map((s, i) =>
          Promise.race([
            s.heard(expected[i]!),
            new Promise<null>((r) => setTimeout(() => r(null), 30_000)),
          ]),
        );
        const pushed = await request('POST', '/sync/threads/push', writer, [
          {
            assumedMasterState: null,
            newDocumentState: {
              id: crypto.randomUUID(),
              updatedAt: now,
              communityId: COMMUNITY,
              authorId: writer.userId,
              authorName: 'Writer',
              title: `Round ${round} at ${step} streams: who else had a cough after radiotherapy?`,
              body: 'Mine started in the third week and eased a month after the last session.',
              therapyIds: [],
              shareToTherapyPages: false,
              createdAt: now,
              _deleted: false,
            },
          },
        ]);
        if (pushed.status !== 200) throw new Error(`push: ${pushed.status}`);
        for (const t of await Promise.all(heard)) {
          if (t === null) missed += 1;
          else arrivals.push(t - started);
        }
        await new Promise((r) => setTimeout(r, 300));
      }
      arrivals.sort((a, b) => a - b);
      const row = {
        streams: step,
        rssBytes: rss,
        perStreamBytes: Math.round((rss - idle) / step),
        p50: Math.round(percentile(arrivals, 50)),
        p95: Math.round(percentile(arrivals, 95)),
        max: Math.round(arrivals.at(-1)!),
        missed,
      };
      rows.push(row);
      log(
        `${step} streams: ${mb(rss)} resident (${(row.perStreamBytes / 1024).toFixed(1)} KB a stream), ` +
          `new thread → every stream p50 ${row.p50} ms, p95 ${row.p95} ms, max ${row.max} ms, ${missed} missed`,
      );
    }
  } finally {
    for (const s of streams) s.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = loadavg();

  const header = [
    'streams open',
    'members',
    'server memory (RSS)',
    'per stream',
    'new thread → stream, p50',
    'p95',
    'max',
    'events missed',
  ];
  const cells: Cell[][] = rows.map((r) => [
    r.streams.toLocaleString('en'),
    Math.ceil(r.streams / STREAMS_PER_MEMBER),
    mb(r.rssBytes),
    `${(r.perStreamBytes / 1024).toFixed(1)} KB`,
    `${r.p50} ms`,
    `${r.p95} ms`,
    `${r.max} ms`,
    r.missed,
  ]);
  console.table(cells.map((c) => Object.fromEntries(header.map((h, i) => [h, c[i]]))));
  const chart = await writeChart('streams', {
    title: 'A new thread reaching every open stream: p95 (ms)',
    axis: 'milliseconds from the push to the last stream',
    bars: rows.map((r) => ({
      label: `${r.streams.toLocaleString('en')} streams`,
      value: r.p95,
      series: 'Kindred',
    })),
  });
  const markdown = `# Streams benchmark

\`npm run bench:streams\` — ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores
(load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} before,
${loadAfter.map((l) => l.toFixed(2)).join(' / ')} after; the load generator shares the machine).

The real server as its own process (\`node --import tsx sync-server/main.ts\`, fresh SQLite file,
demo seed). Members join "Lung cancer" and open ${STREAMS_PER_MEMBER} event streams each (the
per-member cap), each stream its own TCP connection from this process. At each step: the
server's resident memory, then ${ROUNDS} new threads pushed by another member, each timed from the
push until every stream has received its event (p50/p95/max over ${ROUNDS} × the streams open);
"missed": events not received within 30 s.

${markdownTable(header, cells)}

${chart}
`;
  writeResults('streams', markdown, {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    loadavg: { before: loadBefore, after: loadAfter },
    rounds: ROUNDS,
    streamsPerMember: STREAMS_PER_MEMBER,
    steps: rows,
  });
  log('written bench/results/streams.md and .json');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
