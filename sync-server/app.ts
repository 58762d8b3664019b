/**
 * buildApp: the Fastify instance of the sync server, without listening. main.ts listens on the
 * configured port; tests listen on port 0 and talk real HTTP to it.
 */
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { API_BASE, REFUSALS_HEADER } from '../shared/protocol';
import { decorateAuth, requireUser } from './auth/guard';
import type { ServerContext } from './context';
import { installErrorHandlers } from './errors';
import { DEFAULT_RATE_LIMITS, type RateLimits, limitPerIp, limitPerUser } from './limits';
import type { LiveHub } from './live/hub';
import { hubFor } from './live/hub-for-store';
import { installGracefulClose } from './shutdown';
import { authRoutes } from './routes/auth';
import { communityRoutes } from './routes/communities';
import { partnerContentRoutes } from './routes/partner-content';
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
  /**
   * Defaults to the hub the store calls for: in-process for SQLite, shared with the other
   * instances over LISTEN/NOTIFY for PostgreSQL.
   */
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
  /**
   * Fastify's trustProxy: which proxies' X-Forwarded-For to believe, so that per-address rate
   * limits count clients rather than the load balancer (see docs/scale-out.md). Default none.
   */
  trustProxy?: boolean | number | string;
}

/** What a request log line says: no headers, no body, no query string (tokens, checkpoints). */
function requestForLog(req: FastifyRequest) {
  return { method: req.method, url: req.url.split('?')[0], remoteAddress: req.ip };
}

/** A hop count as Fastify applies it (its typings only take the function form). */
function trustProxyOption(value: AppOptions['trustProxy']) {
  if (typeof value !== 'number') return value ?? false;
  return (_address: string, hop: number) => hop < value;
}

function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
  const body = JSON.stringify({
    error: 'bad-request',
    message: tooLarge
      ? 'the request headers or query string are too large'
      : 'malformed HTTP request',
  });
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    trustProxy: trustProxyOption(options.trustProxy),
    bodyLimit: BODY_LIMIT_BYTES,
    // Not Fastify's own: `true` would cut requests in flight. shutdown.ts closes idle sockets
    // and lets busy ones finish; routes/stream.ts ends open streams.
    forceCloseConnections: false,
    // Requests Node refuses before Fastify sees them (headers or query string over 16 kB,
    // malformed HTTP) answer in the protocol's shape too: {error, message}, never Node's default.
    clientErrorHandler: answerClientError,
    logger: {
      level: options.logLevel ?? 'silent',
      stream: options.logStream ?? process.stderr,
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      serializers: { req: requestForLog },
    },
  });

  const ctx: ServerContext = {
    store: options.store,
    hub:
      options.hub ??
      (await hubFor(options.store, (message, err) => app.log.warn({ err }, message))),
    now: options.now ?? Date.now,
  };

  installGracefulClose(app);
  app.addHook('onClose', async () => ctx.hub.close());

  installErrorHandlers(app);
  decorateAuth(app);
  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  await limitPerIp(app, rateLimits, ctx.store, ctx.now);
  await app.register(cors, {
    origin: options.corsOrigins ?? DEFAULT_CORS_ORIGINS,
    methods: ['GET', 'POST', 'PUT', 'OPTIONS'],
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
        await limitPerUser(signedIn, rateLimits, ctx.store, ctx.now);
        communityRoutes(signedIn, ctx);
        partnerContentRoutes(signedIn, ctx);
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
