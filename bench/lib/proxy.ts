/**
 * A TCP proxy between a client and a server on loopback that counts what crosses it: bytes in
 * both directions exactly as sent (headers, chunking and compression included) and HTTP
 * requests (request lines seen from the client). Optionally it shapes the link: a bandwidth in
 * each direction and a one-way delay, and it can cut every connection after a number of bytes.
 */
import net from 'node:net';

export interface LinkShape {
  /** bytes per second in each direction (both directions shaped independently) */
  bytesPerSecond: number;
  /** added one way, so a round trip costs twice this */
  oneWayDelayMs: number;
}

export interface ProxyCounts {
  bytesUp: number;
  bytesDown: number;
  requests: number;
  connections: number;
}

export interface CountingProxy {
  url: string;
  counts(): ProxyCounts;
  total(): number;
  reset(): void;
  /** closes every open connection once `bytes` more have gone down to the client */
  cutAfter(bytes: number): Promise<void>;
  close(): Promise<void>;
}

const REQUEST_LINE = /(?:^|\r\n)(?:GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) \S+ HTTP\/1\.[01]\r\n/g;

/** Sends chunks one after another at `bytesPerSecond`, each `delay` ms after it was sent. */
function shaper(shape: LinkShape | undefined, write: (chunk: Buffer) => void) {
  if (!shape) return { send: write, afterQueued: (then: () => void) => setImmediate(then) };
  let busyUntil = 0;
  return {
    send(chunk: Buffer) {
      const now = performance.now();
      busyUntil = Math.max(now, busyUntil) + (chunk.length / shape.bytesPerSecond) * 1000;
      setTimeout(() => write(chunk), busyUntil - now + shape.oneWayDelayMs);
    },
    /** runs `then` once everything sent so far has arrived */
    afterQueued(then: () => void) {
      const wait = Math.max(0, busyUntil - performance.now()) + shape.oneWayDelayMs + 20;
      setTimeout(then, wait);
    },
  };
}

export async function startProxy(targetUrl: string, shape?: LinkShape): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const counts: ProxyCounts = { bytesUp: 0, bytesDown: 0, requests: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  let cut: { remaining: number; done: () => void } | null = null;

  const server = net.createServer((client) => {
    counts.connections += 1;
    const upstream = net.connect(Number(target.port), target.hostname);
    // As HTTP clients and servers do: without it, Nagle's algorithm and delayed ACKs add tens
    // of milliseconds to a request that crosses the proxy in more than one segment.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    sockets.add(client);
    sockets.add(upstream);
    const up = shaper(shape, (chunk) => {
      if (!upstream.destroyed) upstream.write(chunk);
    });
    const down = shaper(shape, (chunk) => {
      if (!client.destroyed) client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      counts.bytesUp += chunk.length;
      counts.requests += chunk.toString('latin1').match(REQUEST_LINE)?.length ?? 0;
      up.send(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cut) {
        if (chunk.length >= cut.remaining) {
          counts.bytesDown += cut.remaining;
          down.send(chunk.subarray(0, cut.remaining));
          const done = cut.done;
          cut = null;
          // after the bytes already on their way have arrived
          setTimeout(
            () => {
              for (const s of sockets) s.destroy();
              done();
            },
            shape ? shape.oneWayDelayMs + 50 : 0,
          );
          return;
        }
        cut.remaining -= chunk.length;
      }
      counts.bytesDown += chunk.length;
      down.send(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    // A side that closes has its bytes in flight delivered first, then the other side ends.
    client.on('close', () => up.afterQueued(end));
    upstream.on('close', () => down.afterQueued(end));
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    total: () => counts.bytesUp + counts.bytesDown,
    reset() {
      counts.bytesUp = 0;
      counts.bytesDown = 0;
      counts.requests = 0;
      counts.connections = 0;
    },
    cutAfter: (bytes) => new Promise<void>((done) => (cut = { remaining: bytes, done })),
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
