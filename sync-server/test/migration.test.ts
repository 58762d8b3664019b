/**
 * Schema migration 2 upgrades a version-1 database file in place: nothing written under
 * version 1 is lost, and the new placements (profiles in communities, shared threads on therapy
 * pages) and the audit table apply to the old rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/passwords';
import { buildApp } from '../app';
import { LATEST_VERSION, migrate, schemaVersion } from '../store/sqlite/migrations';
import { openStore } from '../store/open';
import { call, followTherapies, pullAll } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'kindred-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = Date.now();
const community = {
  id: 'old-lungs',
  updatedAt: now,
  slug: 'old-lungs',
  name: 'Old lungs',
  description: 'written by version 1',
  partner: { name: 'P', kind: 'other' },
  conditionTags: [],
  joinPolicy: 'open',
  premoderation: false,
  allowTherapySharing: true,
  _deleted: false,
};
const profile = {
  id: 'u_old',
  updatedAt: now,
  displayName: 'Old',
  bio: '',
  role: 'patient',
  _deleted: false,
};
const membership = {
  id: 'old-lungs:u_old',
  updatedAt: now,
  communityId: 'old-lungs',
  userId: 'u_old',
  role: 'member',
  status: 'active',
  _deleted: false,
};
const thread = {
  id: 'old-thread',
  updatedAt: now,
  communityId: 'old-lungs',
  authorId: 'u_old',
  title: 'Written before the upgrade',
  body: 'Kept',
  therapyIds: ['old-drug'],
  shareToTherapyPages: true,
  createdAt: now,
  _deleted: false,
};

/** A database file exactly as version 1 of the server left it (its tables, its row shapes). */
async function writeVersionOne(path: string) {
  const db = new Database(path);
  migrate(db, now, 1);
  db.prepare(
    'INSERT INTO users (user_id, username_key, display_name, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  ).run('u_old', 'old-user', 'Old', await hashPassword('old-password'), now);
  const insert = db.prepare(
    'INSERT INTO documents (collection, id, seq, channel, owner_id, deleted, body) VALUES (?, ?, ?, ?, ?, 0, ?)',
  );
  insert.run('communities', community.id, 1, 'public', null, JSON.stringify(community));
  insert.run('profiles', profile.id, 2, 'user:u_old', 'u_old', JSON.stringify(profile));
  insert.run(
    'memberships',
    membership.id,
    3,
    'community:old-lungs',
    'u_old',
    JSON.stringify(membership),
  );
  insert.run('threads', thread.id, 4, 'community:old-lungs', 'u_old', JSON.stringify(thread));
  db.prepare("UPDATE counters SET value = 4 WHERE name = 'seq'").run();
  expect(schemaVersion(db)).toBe(1);
  db.close();
}

describe('schema migrations', () => {
  it('upgrades a version-1 file in place, keeping its data and applying the new schema', async () => {
    const path = join(dir, 'v1.sqlite');
    await writeVersionOne(path);

    const store = await openStore(path);
    const app = await buildApp({ store });
    const server = { url: await app.listen({ port: 0, host: '127.0.0.1' }) };
    try {
      const login = await call(server, 'POST', '/auth/login', {
        body: { username: 'old-user', password: 'old-password' },
      });
      expect(login.status).toBe(200);
      const old = { ...login.body, username: 'old-user' };
      expect((await pullAll(server, old, 'threads')).documents).toEqual([thread]);
      // Version 4 counted the one active member into the community.
      expect((await pullAll(server, old, 'communities')).documents).toEqual([
        { ...community, memberCount: 1 },
      ]);

      // New in version 2: profiles of people who share a community, therapy pages, audit.
      const reg = await call(server, 'POST', '/auth/register', {
        body: { username: 'new-user', password: 'new-password', displayName: 'New' },
      });
      const fresh = { ...reg.body, username: 'new-user' };
      await call(server, 'POST', '/communities/old-lungs/join', { token: fresh.token });
      expect((await pullAll(server, fresh, 'profiles')).documents.map((p) => p.id)).toContain(
        'u_old',
      );
      const follower = {
        ...(
          await call(server, 'POST', '/auth/register', {
            body: { username: 'follower', password: 'follower-pw', displayName: 'F' },
          })
        ).body,
        username: 'follower',
      };
      await followTherapies(server, follower, ['old-drug']);
      expect((await pullAll(server, follower, 'threads')).documents).toEqual([thread]);
      expect((await store.listAudit({ kind: 'sign-in' })).map((a) => a.subject)).toContain(
        'old-user',
      );
    } finally {
      await app.close();
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });
});
