/**
 * Load benchmark (`npm run bench:load`, part of `npm run bench`): issue 11, item 4.
 *
 * The real sync server runs as its own process (`node --import tsx sync-server/main.ts --port 0
 * --db <fresh store> --seed demo --trust-proxy 127.0.0.1`); its memory (VmRSS) and CPU are
 * sampled from /proc every second. This process simulates N members (default 200) over the wire
 * protocol, each with its own keep-alive agent and its own address (X-Forwarded-For, believed
 * because the server is told to trust the local proxy: per-address rate limits then count
 * members as they would behind a real proxy, with the default limits). Each member registers,
 * joins 1–3 of the demo's open communities, holds an event stream open and syncs once; then,
 * for a fixed time, thinks (uniform 0.5–3 s) and acts: pull threads and posts from its
 * checkpoints (30%), new thread (15%), reply to a thread it knows (40%), edit one of its own
 * threads or replies with the last known version as assumedMasterState (15%).
 *
 * Some members (`--watchers`, default 20) behave like the app on their stream: every RESYNC for
 * threads or posts makes them pull; the time from a push's acknowledgement to such a member
 * holding the document is the stream delivery latency. (Events carry no documents, only
 * RESYNC, so "received on the stream" means the event and the pull it triggers.) The others
 * count their events and pull at their own pace: 200 members pulling on every event would be
 * ~80 pulls per write, far beyond what real members' writing rate asks of the server.
 *
 * At the end, nothing lost: every member pulls up to date from its checkpoints and then
 * everything from scratch; every acknowledged write must be there, once, in its latest
 * acknowledged version, for its author and every member of its community; then the server is
 * stopped and the store read directly (SQLite read-only, or PostgreSQL): every acknowledged
 * document is stored exactly once with its latest acknowledged version. Exit code 1 if any
 * write was lost, duplicated or missed by a member.
 *
 * Flags: --clients 200 --seconds 60 --think 0.5-3 --watchers 20 --seed <n>
 *        --db postgres://postgres@127.0.0.1:5432/postgres (a fresh database is created on that
 *        server and dropped afterwards; results go to load-postgres.*, SQLite's to load.*)
 *        --one-address: no X-Forwarded-For and no trusted proxy, every member from 127.0.0.1
 *        (as behind one NAT: the per-address rate limit then counts them all together)
 *        --results <name>: write bench/results/<name>.{md,json} instead
 *        --server-log <file>: the server's log at level info (a line per request, with its
 *        responseTime) into <file>, to tell time in the server from time on the way
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  type Doc,
  type LedgerEntry,
  type LoadRun,
  PULL_LIMIT,
  SYNCED,
  SimClient,
  type Version,
} from './load-client';
import {
  ProcSampler,
  cpuSecondsOf,
  freshPostgresDatabase,
  machineCpu,
  readStoredRows,
  startServer,
} from './load-server';
import { seeded } from './lib/community-corpus';
import { type Cell, markdownTable, writeResults } from './lib/results';

const { values: flags } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    think: { type: 'string', default: '0.5-3' },
    watchers: { type: 'string', default: '20' },
    seed: { type: 'string' },
    db: { type: 'string' },
    'one-address': { type: 'boolean', default: false },
    results: { type: 'string' },
    'server-log': { type: 'string' },
  },
});

const CLIENTS = Number(flags.clients);
const SECONDS = Number(flags.seconds);
const [THINK_MIN, THINK_MAX] = flags.think.split('-').map(Number) as [number, number];
const WATCHERS = Math.min(CLIENTS, Number(flags.watchers));
const SEED = flags.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(flags.seed);
const ONE_ADDRESS = flags['one-address'];
/** bench/results/<name>.{md,json} */
const RESULTS =
  flags.results ?? `load${flags.db ? '-postgres' : ''}${ONE_ADDRESS ? '-one-address' : ''}`;
const PG_ADMIN = flags.db && /^postgres(ql)?:\/\//i.test(flags.db) ? flags.db : undefined;
if (
  !(CLIENTS >= 2) ||
  !(SECONDS > 0) ||
  !(THINK_MIN >= 0 && THINK_MAX >= THINK_MIN) ||
  !(WATCHERS >= 0) ||
  (flags.db !== undefined && !PG_ADMIN)
) {
  console.error(
    'usage: tsx bench/load.ts [--clients 200] [--seconds 60] [--think 0.5-3] [--watchers 20] [--seed n] [--db postgres://...] [--one-address] [--results name]',
  );
  process.exit(2);
}

/** Runs `work` over `items`, at most `n` at a time. */
async function pool<T>(items: readonly T[], n: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;

function distribution(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    count: sorted.length,
    p50: r(percentile(sorted, 0.5)),
    p95: r(percentile(sorted, 0.95)),
    p99: r(percentile(sorted, 0.99)),
    max: r(sorted[sorted.length - 1] ?? NaN),
  };
}

const MB = (bytes: number | undefined) =>
  bytes === undefined ? NaN : Math.round((bytes / 1024 / 1024) * 10) / 10;
const pct = (share: number) => `${Math.round(share * 100)}%`;
const elapsed = (since: number) => Math.round(performance.now() - since);

/** Key-order independent equality of two JSON documents. */
function sameDoc(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** The versions a document may hold in the end: its last acknowledged one, or one pushed
 *  after it whose answer never came (it may have been stored). Undefined if never acked. */
function acceptable(entry: LedgerEntry): Version[] | undefined {
  let last = -1;
  entry.versions.forEach((v, i) => {
    if (v.ackAt !== undefined) last = i;
  });
  if (last < 0) return undefined;
  return [entry.versions[last]!, ...entry.versions.slice(last + 1).filter((v) => v.inDoubt)];
}

async function main(): Promise<number> {
  const storeKind = PG_ADMIN ? 'postgres' : 'sqlite';
  const loadAverage = os.loadavg();
  const runId = Math.floor(Math.random() * 36 ** 6).toString(36);
  const tmp = mkdtempSync(join(os.tmpdir(), 'kindred-load-'));
  const pgDb = PG_ADMIN ? await freshPostgresDatabase(PG_ADMIN) : undefined;
  const db = pgDb?.url ?? join(tmp, 'load.sqlite');

  const log = (message: string) =>
    console.log(`[load ${new Date().toISOString().slice(11, 19)}] ${message}`);
  log(
    `${CLIENTS} members, ${SECONDS} s, think ${THINK_MIN}–${THINK_MAX} s, ${WATCHERS} watchers, seed ${SEED}, store ${storeKind}`,
  );
  const server = await startServer(
    [
      '--port',
      '0',
      '--db',
      db,
      '--seed',
      'demo',
      ...(ONE_ADDRESS ? [] : ['--trust-proxy', '127.0.0.1']),
      ...(flags['server-log'] ? ['--log-level', 'info'] : []),
    ],
    flags['server-log'],
  );
  const sampler = new ProcSampler(server.pid, 1000);
  sampler.start();
  const rssStart = sampler.sample()?.rssBytes;
  log(`server pid ${server.pid} at ${server.url} (${server.store}), RSS ${MB(rssStart)} MB`);

  const run: LoadRun = {
    base: new URL(server.url),
    running: false,
    think: { minMs: THINK_MIN * 1000, maxMs: THINK_MAX * 1000 },
    ledger: new Map(),
    pushMs: [],
    oneAddress: ONE_ADDRESS,
    pullMs: { action: [], stream: [] },
    counts: {},
    errors: new Map(),
    random: seeded(SEED), // the choices of a run follow from its seed (timing still varies)
  };
  const clients = Array.from({ length: CLIENTS }, (_, i) => new SimClient(i, run, runId));
  const setup: Record<string, number> = {};
  let exitCode = 0;

  try {
    // ---- set-up: accounts, memberships, streams, first sync ----
    let t = performance.now();
    await pool(clients, 8, (c) => c.register().catch(() => undefined));
    setup.registerMs = elapsed(t);
    const members = clients.filter((c) => c.token);
    log(`registered ${members.length}/${CLIENTS} in ${setup.registerMs} ms`);
    if (members.length === 0) throw new Error('no member could register');

    const directory = await members[0]!.pullEverything('communities');
    const open = directory
      .filter((c) => !c._deleted && c.joinPolicy === 'open' && c.premoderation === false)
      .map((c) => c.id);
    if (open.length === 0) throw new Error('the demo seed has no open community');

    t = performance.now();
    await pool(members, 16, async (c) => {
      const wanted = 1 + Math.floor(run.random() * 3);
      const mine = [...open].sort(() => run.random() - 0.5).slice(0, wanted);
      for (const id of mine) await c.join(id).catch(() => undefined);
    });
    setup.joinMs = elapsed(t);
    const active = members.filter((c) => c.communities.length > 0);
    const memberships = active.reduce((n, c) => n + c.communities.length, 0);
    log(`${memberships} memberships in ${open.length} communities (${open.join(', ')})`);

    // watchers spread over the members
    const step = WATCHERS > 0 ? active.length / WATCHERS : Infinity;
    for (let w = 0; w < WATCHERS; w++) active[Math.floor(w * step)]!.watcher = true;

    t = performance.now();
    await pool(active, 16, (c) => c.openStream().catch(() => undefined));
    setup.streamsMs = elapsed(t);
    t = performance.now();
    await pool(active, 8, async (c) => {
      for (const collection of SYNCED) await c.sync(collection).catch(() => undefined);
    });
    setup.firstSyncMs = elapsed(t);
    log(`streams open in ${setup.streamsMs} ms, first sync in ${setup.firstSyncMs} ms`);

    // the measured phase starts clean
    const setupErrors = new Map(run.errors);
    run.errors.clear();
    run.pullMs = { action: [], stream: [] };
    run.counts = {};

    // ---- load ----
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpu0 = process.cpuUsage();
    const serverCpu0 = sampler.cpuSeconds() ?? NaN;
    const machine0 = machineCpu();
    const main0 = sampler.mainThread();
    const postgres0 = PG_ADMIN ? cpuSecondsOf('postgres') : 0;
    const loadFromT = sampler.now();
    const loadStart = performance.now();
    run.running = true;
    log(`load: ${SECONDS} s`);
    const progress = setInterval(() => {
      const s = sampler.samples[sampler.samples.length - 1];
      log(
        `  ${Math.round((performance.now() - loadStart) / 1000)} s: ${run.counts.actions ?? 0} actions, ` +
          `${[...run.errors.values()].reduce((n, e) => n + e.count, 0)} errors, server RSS ${MB(s?.rssBytes)} MB`,
      );
    }, 10_000);
    await Promise.all(active.map((c) => c.loop(loadStart + SECONDS * 1000)));
    run.running = false;
    clearInterval(progress);
    const loadEnd = performance.now();
    const loadSeconds = (loadEnd - loadStart) / 1000;
    const loadToT = sampler.now();
    const rssEnd = sampler.sample()?.rssBytes;
    const rssPeak = Math.max(sampler.peakBetween(loadFromT, loadToT), rssEnd ?? 0);
    const rssHighWater = sampler.highWaterBytes();
    const serverCpu = ((sampler.cpuSeconds() ?? NaN) - serverCpu0) / loadSeconds;
    const machine1 = machineCpu();
    const main1 = sampler.mainThread();
    // PostgreSQL's own processes (all of them on this machine: other databases' too)
    const postgresCpu = PG_ADMIN ? (cpuSecondsOf('postgres') - postgres0) / loadSeconds : 0;
    // shares of the load's wall time the server's event loop spent on a CPU / waiting for one
    const mainOnCpu = main0 && main1 ? (main1.onCpu - main0.onCpu) / loadSeconds : NaN;
    const mainWaiting = main0 && main1 ? (main1.waiting - main0.waiting) / loadSeconds : NaN;
    const machineBusy = (machine1.busy - machine0.busy) / loadSeconds;
    const machineCores = (machine1.total - machine0.total) / loadSeconds;
    // the server's busiest second (CPU seconds between consecutive samples)
    let serverCpuPeak = 0;
    const during = sampler.samples.filter((x) => x.t >= loadFromT && x.t <= loadToT);
    for (let i = 1; i < during.length; i++) {
      const dt = (during[i]!.t - during[i - 1]!.t) / 1000;
      if (dt > 0.5)
        serverCpuPeak = Math.max(
          serverCpuPeak,
          (during[i]!.cpuSeconds - during[i - 1]!.cpuSeconds) / dt,
        );
    }
    const cpu = process.cpuUsage(cpu0);
    const generatorCpu = (cpu.user + cpu.system) / 1e6 / loadSeconds;
    loop.disable();
    const loadErrors = new Map(run.errors);
    const loadCounts = { ...run.counts };
    const pushMs = distribution(run.pushMs);
    const pullMs = distribution([...run.pullMs.action, ...run.pullMs.stream]);
    const pullActionMs = distribution(run.pullMs.action);
    const pullStreamMs = distribution(run.pullMs.stream);
    log(`load done after ${loadSeconds.toFixed(1)} s; verifying`);

    // ---- stream delivery: acknowledged versions held by watchers of their community ----
    const watchers = active.filter((c) => c.watcher);
    const deliveryMs: number[] = [];
    let deliveryExpected = 0;
    let deliveredBeforeAck = 0;
    for (const entry of run.ledger.values()) {
      for (const v of entry.versions) {
        if (v.ackAt === undefined) continue;
        for (const w of watchers) {
          if (w.index === entry.author || !w.communities.includes(entry.communityId)) continue;
          deliveryExpected++;
          const at = v.receivedBy.get(w.index);
          if (at === undefined || at > loadEnd) continue;
          if (at < v.ackAt) deliveredBeforeAck++;
          deliveryMs.push(Math.max(0, at - v.ackAt));
        }
      }
    }

    // ---- stream events ----
    const liveEvents = active.map((c) => c.streamEvents.live).sort((a, b) => a - b);
    const liveSynced = active.reduce((n, c) => n + c.streamEvents.liveSynced, 0);

    // ---- nothing lost: every member up to date, then everything from scratch ----
    const entries = [...run.ledger.entries()];
    const acked = entries.filter(([, e]) => acceptable(e) !== undefined);
    const readers = {
      pairs: 0,
      missedByIncremental: 0,
      staleIncremental: 0,
      missingFromFullPull: 0,
      staleInFullPull: 0,
      duplicatedInFullPull: 0,
      clientsChecked: 0,
    };
    const verifyStart = performance.now();
    for (const c of clients) c.patient = true;
    await pool(active, 8, async (c) => {
      try {
        for (const collection of SYNCED) await c.sync(collection);
        const full = new Map<string, Doc[]>();
        for (const collection of SYNCED) {
          for (const doc of await c.pullEverything(collection)) {
            const list = full.get(doc.id) ?? [];
            list.push(doc);
            full.set(doc.id, list);
          }
        }
        for (const list of full.values()) if (list.length > 1) readers.duplicatedInFullPull++;
        for (const [id, entry] of acked) {
          if (entry.author !== c.index && !c.communities.includes(entry.communityId)) continue;
          readers.pairs++;
          const ok = acceptable(entry)!;
          const seen = c.received[entry.collection].get(id);
          if (seen === undefined) readers.missedByIncremental++;
          else if (!ok.some((v) => v.doc.updatedAt === seen)) readers.staleIncremental++;
          const there = full.get(id);
          if (!there) readers.missingFromFullPull++;
          else if (!ok.some((v) => sameDoc(v.doc, there[0]))) readers.staleInFullPull++;
        }
        readers.clientsChecked++;
      } catch (err) {
        log(`verification of member ${c.index} failed: ${(err as Error).message}`);
      }
    });
    setup.verifyMs = elapsed(verifyStart);
    const rssAfterVerify = sampler.sample()?.rssBytes;
    const verifyErrors = new Map(run.errors);
    for (const [kind, e] of loadErrors) {
      const after = verifyErrors.get(kind);
      if (after && after.count === e.count) verifyErrors.delete(kind);
      else if (after) verifyErrors.set(kind, { ...after, count: after.count - e.count });
    }

    for (const c of clients) c.close();
    const serverExit = await server.stop();
    sampler.stop();

    // ---- the store itself ----
    const stored = await readStoredRows(db, [...SYNCED]);
    const byKey = new Map<string, typeof stored>();
    for (const row of stored) {
      const key = `${row.collection}\u0000${row.id}`;
      byKey.set(key, [...(byKey.get(key) ?? []), row]);
    }
    const writes = {
      acknowledgedDocuments: acked.length,
      acknowledgedWrites: entries.reduce(
        (n, [, e]) => n + e.versions.filter((v) => v.ackAt !== undefined).length,
        0,
      ),
      acknowledgedEdits: 0,
      found: 0,
      lost: 0,
      lostEdits: 0,
      duplicated: 0,
      inDoubtWrites: entries.reduce(
        (n, [, e]) => n + e.versions.filter((v) => v.inDoubt).length,
        0,
      ),
      inDoubtStored: 0,
      unexpectedRows: 0,
    };
    writes.acknowledgedEdits =
      writes.acknowledgedWrites -
      entries.filter(([, e]) => e.versions[0]?.ackAt !== undefined).length;
    for (const [id, entry] of entries) {
      const rows = byKey.get(`${entry.collection}\u0000${id}`) ?? [];
      if (rows.length > 1) writes.duplicated++;
      const ok = acceptable(entry);
      if (!ok) {
        if (rows.length > 0) {
          if (entry.versions.some((v) => v.inDoubt && sameDoc(v.doc, rows[0]!.body)))
            writes.inDoubtStored++;
          else writes.unexpectedRows++;
        }
        continue;
      }
      if (rows.length === 0) writes.lost++;
      else if (ok.some((v) => sameDoc(v.doc, rows[0]!.body))) writes.found++;
      else if (entry.versions.some((v) => sameDoc(v.doc, rows[0]!.body))) writes.lostEdits++;
      else writes.unexpectedRows++;
    }
    // rows by the load's members that no push of theirs explains
    const authors = new Set(clients.map((c) => c.userId).filter(Boolean));
    for (const row of stored) {
      if (authors.has(String(row.body.authorId)) && !run.ledger.has(row.id))
        writes.unexpectedRows++;
    }

    const held =
      writes.lost === 0 &&
      writes.lostEdits === 0 &&
      writes.duplicated === 0 &&
      writes.unexpectedRows === 0 &&
      readers.missedByIncremental === 0 &&
      readers.staleIncremental === 0 &&
      readers.missingFromFullPull === 0 &&
      readers.staleInFullPull === 0 &&
      readers.duplicatedInFullPull === 0 &&
      readers.clientsChecked === active.length &&
      serverExit === 0;
    if (!held) exitCode = 1;

    // ---- report ----
    const actions = loadCounts.actions ?? 0;
    const pullRequests =
      (loadCounts['pull requests (action)'] ?? 0) + (loadCounts['pull requests (stream)'] ?? 0);
    const requests = (loadCounts['push requests'] ?? 0) + pullRequests;
    const errorCount = [...loadErrors.values()].reduce((n, e) => n + e.count, 0);
    const delivery = distribution(deliveryMs);
    const eld = {
      p50: Math.round(loop.percentile(50) / 1e5) / 10,
      p99: Math.round(loop.percentile(99) / 1e5) / 10,
      max: Math.round(loop.max / 1e5) / 10,
    };
    const ms = (d: { p50: number; p95: number; p99: number }) =>
      `${d.p50} / ${d.p95} / ${d.p99} ms`;
    const rows: Cell[][] = [
      ['store', `${storeKind} (${server.store})`],
      [
        'members (clients)',
        `${active.length} (${memberships} memberships in ${open.length} communities; ${watchers.length} watchers)`,
      ],
      ['duration', `${loadSeconds.toFixed(1)} s (think ${THINK_MIN}–${THINK_MAX} s)`],
      [
        'actions',
        `${actions} (${(actions / loadSeconds).toFixed(1)}/s): ${loadCounts['action: pull'] ?? 0} pulls, ${loadCounts['action: new thread'] ?? 0} threads, ${loadCounts['action: reply'] ?? 0} replies, ${loadCounts['action: edit'] ?? 0} edits`,
      ],
      [
        'requests',
        `${requests} (${(requests / loadSeconds).toFixed(1)}/s): ${loadCounts['push requests'] ?? 0} pushes, ${pullRequests} pull pages (${loadCounts['pull requests (stream)'] ?? 0} of them watchers' pulls on stream events)`,
      ],
      [
        'push latency p50 / p95 / p99',
        `${ms(pushMs)} (max ${pushMs.max} ms, ${pushMs.count} answered 200)`,
      ],
      [
        'pull latency p50 / p95 / p99',
        `${ms(pullMs)} (max ${pullMs.max} ms, ${pullMs.count} pages)`,
      ],
      [
        "  members' own pulls",
        `${ms(pullActionMs)} (max ${pullActionMs.max} ms, ${pullActionMs.count} pages)`,
      ],
      [
        "  watchers' pulls on stream events",
        `${ms(pullStreamMs)} (max ${pullStreamMs.max} ms, ${pullStreamMs.count} pages)`,
      ],
      [
        'stream delivery p50 / p95 (ack → watcher holds it)',
        `${delivery.p50} / ${delivery.p95} ms (p99 ${delivery.p99}, max ${delivery.max}; ${delivery.count} of ${deliveryExpected} during the load, ${deliveredBeforeAck} before the writer's ack)`,
      ],
      [
        'stream events (live)',
        `${liveEvents.reduce((a, b) => a + b, 0)} (${liveSynced} for threads/posts); per member min ${liveEvents[0] ?? 0}, median ${percentile(liveEvents, 0.5)}`,
      ],
      [
        'errors',
        errorCount === 0
          ? '0'
          : `${errorCount}: ${[...loadErrors].map(([k, e]) => `${k} ×${e.count}`).join(', ')}`,
      ],
      [
        'server RSS start / peak / end',
        `${MB(rssStart)} / ${MB(rssPeak)} / ${MB(rssEnd)} MB (kernel high-water ${MB(rssHighWater)} MB; ${MB(rssAfterVerify)} MB after verification)`,
      ],
      [
        'CPU (cores, average over the load)',
        `server ${serverCpu.toFixed(2)} (busiest second ${serverCpuPeak.toFixed(2)}), load generator ${generatorCpu.toFixed(2)} (event-loop delay p99 ${eld.p99} ms), ${PG_ADMIN ? `PostgreSQL ${postgresCpu.toFixed(2)}, ` : ''}other work ${Math.max(0, machineBusy - serverCpu - generatorCpu - postgresCpu).toFixed(2)}; machine ${machineBusy.toFixed(2)} of ${machineCores.toFixed(1)} busy`,
      ],
      [
        'server event loop (main thread)',
        `on a CPU ${pct(mainOnCpu)} of the time, runnable but waiting for a CPU ${pct(mainWaiting)} (${pct(mainOnCpu + mainWaiting)} busy: near 100% means saturated)`,
      ],
      [
        'writes acknowledged / found / lost / duplicated',
        `${writes.acknowledgedWrites} (${writes.acknowledgedDocuments} documents, ${writes.acknowledgedEdits} edits) / ${writes.found} / ${writes.lost + writes.lostEdits} / ${writes.duplicated}`,
      ],
      [
        'members hold every acknowledged write',
        `${readers.pairs} (member, document) pairs: ${readers.missedByIncremental} missed by incremental pulls, ${readers.missingFromFullPull} missing from a full pull, ${readers.staleIncremental + readers.staleInFullPull} stale, ${readers.duplicatedInFullPull} duplicated`,
      ],
      ['server exit on SIGTERM', String(serverExit)],
      ['verdict', held ? 'load held: nothing lost' : 'FAILED'],
    ];
    console.log('');
    console.table(Object.fromEntries(rows.map(([k, v]) => [k, { result: v }])));
    if (errorCount > 0) {
      console.log('Errors during the load (first example of each):');
      for (const [kind, e] of loadErrors) console.log(`  ${kind} ×${e.count}: ${e.example}`);
    }
    if (!held) console.log(`FAILED: ${JSON.stringify({ writes, readers, serverExit })}`);

    const measuredAt = new Date().toISOString();
    const cpus = os.cpus();
    const machine = `${cpus.length} cores (${cpus[0]?.model ?? 'unknown CPU'}), ${MB(os.totalmem())} MB, Node ${process.version}, ${os.platform()} ${os.release()}; load average ${loadAverage.map((l) => l.toFixed(2)).join(' ')} at the start (other work on the machine)`;
    const shownDb = (() => {
      if (!PG_ADMIN) return '';
      const url = new URL(PG_ADMIN);
      if (url.password) url.password = '***';
      return ` --db ${url.toString()}`;
    })();
    const command = `tsx bench/load.ts --clients ${CLIENTS} --seconds ${SECONDS} --think ${THINK_MIN}-${THINK_MAX} --watchers ${WATCHERS} --seed ${SEED}${shownDb}${ONE_ADDRESS ? ' --one-address' : ''}`;
    const errorRows: Cell[][] = [...loadErrors].map(([k, e]) => [
      k,
      e.count,
      e.example.replace(/\|/g, '\\|'),
    ]);
    const markdown = `# Load benchmark (${storeKind})

\`${command}\` (\`npm run bench:load\` runs the defaults on SQLite) — ${measuredAt}

Machine: ${machine}.

The real server as its own process (\`node --import tsx sync-server/main.ts --db <fresh ${storeKind} store> --seed demo${ONE_ADDRESS ? '' : ' --trust-proxy 127.0.0.1'}\`), memory (VmRSS) and CPU sampled from /proc every second (${sampler.samples.length} samples; peak = the largest sample during the load, high-water = the kernel's VmHWM). ${active.length} simulated members in this process over HTTP/1.1 (keep-alive, 6 sockets each, ${ONE_ADDRESS ? 'all from one address, 127.0.0.1' : 'each from its own address via X-Forwarded-For'}; default rate limits), each in 1–3 of the open demo communities with an event stream open, for ${SECONDS} s: think ${THINK_MIN}–${THINK_MAX} s (uniform), then pull threads and posts from its checkpoints (30%), post a new thread (15%), reply to a thread it knows (40%) or edit its own thread or reply (15%, assumedMasterState = last known). ${watchers.length} watchers pull on every threads/posts stream event as the app does: stream delivery is the time from the writer's acknowledgement to a watcher of that community holding the document (event + pull; 0 when it got there first). Latencies are measured in the load generator, which shares the two cores with the server: they include its own queueing (event-loop delay above).

Nothing lost: after the load every member pulls up to date from its checkpoints and then everything from scratch (limit 1000); every acknowledged write (push answered 200, neither conflict nor refusal) must be there once, in its latest acknowledged version, for its author and every member of its community. Then the server is stopped (SIGTERM) and the store read directly.

${markdownTable(['measure', 'result'], rows)}

${errorRows.length > 0 ? `## Errors during the load\n\n${markdownTable(['kind', 'count', 'first example'], errorRows)}\n` : 'No errors during the load.\n'}
Set-up: registering ${members.length} members ${setup.registerMs} ms (scrypt), joining ${setup.joinMs} ms, opening streams ${setup.streamsMs} ms, first sync ${setup.firstSyncMs} ms; verification ${setup.verifyMs} ms.
`;
    writeResults(RESULTS, markdown, {
      measuredAt,
      node: process.version,
      cpus: cpus.length,
      cpuModel: cpus[0]?.model,
      loadAverageAtStart: loadAverage,
      store: storeKind,
      command,
      config: {
        clients: CLIENTS,
        seconds: SECONDS,
        thinkSeconds: [THINK_MIN, THINK_MAX],
        watchers: WATCHERS,
        seed: SEED,
        pullLimit: PULL_LIMIT,
        mix: { pull: 0.3, newThread: 0.15, reply: 0.4, edit: 0.15 },
      },
      setup: {
        ...setup,
        registered: members.length,
        activeMembers: active.length,
        memberships,
        communities: open,
        errors: Object.fromEntries(setupErrors),
      },
      load: {
        seconds: Math.round(loadSeconds * 10) / 10,
        actions,
        actionsPerSecond: Math.round((actions / loadSeconds) * 10) / 10,
        requests,
        requestsPerSecond: Math.round((requests / loadSeconds) * 10) / 10,
        counts: loadCounts,
        pushMs,
        pullMs: { all: pullMs, action: pullActionMs, stream: pullStreamMs },
        streamDeliveryMs: {
          ...delivery,
          expected: deliveryExpected,
          beforeAck: deliveredBeforeAck,
        },
        streamEvents: {
          live: liveEvents.reduce((a, b) => a + b, 0),
          liveThreadsAndPosts: liveSynced,
          perMemberMin: liveEvents[0] ?? 0,
          perMemberMedian: percentile(liveEvents, 0.5),
        },
        errors: Object.fromEntries(loadErrors),
        errorCount,
      },
      verificationErrors: Object.fromEntries(verifyErrors),
      server: {
        rssStartMB: MB(rssStart),
        rssPeakMB: MB(rssPeak),
        rssEndMB: MB(rssEnd),
        rssHighWaterMB: MB(rssHighWater),
        rssAfterVerifyMB: MB(rssAfterVerify),
        rssSamples: sampler.samples.length,
        cpuCores: Math.round(serverCpu * 100) / 100,
        cpuCoresBusiestSecond: Math.round(serverCpuPeak * 100) / 100,
        mainThreadOnCpu: Math.round(mainOnCpu * 1000) / 1000,
        mainThreadWaitingForCpu: Math.round(mainWaiting * 1000) / 1000,
        exitCode: serverExit,
      },
      generator: { cpuCores: Math.round(generatorCpu * 100) / 100, eventLoopDelayMs: eld },
      machineCpu: {
        busyCores: Math.round(machineBusy * 100) / 100,
        cores: Math.round(machineCores * 10) / 10,
        postgresCores: Math.round(postgresCpu * 100) / 100,
        otherWorkCores:
          Math.round(Math.max(0, machineBusy - serverCpu - generatorCpu - postgresCpu) * 100) / 100,
      },
      writes,
      readers,
      held,
    });
    log(`results in bench/results/${RESULTS}.{md,json}`);
  } catch (err) {
    console.error(`load benchmark failed: ${(err as Error).stack ?? String(err)}`);
    console.error(
      `server stderr (last lines):\n${server.stderr().split('\n').slice(-20).join('\n')}`,
    );
    exitCode = 1;
  } finally {
    for (const c of clients) c.close();
    await server.stop();
    sampler.stop();
    await pgDb
      ?.drop()
      .catch((err: Error) => console.error(`dropping ${pgDb.name}: ${err.message}`));
    rmSync(tmp, { recursive: true, force: true });
  }
  const stderr = server.stderr().trim();
  if (stderr)
    console.log(`server stderr (last 10 lines):\n${stderr.split('\n').slice(-10).join('\n')}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
