import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, pullAll, register } from './helpers';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'kindred-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const READY =
  /^Kindred sync server listening on http:\/\/127\.0\.0\.1:(\d+) \(store: sqlite, db: (.+)\)$/;

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

function run(args: string[]): Run {
  const child = spawn(TSX, ['sync-server/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, KINDRED_LOG_LEVEL: 'warn' },
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
async function ready(r: Run): Promise<string> {
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

describe('the server process', () => {
  it('prints the ready line, creates the schema and demo seed, exits 0 on SIGTERM, and restarts on the same file', async () => {
    const db = join(dir, 'nested', 'kindred.sqlite');
    const first = run(['--port', '0', '--db', db]);
    const line = await ready(first);
    const match = READY.exec(line);
    expect(match, line).not.toBeNull();
    expect(match![2]).toBe(db);
    const server = { url: `http://127.0.0.1:${match![1]}` };
    expect((await call(server, 'GET', '/health')).body).toEqual({ ok: true, store: 'sqlite' });
    const user = await register(server, 'process-user');
    const communities = (await pullAll(server, user, 'communities')).documents;
    expect(communities.map((c) => c.id)).toContain('lung-cancer');

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(first.stdout().trim().split('\n')).toHaveLength(1);

    // Second start: schema already there, store not empty, so no second seed.
    const second = run(['--port', '0', '--db', db, '--seed', 'demo']);
    const again = { url: `http://127.0.0.1:${READY.exec(await ready(second))![1]}` };
    const login = await call(again, 'POST', '/auth/login', {
      body: { username: 'process-user', password: 'secret-process-user-pw' },
    });
    expect(login.status).toBe(200);
    const after = (await pullAll(again, { ...login.body, username: 'process-user' }, 'communities'))
      .documents;
    expect(after).toEqual(communities);
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  });

  it('answers a postgres URL with "not supported yet" and exit code 1', async () => {
    const r = run(['--port', '0', '--db', 'postgres://kindred@localhost/kindred']);
    expect(await r.exit).toBe(1);
    expect(r.stderr()).toContain('not supported yet');
    expect(r.stdout()).toBe('');
  });

  it('prints its usage with --help and exits 0 without opening a database', async () => {
    const r = run(['--help']);
    expect(await r.exit).toBe(0);
    expect(r.stdout()).toContain('Usage: tsx sync-server/main.ts [options]');
    expect(r.stdout()).toContain('--db <path|:memory:>');
  });

  it('answers a bad flag with a clear message and exit code 2', async () => {
    const r = run(['--port', 'eighty']);
    expect(await r.exit).toBe(2);
    expect(r.stderr()).toContain('--port must be an integer from 0 to 65535 (got "eighty")');
  });
});
