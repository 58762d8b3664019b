/**
 * The server side of the load benchmark (bench/load.ts): the real sync server as its own
 * process, its memory and CPU sampled from /proc, a fresh PostgreSQL database when asked for
 * one, and reading back what the store holds once the load is over.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const READY = /^Kindred sync server listening on (http:\/\/\S+) \(store: (\w+), db: (.+)\)$/;

export interface ServerProcess {
  url: string;
  pid: number;
  store: string;
  stderr: () => string;
  /** SIGTERM, then the exit code (null if it had to be killed after `graceMs`) */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * `node --import tsx sync-server/main.ts ...`: one process (no tsx launcher in between), so the
 * pid whose memory is sampled is the server's own.
 */
export async function startServer(args: string[], logFile?: string): Promise<ServerProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'sync-server/main.ts', ...args],
    {
      cwd: ROOT,
      env: { ...process.env, KINDRED_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  // with a log file: every request's log line (pino, level info) for a closer look
  if (logFile) child.stderr!.pipe(createWriteStream(logFile));
  child.stderr!.on('data', (c: Buffer) => {
    // keep the last 64 kB: warnings under load can be many
    err = (err + c.toString()).slice(-65_536);
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exited = false;
  void exit.then(() => (exited = true));

  const started = Date.now();
  while (!out.includes('\n')) {
    if (exited) throw new Error(`server exited before it was ready:\n${err}`);
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after 60 s:\n${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const line = out.split('\n')[0]!;
  const match = READY.exec(line);
  if (!match) {
    child.kill('SIGKILL');
    throw new Error(`unexpected ready line: ${line}`);
  }
  return {
    url: match[1]!,
    store: match[2]!,
    pid: child.pid!,
    stderr: () => err,
    async stop(graceMs = 15_000) {
      if (exited) return exit;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const code = await exit;
      clearTimeout(timer);
      return code;
    },
  };
}

export interface ProcSample {
  /** ms since the sampler started */
  t: number;
  rssBytes: number;
  /** the process's CPU seconds so far */
  cpuSeconds: number;
}

/** The whole machine's CPU time so far (/proc/stat), in seconds summed over all cores. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy: busy / 100, total: (busy + idle! + iowait!) / 100 };
}

/** Samples a process's resident memory (VmRSS) and CPU time from /proc every `everyMs`. */
export class ProcSampler {
  readonly samples: ProcSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly t0 = performance.now();
  private readonly ticksPerSecond = 100; // USER_HZ on Linux

  constructor(
    private readonly pid: number,
    private readonly everyMs = 1000,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One sample now (also recorded); undefined once the process is gone. */
  sample(): ProcSample | undefined {
    const rss = this.status('VmRSS');
    if (rss === undefined) return undefined;
    const s = {
      t: Math.round(performance.now() - this.t0),
      rssBytes: rss,
      cpuSeconds: this.cpuSeconds() ?? NaN,
    };
    this.samples.push(s);
    return s;
  }

  /** The kernel's own high-water mark of resident memory (VmHWM): peaks between samples too. */
  highWaterBytes(): number | undefined {
    return this.status('VmHWM');
  }

  /**
   * The main thread's (the event loop's) seconds on a CPU and waiting for one (runnable but
   * not running: the machine's other work), from /proc/<pid>/schedstat.
   */
  mainThread(): { onCpu: number; waiting: number } | undefined {
    try {
      const [onCpu, waiting] = readFileSync(`/proc/${this.pid}/schedstat`, 'utf8')
        .trim()
        .split(/\s+/)
        .map(Number) as [number, number];
      return { onCpu: onCpu / 1e9, waiting: waiting / 1e9 };
    } catch {
      return undefined;
    }
  }

  /** user + system CPU seconds the process has used so far */
  cpuSeconds(): number | undefined {
    try {
      const stat = readFileSync(`/proc/${this.pid}/stat`, 'utf8');
      // fields after the command name (which may hold spaces) start at field 3
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / this.ticksPerSecond;
    } catch {
      return undefined;
    }
  }

  peakBetween(fromT: number, toT: number): number {
    let peak = 0;
    for (const s of this.samples) if (s.t >= fromT && s.t <= toT) peak = Math.max(peak, s.rssBytes);
    return peak;
  }

  now(): number {
    return Math.round(performance.now() - this.t0);
  }

  private status(field: string): number | undefined {
    try {
      const text = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(text);
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }
}

/** CPU seconds used so far by every process called `name` (e.g. the PostgreSQL backends). */
export function cpuSecondsOf(name: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      /* the process ended meanwhile */
    }
  }
  return total;
}

/** A database of its own on the PostgreSQL server `adminUrl` names; `drop` removes it. */
export async function freshPostgresDatabase(adminUrl: string) {
  const name = `kindred_load_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export interface StoredRow {
  collection: string;
  id: string;
  deleted: boolean;
  body: Record<string, unknown>;
}

/**
 * Every stored row of `collections`, read straight from the store (the SQLite file opened
 * read-only, or the PostgreSQL database), with no server in between.
 */
export async function readStoredRows(db: string, collections: string[]): Promise<StoredRow[]> {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    const client = new pg.Client({ connectionString: db });
    await client.connect();
    try {
      const res = await client.query<{
        collection: string;
        id: string;
        deleted: boolean;
        body: string;
      }>(
        'SELECT collection, id, deleted, body::text AS body FROM documents WHERE collection = ANY($1)',
        [collections],
      );
      return res.rows.map((r) => ({ ...r, body: JSON.parse(r.body) as Record<string, unknown> }));
    } finally {
      await client.end();
    }
  }
  const sqlite = new Database(db, { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite
      .prepare(
        `SELECT collection, id, deleted, body FROM documents
         WHERE collection IN (${collections.map(() => '?').join(', ')})`,
      )
      .all(...collections) as { collection: string; id: string; deleted: number; body: string }[];
    return rows.map((r) => ({
      collection: r.collection,
      id: r.id,
      deleted: r.deleted !== 0,
      body: JSON.parse(r.body) as Record<string, unknown>,
    }));
  } finally {
    sqlite.close();
  }
}
