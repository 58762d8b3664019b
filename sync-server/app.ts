/**
 * buildApp: the Fastify instance of the sync server, without listening. main.ts listens on the
 * configured port; tests listen on port 0 and talk real HTTP to it.
 */
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { API_BASE, REFUSALS_HEADER } from '../shared/protocol';
import { decorateAuth, requireUser } from './auth/guard';
import type { ServerContext } from './context';
import { installErrorHandlers } from './errors';
import { DEFAULT_RATE_LIMITS, type RateLimits, limitPerIp, limitPerUser } from './limits';
import { type LiveHub, createLocalHub } from './live/hub';
import { installGracefulClose } from './shutdown';
import { authRoutes } from './routes/auth';
import { communityRoutes } from './routes/communities';
import { healthRoutes } from './routes/health';
import { streamRoutes } from './routes/stream';
import { syncRoutes } from './routes/sync';
import type { Store } from './store/types';

export const DEFAULT_CORS_ORIGINS = [
  'app://kindred',
  'http://127.0.0.1:5173',
  'http://localhost:5173',
  'http://127.0.0.1:4173',
  'http://localhost:4173',
];

/**
 * A push carries up to PUSH_ROWS_MAX rows; the body as a whole stays under this (413 above),
 * which still fits several sealed journal entries at their largest (DOC_BYTES_MAX).
 */
export const BODY_LIMIT_BYTES = 10 * 1024 * 1024;

export interface AppOptions {
  store: Store;
  /** defaults to an in-process hub (one server instance) */
  hub?: LiveHub;
  now?: () => number;
  /** exact origins allowed by CORS; defaults to the app's own */
  corsOrigins?: string[];
  /** pino level; 'silent' by default so tests stay quiet */
  logLevel?: string;
  /** where logs go (default stderr: stdout carries only the ready line) */
  logStream?: { write(msg: string): void };
  heartbeatMs?: number;
  /** open event streams per user (default STREAMS_PER_USER_MAX) */
  streamsPerUser?: number;
  rateLimits?: RateLimits;
}

/** What a request log line says: no headers, no body, no query string (tokens, checkpoints). */
function requestForLog(req: FastifyRequest) {
  return { method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const ctx: ServerContext = {
    store: options.store,
    hub: options.hub ?? createLocalHub(),
    now: options.now ?? Date.now,
  };
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    // Not Fastify's own: `true` would cut requests in flight. shutdown.ts closes idle sockets
    // and lets busy ones finish; routes/stream.ts ends open streams.
    forceCloseConnections: false,
    logger: {
      level: options.logLevel ?? 'silent',
      stream: options.logStream ?? process.stderr,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: { req: requestForLog },
    },
  });

  installGracefulClose(app);
  app.addHook('onClose', async () => ctx.hub.close());

  installErrorHandlers(app);
  decorateAuth(app);
  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  await limitPerIp(app, rateLimits);
  await app.register(cors, {
    origin: options.corsOrigins ?? DEFAULT_CORS_ORIGINS,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: [REFUSALS_HEADER, 'retry-after'],
    maxAge: 600,
  });
  await app.register(compress, {
    global: true,
    encodings: ['br', 'gzip'],
    // Never an event stream: compression would buffer events until a block fills.
    customTypes: /^(application\/(.+\+)?json|text\/(?!event-stream)[a-z-]+)/,
  });

  await app.register(
    async (api) => {
      healthRoutes(api, ctx);
      authRoutes(api, ctx);
      await api.register(async (signedIn) => {
        requireUser(signedIn, ctx.store, ctx.now);
        await limitPerUser(signedIn, rateLimits);
        communityRoutes(signedIn, ctx);
        syncRoutes(signedIn, ctx);
        streamRoutes(signedIn, ctx, {
          heartbeatMs: options.heartbeatMs,
          streamsPerUser: options.streamsPerUser,
        });
      });
    },
    { prefix: API_BASE },
  );
  return app;
}
