/**
 * Request rate limits, per client address (before authentication, so floods are cheap to turn
 * away) and per signed-in user (so one account cannot hog the server from many addresses).
 * Answers 429 with Retry-After.
 *
 * The counters live in the store (Store.hitRateLimit), like the failed-login counters, so that
 * every instance on one database counts the same hits: a client cannot multiply its allowance
 * by the number of instances behind the load balancer. If the store cannot be reached the
 * request is let through (skipOnError): it then meets the outage in its handler (503), or is
 * served if it needs no database.
 *
 * Limits are generous: a client syncing ten collections with a live stream makes a handful of
 * requests a minute; the limits only stop loops and abuse.
 */
import rateLimit, { type FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors';
import type { Store } from './store/types';

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

/** @fastify/rate-limit's store interface over Store.hitRateLimit; keys get `prefix`. */
export function counterIn(store: Store, prefix: string, now: () => number) {
  return class StoreCounter {
    incr(
      key: string,
      done: (err: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ) {
      const t = now();
      store.hitRateLimit(`${prefix}${key}`, timeWindow, t).then(
        (hit) => done(null, { current: hit.count, ttl: Math.max(0, hit.resetAt - t) }),
        (err: Error) => done(err),
      );
    }
    child() {
      return this;
    }
  } as unknown as FastifyRateLimitStoreCtor;
}

/** Per address: on the root instance, before any other hook. */
export async function limitPerIp(
  app: FastifyInstance,
  limits: RateLimits,
  store: Store,
  now: () => number,
): Promise<void> {
  await app.register(rateLimit, {
    max: limits.perIp.max,
    timeWindow: limits.perIp.windowMs,
    hook: 'onRequest',
    store: counterIn(store, 'ip:', now),
    skipOnError: true,
    errorResponseBuilder: tooMany,
  });
}

/** Per user: inside the signed-in scope, after the guard has set request.userId. */
export async function limitPerUser(
  scope: FastifyInstance,
  limits: RateLimits,
  store: Store,
  now: () => number,
): Promise<void> {
  await scope.register(rateLimit, {
    max: limits.perUser.max,
    timeWindow: limits.perUser.windowMs,
    hook: 'preHandler',
    keyGenerator: (request) => `user:${request.userId}`,
    store: counterIn(store, '', now),
    skipOnError: true,
    errorResponseBuilder: tooMany,
  });
}
