/**
 * Starting the real server process and waiting for its ready line. The command line is the
 * one `npm run server` runs (package.json's "server" script), so these tests exercise what
 * operators start: a launcher in between that handles signals differently (as `tsx` alone
 * does) would show up here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** package.json's "server" script as argv: its first word resolved as npm would (node_modules/.bin). */
export function serverCommand(): { command: string; args: string[] } {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [program, ...args] = manifest.scripts.server!.trim().split(/\s+/);
  const command = program === 'node' ? process.execPath : join(ROOT, 'node_modules/.bin', program!);
  return { command, args };
}

export const READY =
  /^Kindred sync server listening on http:\/\/127\.0\.0\.1:(\d+) \(store: (sqlite|postgres), db: (.+)\)$/;

export interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

export function run(args: string[], env: Record<string, string> = {}): Run {
  const server = serverCommand();
  const child = spawn(server.command, [...server.args, ...args], {
    cwd: ROOT,
    env: { ...process.env, KINDRED_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (err += c));
  const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Waits for the ready line (or the process ending first, which fails the test). */
export async function ready(r: Run): Promise<string> {
  for (;;) {
    const line = r.stdout().split('\n')[0]!;
    if (r.stdout().includes('\n')) return line;
    const ended = await Promise.race([
      r.exit.then(() => true),
      new Promise((res) => setTimeout(res, 50, false)),
    ]);
    if (ended) throw new Error(`server exited before ready: ${r.stderr()}`);
  }
}

/** The base URL of a started server, from its ready line. */
export async function urlOf(r: Run): Promise<string> {
  const line = await ready(r);
  const match = READY.exec(line);
  if (!match) throw new Error(`unexpected ready line: ${line}`);
  return `http://127.0.0.1:${match[1]}`;
}
