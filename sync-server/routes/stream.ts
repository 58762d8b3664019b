/**
 * GET /sync/stream: Server-Sent Events, one connection per client for all collections.
 * Events carry `data: "RESYNC"` only (the client then pulls the collection named by `event:`),
 * so a missed or duplicated event is harmless and coalescing is trivial.
 *
 * The reply is hijacked: Fastify's onSend hooks (compression) never see it, so nothing buffers
 * the stream. Headers the earlier hooks set (CORS) are copied over by hand.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { type CollectionName, SERVED_COLLECTIONS } from '../../shared/collections';
import { STREAMS_PER_USER_MAX, STREAM_HEARTBEAT_MS } from '../../shared/protocol';
import type { ServerContext } from '../context';
import type { LiveListener } from '../live/hub';
import { readerChannels } from '../sync/visibility';

/** A client that stops reading is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface StreamOptions {
  heartbeatMs?: number;
  /** open streams per user; a new one beyond this ends the user's oldest */
  streamsPerUser?: number;
}

export function streamRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: StreamOptions = {},
): void {
  const { store, hub } = ctx;
  const open = new Set<ServerResponse>();
  /** each user's open streams, oldest first */
  const byUser = new Map<string, ServerResponse[]>();
  const cap = options.streamsPerUser ?? STREAMS_PER_USER_MAX;

  // Open streams would keep close() waiting forever: end them first.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
    open.clear();
  });

  app.get('/sync/stream', { compress: false }, async (request, reply) => {
    const userId = request.userId;
    const channels = await readerChannels(store, userId);

    reply.hijack();
    const res = reply.raw;
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(name, value);
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();

    const send = (collections: Iterable<CollectionName>) => {
      if (res.writableEnded) return;
      if (res.writableLength > MAX_BUFFERED_BYTES) {
        res.destroy();
        return;
      }
      let chunk = '';
      for (const c of collections) chunk += `event: ${c}\ndata: "RESYNC"\n\n`;
      res.write(chunk);
    };

    const listener: LiveListener = {
      userId,
      channels,
      notify(collections, visibilityChanged) {
        if (!visibilityChanged) return send(collections);
        // Reload the channel set before telling the client to pull, so that every change
        // committed from now on is routed by the new set.
        readerChannels(store, userId).then(
          (next) => {
            listener.channels = next;
            send(SERVED_COLLECTIONS);
          },
          (err: unknown) => {
            request.log.error({ err }, 'stream: reloading channels failed');
            res.destroy();
          },
        );
      },
    };
    // Subscribe before the first RESYNC: a commit in between is then either routed here or
    // already visible to the pull that the RESYNC triggers.
    const unsubscribe = hub.subscribe(listener);
    open.add(res);
    // A client that leaks streams (or a stolen token) cannot hold connections without bound:
    // the oldest goes, and its client reconnects if it still wants it.
    const mine = byUser.get(userId) ?? [];
    mine.push(res);
    byUser.set(userId, mine);
    while (mine.length > cap) mine.shift()!.end();
    send(SERVED_COLLECTIONS);

    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': heartbeat\n\n');
    }, options.heartbeatMs ?? STREAM_HEARTBEAT_MS);

    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
      const left = (byUser.get(userId) ?? []).filter((r) => r !== res);
      if (left.length > 0) byUser.set(userId, left);
      else byUser.delete(userId);
    });
  });
}
