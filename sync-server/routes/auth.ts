/**
 * Register, login, logout. Failed logins are counted per username in the store (so several
 * instances agree and a restart does not reset them); after LOGIN_MAX_FAILURES within the
 * window the username answers 429 until the window passes.
 */
import type { FastifyInstance } from 'fastify';
import type { AuthResponse, LoginRequest, RegisterRequest } from '../../shared/protocol';
import type { Profile } from '../../shared/schemas/profiles';
import { dummyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { requireUser } from '../auth/guard';
import { TOKEN_LIFETIME_MS, newToken, newUserId, tokenHash } from '../auth/tokens';
import type { ServerContext } from '../context';
import { ApiError } from '../errors';

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;

const USERNAME = /^[a-z0-9._-]{3,40}$/;

const registerSchema = {
  body: {
    type: 'object',
    required: ['username', 'password', 'displayName'],
    properties: {
      username: { type: 'string', minLength: 3, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' },
      password: { type: 'string', minLength: 8, maxLength: 200 },
      displayName: { type: 'string', minLength: 1, maxLength: 80 },
      role: { type: 'string', enum: ['patient', 'caregiver', 'both', 'supporter'] },
    },
  },
} as const;

const loginSchema = {
  body: {
    type: 'object',
    required: ['username', 'password'],
    properties: {
      username: { type: 'string', maxLength: 200 },
      password: { type: 'string', maxLength: 1000 },
    },
  },
} as const;

/** Usernames are case-insensitive: the lower-cased form is the key. */
export const usernameKey = (username: string) => username.trim().toLowerCase();

export function authRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { store, now } = ctx;

  async function startSession(userId: string, displayName: string): Promise<AuthResponse> {
    const token = newToken();
    const t = now();
    await store.createSession(tokenHash(token), userId, t, t + TOKEN_LIFETIME_MS);
    return { userId, token, displayName };
  }

  app.post<{ Body: RegisterRequest }>(
    '/auth/register',
    { schema: registerSchema },
    async (request, reply) => {
      const key = usernameKey(request.body.username);
      const displayName = request.body.displayName.trim();
      if (!USERNAME.test(key)) {
        throw new ApiError(
          400,
          'bad-request',
          'username: 3 to 40 letters, digits, ".", "_" or "-"',
        );
      }
      if (displayName.length === 0) throw new ApiError(400, 'bad-request', 'displayName is empty');
      const userId = newUserId();
      const t = now();
      const profile: Profile & { _deleted: boolean } = {
        id: userId,
        updatedAt: t,
        displayName,
        bio: '',
        // Chosen at sign-up; clients from before that choice existed send none.
        role: request.body.role ?? 'patient',
        _deleted: false,
      };
      const created = await store.createUser(
        {
          userId,
          usernameKey: key,
          displayName,
          passwordHash: await hashPassword(request.body.password),
          createdAt: t,
        },
        // A new user shares no community yet: only they see their profile.
        { collection: 'profiles', doc: profile, channels: [], ownerId: userId },
      );
      if (created === 'taken') throw new ApiError(409, 'username-taken', 'that username is taken');
      await store.appendAudit({ at: t, kind: 'register', userId, subject: key, detail: {} });
      return reply.code(201).send(await startSession(userId, displayName));
    },
  );

  app.post<{ Body: LoginRequest }>(
    '/auth/login',
    { schema: loginSchema },
    async (request, reply) => {
      const key = usernameKey(request.body.username);
      const t = now();
      if ((await store.countLoginFailures(key, t - LOGIN_WINDOW_MS)) >= LOGIN_MAX_FAILURES) {
        await store.appendAudit({
          at: t,
          kind: 'sign-in-failed',
          userId: null,
          subject: key,
          detail: { reason: 'throttled' },
        });
        reply.header('retry-after', String(LOGIN_WINDOW_MS / 1000));
        throw new ApiError(
          429,
          'too-many-requests',
          'too many failed sign-ins: try again in 15 minutes',
        );
      }
      const user = await store.findUserByUsername(key);
      const ok = await verifyPassword(
        request.body.password,
        user?.passwordHash ?? (await dummyHash()),
      );
      if (!user || !ok) {
        await store.recordLoginFailure(key, t);
        await store.appendAudit({
          at: t,
          kind: 'sign-in-failed',
          userId: user?.userId ?? null,
          subject: key,
          detail: { reason: user ? 'wrong-password' : 'unknown-user' },
        });
        throw new ApiError(401, 'wrong-credentials', 'wrong username or password');
      }
      await store.clearLoginFailures(key);
      await store.appendAudit({
        at: t,
        kind: 'sign-in',
        userId: user.userId,
        subject: key,
        detail: {},
      });
      return startSession(user.userId, user.displayName);
    },
  );

  // Logout needs the token it revokes: its own guarded scope.
  app.register(async (scope) => {
    requireUser(scope, store, now);
    scope.post('/auth/logout', async (request, reply) => {
      await store.revokeSession(request.tokenHash, now());
      return reply.code(204).send();
    });
  });
}
