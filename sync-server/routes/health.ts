import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../../shared/protocol';
import type { ServerContext } from '../context';

/**
 * Health for load balancers: 200 only when the store answers. A database that cannot be
 * reached makes ping throw StoreUnavailableError, answered 503 by errors.ts, so the balancer
 * stops sending traffic here until it is back.
 */
export function healthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/health', async (): Promise<HealthResponse> => {
    await ctx.store.ping();
    return { ok: true, store: ctx.store.kind };
  });
}
