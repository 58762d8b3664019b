/**
 * A small HTTP proxy between test clients and the sync server that can fail the way real
 * networks do: be down (refuse connections), or let a request reach the server and then lose
 * its answer (the client sees a reset although the server stored the write) or stall it (the
 * connection stays open and nothing ever comes back: only the client's timeout ends it).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  url: string;
  /** Where requests go; may be changed (e.g. to a restarted server). */
  target: string;
  /** While down, every connection is closed at once, as if the network were gone. */
  setDown(down: boolean): void;
  /** The next `count` requests matching `match` reach the server but their answers are lost. */
  loseAnswers(match: (method: string, path: string) => boolean, count: number): void;
  /** The next `count` requests matching `match` reach the server; their answers never come. */
  stallAnswers(match: (method: string, path: string) => boolean, count: number): void;
  /**
   * Requests matching `match` wait (unforwarded) until the returned function is called, as on a
   * link where one request is stuck behind a slow upload.
   */
  hold(match: (method: string, path: string) => boolean): () => void;
  /** Requests forwarded to the server, as "METHOD path" (without query). */
  readonly forwarded: string[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  let down = false;
  const rules: Array<{
    match: (method: string, path: string) => boolean;
    count: number;
    fate: 'lose' | 'stall';
  }> = [];
  const forwarded: string[] = [];
  const sockets = new Set<import('node:net').Socket>();

  const holds: Array<{
    match: (method: string, path: string) => boolean;
    waiting: Array<() => void>;
  }> = [];

  const server = http.createServer((req, res) => {
    if (down) {
      req.socket.destroy();
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const held = holds.find((h) => h.match(method, path));
    if (held) {
      req.pause();
      held.waiting.push(() => forward(req, res, method, path));
      return;
    }
    forward(req, res, method, path);
  });

  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    method: string,
    path: string,
  ): void {
    const rule = rules.find((r) => r.count > 0 && r.match(method, path));
    if (rule) rule.count -= 1;
    forwarded.push(`${method} ${path}`);
    const upstream = http.request(
      new URL(req.url ?? '/', proxy.target),
      { method, headers: { ...req.headers, host: new URL(proxy.target).host } },
      (answer) => {
        if (rule) {
          // The server has done the work; the client never hears about it.
          answer.resume();
          // Lost: the connection drops. Stalled: it stays open, silent, until the client gives up.
          if (rule.fate === 'lose') answer.on('end', () => req.socket.destroy());
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => req.socket.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
    req.resume();
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (down) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    target,
    forwarded,
    setDown(value) {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    loseAnswers(match, count) {
      rules.push({ match, count, fate: 'lose' });
    },
    stallAnswers(match, count) {
      rules.push({ match, count, fate: 'stall' });
    },
    hold(match) {
      const held = { match, waiting: [] as Array<() => void> };
      holds.push(held);
      return () => {
        holds.splice(holds.indexOf(held), 1);
        for (const release of held.waiting.splice(0)) release();
      };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
