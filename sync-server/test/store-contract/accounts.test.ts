/**
 * The store contract, accounts and throttling: users, sessions, failed-login counters and
 * request rate-limit counters, which several instances must agree on.
 */
import { describe, expect, it } from 'vitest';
import type { UserRecord } from '../../store/types';
import { STORES } from '../stores';
import { doc, freshStore, placed } from './setup';

const user = (n: number): UserRecord => ({
  userId: `u_${n}`,
  usernameKey: `user-${n}`,
  displayName: `User ${n}`,
  passwordHash: `scrypt$hash${n}`,
  createdAt: 1_700_000_000_000 + n,
});
const profileOf = (u: UserRecord) => placed('profiles', doc({ id: u.userId }), [], u.userId);

describe.each(STORES)('the $kind store: accounts and counters', (kind) => {
  const f = freshStore(kind);

  it('creates a user with their profile, refuses a taken username, and finds users by name and id', async () => {
    const a = user(1);
    expect(await f.store.createUser(a, profileOf(a))).toBe('created');
    const twin = { ...user(2), usernameKey: a.usernameKey };
    expect(await f.store.createUser(twin, profileOf(twin))).toBe('taken');
    expect(await f.store.getDocument('profiles', twin.userId)).toBeNull();
    expect(await f.store.findUserByUsername(a.usernameKey)).toEqual(a);
    expect(await f.store.findUserById(a.userId)).toEqual(a);
    expect(await f.store.findUserById(twin.userId)).toBeNull();
    expect(await f.store.getDocument('profiles', a.userId)).toMatchObject({ id: a.userId });
  });

  it('lets exactly one of concurrent registrations of one username through', async () => {
    const results = await Promise.all(
      [3, 4, 5, 6].map((n) => {
        const u = { ...user(n), usernameKey: 'same-name' };
        return f.store.createUser(u, profileOf(u));
      }),
    );
    expect(results.sort()).toEqual(['created', 'taken', 'taken', 'taken']);
  });

  it('finds a session until it expires or is revoked', async () => {
    const a = user(7);
    await f.store.createUser(a, profileOf(a));
    await f.store.createSession('hash-1', a.userId, 1000, 5000);
    await f.store.createSession('hash-2', a.userId, 1000, 5000);
    expect(await f.store.findSessionUser('hash-1', 4999)).toBe(a.userId);
    expect(await f.store.findSessionUser('hash-1', 5000)).toBeNull();
    await f.store.revokeSession('hash-2', 2000);
    expect(await f.store.findSessionUser('hash-2', 2001)).toBeNull();
    expect(await f.store.findSessionUser('unknown', 2001)).toBeNull();
  });

  it('counts failed logins per username within a window, and clears them', async () => {
    for (const at of [100, 200, 300]) await f.store.recordLoginFailure('rosa', at);
    await f.store.recordLoginFailure('other', 250);
    expect(await f.store.countLoginFailures('rosa', 150)).toBe(2);
    expect(await f.store.countLoginFailures('rosa', 0)).toBe(3);
    await f.store.clearLoginFailures('rosa');
    expect(await f.store.countLoginFailures('rosa', 0)).toBe(0);
    expect(await f.store.countLoginFailures('other', 0)).toBe(1);
  });

  it('counts rate-limit hits in a fixed window per key, and starts a new window when it passes', async () => {
    expect(await f.store.hitRateLimit('ip:1', 1000, 10_000)).toEqual({ count: 1, resetAt: 11_000 });
    expect(await f.store.hitRateLimit('ip:1', 1000, 10_500)).toEqual({ count: 2, resetAt: 11_000 });
    expect(await f.store.hitRateLimit('ip:2', 1000, 10_500)).toEqual({ count: 1, resetAt: 11_500 });
    expect(await f.store.hitRateLimit('ip:1', 1000, 11_000)).toEqual({ count: 1, resetAt: 12_000 });
  });

  it('counts every one of many concurrent rate-limit hits, from several connections', async () => {
    const others =
      kind.kind === 'postgres' ? await Promise.all([f.database.open(), f.database.open()]) : [];
    const stores = [f.store, ...others];
    const hits = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        stores[i % stores.length]!.hitRateLimit('user:busy', 60_000, 1_000),
      ),
    );
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 60 }, (_, i) => i + 1),
    );
  });
});
