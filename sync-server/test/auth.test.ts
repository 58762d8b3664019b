import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_WINDOW_MS } from '../routes/auth';
import { type TestServer, call, register, startServer } from './helpers';
import { STORES } from './stores';

describe.each(STORES)('on the $kind store', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ kind });
  });
  afterAll(async () => {
    await server.close();
  });

  describe('accounts and sessions', () => {
    it('registers a user, returns a token, and creates their profile', async () => {
      const res = await call(server, 'POST', '/auth/register', {
        body: { username: 'Rosa.M', password: 'correct horse', displayName: 'Rosa' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ displayName: 'Rosa' });
      expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const profile = await server.store.getDocument('profiles', res.body.userId);
      expect(profile).toMatchObject({
        id: res.body.userId,
        displayName: 'Rosa',
        bio: '',
        role: 'patient',
        _deleted: false,
      });
    });

    it('keeps the role chosen at sign-up, and refuses one that is not a role', async () => {
      const res = await call(server, 'POST', '/auth/register', {
        body: {
          username: 'cal.cares',
          password: 'correct horse',
          displayName: 'Cal',
          role: 'caregiver',
        },
      });
      expect(res.status).toBe(201);
      const profile = await server.store.getDocument('profiles', res.body.userId);
      expect(profile).toMatchObject({ displayName: 'Cal', role: 'caregiver' });

      const wrong = await call(server, 'POST', '/auth/register', {
        body: { username: 'dr.who', password: 'correct horse', displayName: 'Doc', role: 'doctor' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toEqual({
        error: expect.any(String),
        message: expect.stringContaining('role'),
      });
      // Nothing half-made: the username is still free.
      const retry = await call(server, 'POST', '/auth/register', {
        body: {
          username: 'dr.who',
          password: 'correct horse',
          displayName: 'Doc',
          role: 'supporter',
        },
      });
      expect(retry.status).toBe(201);
    });

    it('refuses a username that is taken, whatever its case', async () => {
      await register(server, 'taken-name');
      const res = await call(server, 'POST', '/auth/register', {
        body: { username: 'TAKEN-name', password: 'another password', displayName: 'X' },
      });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({ error: 'username-taken', message: expect.any(String) });
    });

    it.each([
      ['a too short username', { username: 'ab', password: 'long enough', displayName: 'A' }],
      ['a username with spaces', { username: 'rosa m', password: 'long enough', displayName: 'A' }],
      ['a short password', { username: 'rosa2', password: 'short', displayName: 'A' }],
      ['an empty display name', { username: 'rosa3', password: 'long enough', displayName: '' }],
      ['a missing field', { username: 'rosa4', password: 'long enough' }],
    ])('answers 400 to %s', async (_, body) => {
      const res = await call(server, 'POST', '/auth/register', { body });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('bad-request');
    });

    it('signs in with the right password, case-insensitively, and not with a wrong one', async () => {
      const user = await register(server, 'signin-user');
      const ok = await call(server, 'POST', '/auth/login', {
        body: { username: 'SIGNIN-user', password: 'secret-signin-user-pw' },
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ userId: user.userId, displayName: 'signin-user' });
      expect(ok.body.token).not.toBe(user.token);

      const wrong = await call(server, 'POST', '/auth/login', {
        body: { username: 'signin-user', password: 'wrong password' },
      });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toBe('wrong-credentials');
      const unknown = await call(server, 'POST', '/auth/login', {
        body: { username: 'nobody-here', password: 'whatever1' },
      });
      expect(unknown.status).toBe(401);

      // The audit keeps who registered and every failed sign-in, with why it failed: ids and
      // reasons only, never the password tried.
      const registered = await server.store.listAudit({ kind: 'register' });
      expect(registered).toContainEqual(
        expect.objectContaining({ userId: user.userId, subject: 'signin-user' }),
      );
      const failed = await server.store.listAudit({ kind: 'sign-in-failed' });
      expect(failed).toContainEqual(
        expect.objectContaining({
          userId: user.userId,
          subject: 'signin-user',
          detail: { reason: 'wrong-password' },
        }),
      );
      expect(failed).toContainEqual(
        expect.objectContaining({
          userId: null,
          subject: 'nobody-here',
          detail: { reason: 'unknown-user' },
        }),
      );
      const signedIn = await server.store.listAudit({ kind: 'sign-in' });
      expect(signedIn).toContainEqual(
        expect.objectContaining({ userId: user.userId, subject: 'signin-user' }),
      );
      const everything = JSON.stringify(await server.store.listAudit());
      expect(everything).not.toContain('wrong password');
      expect(everything).not.toContain('secret-signin-user-pw');
    });

    it('answers 429 after five failed sign-ins for a username, even with the right password', async () => {
      await register(server, 'guarded');
      for (let i = 0; i < 5; i++) {
        const res = await call(server, 'POST', '/auth/login', {
          body: { username: 'guarded', password: `wrong-${i}-xx` },
        });
        expect(res.status).toBe(401);
      }
      const locked = await call(server, 'POST', '/auth/login', {
        body: { username: 'guarded', password: 'secret-guarded-pw' },
      });
      expect(locked.status).toBe(429);
      expect(locked.body.error).toBe('too-many-requests');
      // Whole seconds until the app may try again, no longer than the failure window.
      const retryAfter = locked.headers.get('retry-after');
      expect(retryAfter).toMatch(/^[1-9]\d*$/);
      expect(Number(retryAfter)).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
      expect(await server.store.listAudit({ kind: 'sign-in-failed' })).toContainEqual(
        expect.objectContaining({ subject: 'guarded', detail: { reason: 'throttled' } }),
      );
      // Other usernames are not affected.
      const other = await register(server, 'unguarded');
      const fine = await call(server, 'POST', '/auth/login', {
        body: { username: 'unguarded', password: 'secret-unguarded-pw' },
      });
      expect(fine.status).toBe(200);
      expect(other.userId).toBe(fine.body.userId);
    });

    it('revokes the token at once on logout', async () => {
      const user = await register(server);
      expect(
        (await call(server, 'GET', '/sync/communities/pull', { token: user.token })).status,
      ).toBe(200);
      const out = await call(server, 'POST', '/auth/logout', { token: user.token });
      expect(out.status).toBe(204);
      const after = await call(server, 'GET', '/sync/communities/pull', { token: user.token });
      expect(after.status).toBe(401);
      expect(after.body.error).toBe('unauthorized');
    });

    it('needs a bearer token on every other route and ignores a token in the query string', async () => {
      const user = await register(server);
      const routes: [string, string][] = [
        ['GET', '/sync/threads/pull'],
        ['POST', '/sync/threads/push'],
        ['GET', '/sync/stream'],
        ['POST', '/communities/anything/join'],
        ['POST', '/communities/anything/leave'],
        ['POST', '/auth/logout'],
      ];
      for (const [method, path] of routes) {
        const res = await call(server, method, path, method === 'POST' ? { body: [] } : {});
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body.error).toBe('unauthorized');
      }
      const inQuery = await call(
        server,
        'GET',
        `/sync/threads/pull?token=${user.token}&access_token=${user.token}`,
      );
      expect(inQuery.status).toBe(401);
      const unknown = await call(server, 'GET', '/sync/threads/pull', { token: 'A'.repeat(43) });
      expect(unknown.status).toBe(401);
    });
  });
});
