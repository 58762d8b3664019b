/**
 * The sync server as a child process on one SQLite file, so that the test can kill it the way
 * a crash or a power cut does (SIGKILL: no shutdown hook runs, no connection is closed) and
 * start it again on the same file.
 *
 * It runs as `node --import tsx sync-server/main.ts`, one process: `npx tsx` would put npx and
 * tsx's own launcher in front of it, and a SIGKILL to the launcher would leave the real server
 * running with the database open.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const READY = /^Kindred sync server listening on (http:\/\/127\.0\.0\.1:\d+) /;
const READY_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  /** the current server's base URL (changes on every restart: port 0) */
  readonly url: string;
  readonly restarts: number;
  /** SIGKILL, then wait until the process is gone */
  kill(): Promise<void>;
  /** start a new process on the same file */
  start(): Promise<string>;
  /** what the processes wrote on stderr (for a failure message) */
  stderr(): string;
  stop(): Promise<void>;
}

export function serverProcess(dbFile: string): ServerProcess {
  let child: ChildProcess | null = null;
  let url = '';
  let restarts = -1;
  let errors = '';

  async function start(): Promise<string> {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', 'sync-server/main.ts', '--port', '0', '--db', dbFile, '--seed', 'demo'],
      {
        cwd: ROOT,
        env: { ...process.env, KINDRED_LOG_LEVEL: 'error' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = proc;
    restarts += 1;
    proc.stderr!.on(
      'data',
      (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-20_000)),
    );
    url = await new Promise<string>((done, fail) => {
      let out = '';
      const timer = setTimeout(
        () => fail(new Error(`server not ready: ${errors}`)),
        READY_TIMEOUT_MS,
      );
      proc.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = READY.exec(out);
        if (match) {
          clearTimeout(timer);
          done(match[1]!);
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`server exited (${code}) before ready: ${errors}`));
      });
    });
    return url;
  }

  async function kill(): Promise<void> {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const gone = new Promise<void>((done) => proc.once('exit', () => done()));
    proc.kill('SIGKILL');
    await gone;
  }

  return {
    get url() {
      return url;
    },
    get restarts() {
      return restarts;
    },
    kill,
    start,
    stderr: () => errors,
    stop: kill,
  };
}
