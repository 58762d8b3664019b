import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { call, pullAll, register } from './helpers';
import { READY, ready, run } from './processes';

const dir = mkdtempSync(join(tmpdir(), 'kindred-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the server process', () => {
  it('prints the ready line, creates the schema and demo seed, exits 0 on SIGTERM, and restarts on the same file', async () => {
    const db = join(dir, 'nested', 'kindred.sqlite');
    const first = run(['--port', '0', '--db', db]);
    const line = await ready(first);
    const match = READY.exec(line);
    expect(match, line).not.toBeNull();
    expect(match!.slice(2)).toEqual(['sqlite', db]);
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

  it('explains an unreachable postgres URL and exits 1 without a ready line', async () => {
    // Port 1 on this machine: nothing listens there, so the connection is refused at once.
    const r = run(['--port', '0', '--db', 'postgres://kindred@127.0.0.1:1/kindred']);
    expect(await r.exit).toBe(1);
    expect(r.stderr()).toContain('cannot open the store: the database is unavailable');
    expect(r.stdout()).toBe('');
  });

  it('prints its usage with --help and exits 0 without opening a database', async () => {
    const r = run(['--help']);
    expect(await r.exit).toBe(0);
    expect(r.stdout()).toContain('Usage: npm run server -- [options]');
    expect(r.stdout()).toContain('--db <path|:memory:|postgres://...>');
  });

  it('answers a bad flag with a clear message and exit code 2', async () => {
    const r = run(['--port', 'eighty']);
    expect(await r.exit).toBe(2);
    expect(r.stderr()).toContain('--port must be an integer from 0 to 65535 (got "eighty")');
  });
});
