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
import { REPLICATED_COLLECTIONS, type ReplicatedCollection } from '../../shared/collections';
import { STREAM_HEARTBEAT_MS } from '../../shared/protocol';
import type { ServerContext } from '../context';
import type { LiveListener } from '../live/hub';
import { channelsOf } from '../sync/channels';

/** A client that stops reading is dropped rather than buffered without bound. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface StreamOptions {
  heartbeatMs?: number;
}

export function streamRoutes(
  app: FastifyInstance,
  ctx: ServerContext,
  options: StreamOptions = {},
): void {
  const { store, hub } = ctx;
  const open = new Set<ServerResponse>();

  // Open streams would keep close() waiting forever: end them first.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
    open.clear();
  });

  app.get('/sync/stream', { compress: false }, async (request, reply) => {
    const userId = request.userId;
    const channels = channelsOf(await store.activeCommunityIds(userId));

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

    const send = (collections: Iterable<ReplicatedCollection>) => {
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
        store.activeCommunityIds(userId).then(
          (ids) => {
            listener.channels = channelsOf(ids);
            send(REPLICATED_COLLECTIONS);
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
    send(REPLICATED_COLLECTIONS);

    const heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': heartbeat\n\n');
    }, options.heartbeatMs ?? STREAM_HEARTBEAT_MS);

    res.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    });
  });
}
