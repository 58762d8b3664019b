/**
 * An HTTP proxy that fails the ways a real network between a laptop and a server does, chosen
 * at random per request from a seeded generator:
 *
 * - refuse:      the connection is reset before anything reaches the server
 * - cut-request: half of the request body reaches the server, then the connection dies
 * - delay:       the request waits (up to 1.5 s) before it is forwarded
 * - duplicate:   the request reaches the server twice (a replayed push), one answer comes back
 * - lose-answer: the server does the work, the answer is lost (the client sees a reset)
 * - cut-answer:  half of the answer arrives, then the connection dies
 * - cut-stream:  the event stream is cut after a random time
 *
 * It can also be down (every connection reset: the laptop is offline), and its target changes
 * when the server restarts on a new port.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Prng } from './prng';

export const FAULTS = [
  'refuse',
  'cut-request',
  'delay',
  'duplicate',
  'lose-answer',
  'cut-answer',
  'cut-stream',
] as const;
export type Fault = (typeof FAULTS)[number];

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface ChaosProxy {
  url: string;
  target: string;
  setDown(down: boolean): void;
  /** the probability that a request meets a fault (0 = a healthy network) */
  faultRate: number;
  /** faults injected so far, by kind */
  readonly injected: Record<Fault, number>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(Buffer.concat(chunks)));
    stream.on('error', fail);
  });
}

export async function startChaosProxy(target: string, random: Prng): Promise<ChaosProxy> {
  let down = false;
  const sockets = new Set<Socket>();
  const injected = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;

  function upstreamRequest(req: http.IncomingMessage) {
    return http.request(new URL(req.url ?? '/', proxy.target), {
      method: req.method,
      headers: { ...req.headers, host: new URL(proxy.target).host },
    });
  }

  /** Sends the buffered request upstream and collects the whole answer. */
  function forward(req: http.IncomingMessage, body: Buffer): Promise<Answer> {
    return new Promise((done, fail) => {
      const upstream = upstreamRequest(req);
      upstream.on('response', (answer) => {
        readAll(answer).then(
          (data) => done({ status: answer.statusCode ?? 502, headers: answer.headers, body: data }),
          fail,
        );
      });
      upstream.on('error', fail);
      upstream.end(body);
    });
  }

  function pipeStream(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    cutAfterMs: number | null,
  ) {
    const upstream = upstreamRequest(req);
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
      if (cutAfterMs !== null) setTimeout(() => req.socket.destroy(), cutAfterMs);
    });
    upstream.on('error', () => req.socket.destroy());
    res.on('close', () => upstream.destroy());
    upstream.end();
  }

  function chooseFault(isStream: boolean): Fault | null {
    if (!random.chance(proxy.faultRate)) return null;
    if (isStream) return random.chance(0.7) ? 'cut-stream' : 'refuse';
    return random.pick(FAULTS.filter((f) => f !== 'cut-stream'));
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isStream = path.endsWith('/sync/stream');
    const fault = chooseFault(isStream);
    if (fault) injected[fault] += 1;
    if (fault === 'refuse') return void req.socket.destroy();
    if (isStream)
      return pipeStream(req, res, fault === 'cut-stream' ? random.int(50, 3_000) : null);

    const body = await readAll(req);
    if (fault === 'cut-request') {
      const upstream = upstreamRequest(req);
      upstream.on('error', () => undefined);
      upstream.write(body.subarray(0, Math.floor(body.length / 2)));
      await sleep(random.int(0, 50));
      upstream.destroy();
      return void req.socket.destroy();
    }
    if (fault === 'delay') await sleep(random.int(50, 1_500));
    let answer: Answer;
    if (fault === 'duplicate') {
      // Both at once (the server must serialise them) or one after the other (a replay).
      const together = random.chance(0.5);
      const first = forward(req, body);
      if (!together) await first.catch(() => undefined);
      const second = forward(req, body);
      const results = await Promise.allSettled([first, second]);
      const ok = results.find((r) => r.status === 'fulfilled');
      if (!ok) return void req.socket.destroy();
      answer = ok.value;
    } else {
      answer = await forward(req, body);
    }
    if (fault === 'lose-answer') return void req.socket.destroy();
    // The body is passed on exactly as received (maybe compressed): the headers still fit it.
    res.writeHead(answer.status, answer.headers);
    if (fault === 'cut-answer') {
      res.write(answer.body.subarray(0, Math.floor(answer.body.length / 2)));
      return void setTimeout(() => req.socket.destroy(), 10);
    }
    res.end(answer.body);
  }

  const server = http.createServer((req, res) => {
    if (down) return void req.socket.destroy();
    // Any failure upstream (the server was killed, say) looks like a dead network to the client.
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (down) socket.destroy();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;

  const proxy: ChaosProxy = {
    url: `http://127.0.0.1:${port}`,
    target,
    faultRate: 0,
    injected,
    setDown(value) {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  return proxy;
}
