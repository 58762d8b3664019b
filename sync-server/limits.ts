/**
 * Request rate limits, per client address (before authentication, so floods are cheap to turn
 * away) and per signed-in user (so one account cannot hog the server from many addresses).
 * Answers 429 with Retry-After. The counters live in memory (@fastify/rate-limit's LocalStore);
 * for several instances, the plugin's `store` option takes a shared implementation of the same
 * small interface (incr/child), which can sit on the Store's database later.
 *
 * Limits are generous: a client syncing ten collections with a live stream makes a handful of
 * requests a minute; the limits only stop loops and abuse.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors';

export interface RateLimits {
  perIp: { max: number; windowMs: number };
  perUser: { max: number; windowMs: number };
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perIp: { max: 6000, windowMs: 60_000 },
  perUser: { max: 3000, windowMs: 60_000 },
};

const tooMany = (_req: FastifyRequest, context: { after: string }) =>
  new ApiError(429, 'too-many-requests', `too many requests: try again in ${context.after}`);

/** Per address: on the root instance, before any other hook. */
export async function limitPerIp(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(rateLimit, {
    max: limits.perIp.max,
    timeWindow: limits.perIp.windowMs,
    hook: 'onRequest',
    errorResponseBuilder: tooMany,
  });
}

/** Per user: inside the signed-in scope, after the guard has set request.userId. */
export async function limitPerUser(scope: FastifyInstance, limits: RateLimits): Promise<void> {
  await scope.register(rateLimit, {
    max: limits.perUser.max,
    timeWindow: limits.perUser.windowMs,
    hook: 'preHandler',
    keyGenerator: (request) => `user:${request.userId}`,
    errorResponseBuilder: tooMany,
  });
}
