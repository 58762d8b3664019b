import type { FastifyInstance } from 'fastify';
import type { HealthResponse } from '../../shared/protocol';
import type { ServerContext } from '../context';

export function healthRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get('/health', async (): Promise<HealthResponse> => ({ ok: true, store: ctx.store.kind }));
}
