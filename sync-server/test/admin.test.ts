import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open';
import { writeDocs } from '../sync/write';
import { hashPassword } from '../auth/passwords';

const ROOT = resolve(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'kindred-admin-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const admin = (args: string[]) =>
  spawnSync(TSX, ['sync-server/admin.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('the admin command', () => {
  it('explains itself with --help', () => {
    const r = admin(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('set-role --community <id> --user <username> --role');
  });

  it('makes a user a moderator of a community, audited, and refuses unknown names', async () => {
    const db = join(dir, 'admin.sqlite');
    const store = await openStore(db);
    await store.createUser(
      {
        userId: 'u_admin_test',
        usernameKey: 'future-mod',
        displayName: 'Mod',
        passwordHash: await hashPassword('irrelevant-pw'),
        createdAt: 1,
      },
      {
        collection: 'profiles',
        doc: { id: 'u_admin_test', updatedAt: 1, _deleted: false },
        channels: [],
        ownerId: 'u_admin_test',
      },
    );
    await writeDocs(store, [
      {
        collection: 'communities',
        doc: { id: 'club', updatedAt: 1, _deleted: false },
      },
    ]);
    await store.close();

    const ok = admin([
      'set-role',
      '--db',
      db,
      '--community',
      'club',
      '--user',
      'Future-Mod',
      '--role',
      'moderator',
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const unknown = admin([
      'set-role',
      '--db',
      db,
      '--community',
      'club',
      '--user',
      'nobody',
      '--role',
      'partner',
    ]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown-user');
    const badRole = admin([
      'set-role',
      '--db',
      db,
      '--community',
      'club',
      '--user',
      'future-mod',
      '--role',
      'king',
    ]);
    expect(badRole.status).toBe(2);

    const after = await openStore(db);
    try {
      expect(await after.getDocument('memberships', 'club:u_admin_test')).toMatchObject({
        role: 'moderator',
        status: 'active',
      });
      const audit = await after.listAudit({ kind: 'role' });
      expect(audit[0]).toMatchObject({
        subject: 'club:u_admin_test',
        detail: { role: 'moderator' },
      });
    } finally {
      await after.close();
    }
  });
});
