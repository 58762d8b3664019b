/**
 * Graceful close: `app.close()` must let requests in flight finish, yet not wait for
 * connections that carry nothing (idle keep-alive sockets, sockets a client opened but never
 * used: Node would only drop those after its header timeout, a minute later).
 *
 * So every socket counts its requests in flight. When closing starts, the idle ones are
 * destroyed; a busy one answers with `Connection: close` and is ended once its last response
 * is done. Event streams count as in flight until the stream route ends them in its own
 * preClose hook.
 */
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export function installGracefulClose(app: FastifyInstance): void {
  const inFlight = new Map<Socket, number>();
  let closing = false;

  app.server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
  });

  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    reply.raw.once('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, left);
      if (closing && left === 0) socket.end();
    });
  });

  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.addHook('preClose', async () => {
    closing = true;
    for (const [socket, count] of inFlight) if (count === 0) socket.destroy();
  });
}
