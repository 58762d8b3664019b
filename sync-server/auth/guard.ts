import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../errors';
import type { Store } from '../store/types';
import { bearerToken, tokenHash } from './tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in user; set by the guard on every protected route */
    userId: string;
    /** digest of the request's token, for logout */
    tokenHash: string;
  }
}

/** Once, on the root instance: the request fields the guard fills in. */
export function decorateAuth(app: FastifyInstance): void {
  app.decorateRequest('userId', '');
  app.decorateRequest('tokenHash', '');
}

/**
 * Makes every route of `scope` require a valid bearer token. Register it inside an
 * encapsulated plugin so that the public routes (health, register, login) stay open.
 */
export function requireUser(scope: FastifyInstance, store: Store, now: () => number): void {
  scope.addHook('onRequest', async (request: FastifyRequest) => {
    const token = bearerToken(request.headers.authorization);
    if (!token)
      throw new ApiError(401, 'unauthorized', 'sign in first (Authorization: Bearer <token>)');
    const hash = tokenHash(token);
    const userId = await store.findSessionUser(hash, now());
    if (!userId)
      throw new ApiError(401, 'unauthorized', 'the session has expired or was signed out');
    request.userId = userId;
    request.tokenHash = hash;
  });
}
