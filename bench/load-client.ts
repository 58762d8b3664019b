/**
 * One simulated member for the load benchmark (bench/load.ts), speaking the real wire protocol
 * (docs/protocol.md) over plain HTTP/1.1 with its own keep-alive agent (at most 6 sockets, as
 * a browser): register, join, one event stream, then think–act loops of new threads, replies,
 * edits of its own documents and pulls from its checkpoints. Every request's latency and every
 * error is reported to the shared `LoadRun`; every write to its ledger.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import { SERVED_COLLECTIONS } from '../shared/collections';
import { API_BASE, REFUSALS_HEADER, type RowRefusal } from '../shared/protocol';

const gunzipAsync = promisify(gunzip);
const brotliAsync = promisify(brotliDecompress);

export type SyncedCollection = 'threads' | 'posts';
export const SYNCED: readonly SyncedCollection[] = ['threads', 'posts'];

/** A document as pushed and pulled (threads and posts). */
export type Doc = Record<string, unknown> & {
  id: string;
  updatedAt: number;
  communityId: string;
  _deleted: boolean;
};

const REQUEST_TIMEOUT_MS = 30_000;
/** the app's page size (PULL_LIMIT_DEFAULT) */
export const PULL_LIMIT = 200;

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request that got no HTTP answer: `kind` is the socket error code (ECONNRESET, ...). */
export class NetworkError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** One version of a document some client pushed, and who received it through the stream. */
export interface Version {
  doc: Doc;
  sentAt: number;
  /** performance.now() when the push answered 200 for it; undefined if never acknowledged */
  ackAt?: number;
  /** the push failed without an answer that says what happened (network error, 5xx) */
  inDoubt?: boolean;
  /** performance.now() when each watcher (by client index) first held it */
  receivedBy: Map<number, number>;
}

export interface LedgerEntry {
  collection: SyncedCollection;
  communityId: string;
  author: number;
  /** every version pushed, oldest first */
  versions: Version[];
}

/** What every client reports into: latencies, counts, errors, the ledger of writes. */
export interface LoadRun {
  base: URL;
  running: boolean;
  think: { minMs: number; maxMs: number };
  ledger: Map<string, LedgerEntry>;
  /** every member from 127.0.0.1 (no X-Forwarded-For): one address, as behind one NAT */
  oneAddress: boolean;
  pushMs: number[];
  /** pull pages: asked for by a member's own action, or by a watcher's stream event */
  pullMs: { action: number[]; stream: number[] };
  counts: Record<string, number>;
  errors: Map<string, { count: number; example: string }>;
  /** rng in [0, 1) */
  random: () => number;
}

export function countError(run: LoadRun, kind: string, example: string): void {
  const e = run.errors.get(kind);
  if (e) e.count++;
  else run.errors.set(kind, { count: 1, example: example.slice(0, 300) });
}

const count = (run: LoadRun, what: string, n = 1) => {
  run.counts[what] = (run.counts[what] ?? 0) + n;
};

/** The error kind of an answer that is not 2xx: `HTTP 429 too-many-requests`. */
function httpKind(answer: Answer): string {
  let code = '';
  try {
    code = (JSON.parse(answer.text) as { error?: string }).error ?? '';
  } catch {
    /* not the protocol's JSON */
  }
  return `HTTP ${answer.status}${code ? ` ${code}` : ''}`;
}

const SENTENCES = [
  'Two weeks in, the fatigue is lifting a little.',
  'My oncologist suggested taking it with food, which helped with the nausea.',
  'Does anyone else get the rash on their hands and feet?',
  'We found that a short walk after lunch made the afternoons easier.',
  'The scan results took nine days; the waiting was the hardest part.',
  'Thank you all, reading this thread made me feel less alone.',
  'I keep a notebook of side effects for each appointment.',
  'Cold caps worked for me, but they are not for everyone.',
  'Ask about the patient assistance programme, it covered most of the cost.',
  'My partner comes to every infusion and that makes a big difference.',
];

export class SimClient {
  readonly username: string;
  /** the address the client appears to come from (X-Forwarded-For through a trusted proxy) */
  readonly address: string;
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 6 });
  userId = '';
  token = '';
  communities: string[] = [];
  /** pulls on every stream event for threads or posts, as the app does */
  watcher = false;
  /** waits out 429 answers (Retry-After) instead of failing: for the verification */
  patient = false;

  readonly checkpoints: Record<SyncedCollection, unknown> = {
    threads: undefined,
    posts: undefined,
  };
  /** id -> updatedAt of the latest version received through incremental pulls */
  readonly received: Record<SyncedCollection, Map<string, number>> = {
    threads: new Map(),
    posts: new Map(),
  };
  private readonly threads: { id: string; communityId: string }[] = [];
  private readonly threadIds = new Set<string>();
  /** own documents by id: the version last known to be on the server */
  private readonly own = new Map<string, { collection: SyncedCollection; doc: Doc }>();
  private readonly ownIds: string[] = [];
  private readonly syncing: Partial<Record<SyncedCollection, Promise<void>>> = {};
  private readonly again: Partial<Record<SyncedCollection, boolean>> = {};

  /** events received: initial RESYNCs on connect, and live ones after */
  streamEvents = { initial: 0, live: 0, liveSynced: 0 };
  private stream: http.ClientRequest | undefined;
  private streamWanted = false;
  private streamOpened: (() => void) | undefined;

  constructor(
    readonly index: number,
    private readonly run: LoadRun,
    runId: string,
  ) {
    this.username = `load-${runId}-${index}`;
    this.address = `10.77.${index >> 8}.${(index & 255) + 1}`;
  }

  /** One HTTP request; resolves with any HTTP answer, rejects with NetworkError. */
  request(method: string, path: string, body?: unknown): Promise<Answer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: Record<string, string> = { 'accept-encoding': 'gzip, br' };
    if (!this.run.oneAddress) headers['x-forwarded-for'] = this.address;
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    return new Promise<Answer>((resolve, reject) => {
      /** how far the request got, for a timeout's error kind */
      let phase = 'waiting for a socket';
      const req = http.request(
        {
          host: this.run.base.hostname,
          port: this.run.base.port,
          path: `${API_BASE}${path}`,
          method,
          headers,
          agent: this.agent,
        },
        (res) => {
          phase = 'reading the answer';
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', (err: NodeJS.ErrnoException) =>
            reject(new NetworkError(err.code ?? 'response-error', err.message)),
          );
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            const encoding = res.headers['content-encoding'];
            const decoded =
              encoding === 'gzip'
                ? gunzipAsync(raw)
                : encoding === 'br'
                  ? brotliAsync(raw)
                  : Promise.resolve(raw);
            decoded.then(
              (buf) =>
                resolve({ status: res.statusCode!, headers: res.headers, text: buf.toString() }),
              (err: Error) => reject(new NetworkError('bad-encoding', err.message)),
            );
          });
        },
      );
      let sent = false;
      const afterConnect = () => (sent ? 'waiting for the answer' : 'sending');
      req.on('socket', (socket) => {
        if (!socket.connecting) {
          phase = afterConnect();
          return;
        }
        phase = 'connecting';
        socket.once('connect', () => {
          if (phase === 'connecting') phase = afterConnect();
        });
      });
      req.on('finish', () => {
        sent = true;
        if (phase === 'sending') phase = afterConnect();
      });
      // from the call, not from the socket: time queued in the agent counts too
      const timer = setTimeout(
        () =>
          req.destroy(
            Object.assign(new Error(`no answer in ${REQUEST_TIMEOUT_MS / 1000} s`), {
              code: `timeout ${phase}`,
            }),
          ),
        REQUEST_TIMEOUT_MS,
      );
      req.on('close', () => clearTimeout(timer));
      req.on('error', (err: NodeJS.ErrnoException) =>
        reject(new NetworkError(err.code ?? 'network-error', err.message)),
      );
      req.end(payload);
    });
  }

  /** A request whose failure is counted under `what` and thrown on. */
  private async call(what: string, method: string, path: string, body?: unknown) {
    let answer: Answer;
    for (let attempt = 1; ; attempt++) {
      try {
        answer = await this.request(method, path, body);
      } catch (err) {
        const kind = err instanceof NetworkError ? `network ${err.kind}` : 'client error';
        countError(this.run, `${what}: ${kind}`, (err as Error).message);
        throw err;
      }
      // After the load (verification), a 429 is waited out as the app would, not counted.
      if (answer.status !== 429 || !this.patient || attempt > 20) break;
      const seconds = Number(answer.headers['retry-after'] ?? 5);
      await new Promise((r) => setTimeout(r, Math.min(60, Math.max(1, seconds)) * 1000));
    }
    if (answer.status < 200 || answer.status > 299) {
      countError(this.run, `${what}: ${httpKind(answer)}`, answer.text);
      throw new Error(`${what}: ${answer.status} ${answer.text.slice(0, 200)}`);
    }
    return answer;
  }

  async register(): Promise<void> {
    const answer = await this.call('register', 'POST', '/auth/register', {
      username: this.username,
      password: `load-password-${this.index}-${this.username}`,
      displayName: `Load member ${this.index}`,
    });
    const body = JSON.parse(answer.text) as { userId: string; token: string };
    this.userId = body.userId;
    this.token = body.token;
  }

  async join(communityId: string): Promise<void> {
    const answer = await this.call('join', 'POST', `/communities/${communityId}/join`);
    const { membership } = JSON.parse(answer.text) as { membership: { status: string } };
    if (membership.status === 'active') this.communities.push(communityId);
    else countError(this.run, `join: membership ${membership.status}`, communityId);
  }

  /** Every document of a collection from the start (no checkpoint), for the directory etc. */
  async pullEverything(collection: string, limit = 1000): Promise<Doc[]> {
    const docs: Doc[] = [];
    let checkpoint: unknown;
    for (;;) {
      const page = await this.pullPage(collection, checkpoint, limit, 'final pull');
      docs.push(...page.documents);
      checkpoint = page.checkpoint;
      if (page.documents.length < limit) return docs;
    }
  }

  private async pullPage(
    collection: string,
    checkpoint: unknown,
    limit: number,
    what: string,
    reason?: keyof LoadRun['pullMs'],
  ) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint !== undefined) query.set('checkpoint', JSON.stringify(checkpoint));
    const started = performance.now();
    const answer = await this.call(what, 'GET', `/sync/${collection}/pull?${query}`);
    const page = JSON.parse(answer.text) as { documents: Doc[]; checkpoint: unknown };
    if (reason) this.run.pullMs[reason].push(performance.now() - started);
    return page;
  }

  /**
   * Pulls a collection from the held checkpoint until up to date. One pull per collection at
   * a time; a call while one runs makes it go round once more (as the app coalesces RESYNCs).
   */
  sync(collection: SyncedCollection, reason: keyof LoadRun['pullMs'] = 'action'): Promise<void> {
    const running = this.syncing[collection];
    if (running) {
      this.again[collection] = true;
      return running;
    }
    const work = (async () => {
      try {
        do {
          this.again[collection] = false;
          for (;;) {
            const page = await this.pullPage(
              collection,
              this.checkpoints[collection],
              PULL_LIMIT,
              'pull',
              reason,
            );
            count(this.run, `pull requests (${reason})`);
            this.take(collection, page.documents);
            this.checkpoints[collection] = page.checkpoint;
            if (page.documents.length < PULL_LIMIT) break;
          }
        } while (this.again[collection]);
      } finally {
        this.syncing[collection] = undefined;
      }
    })();
    this.syncing[collection] = work;
    return work;
  }

  private take(collection: SyncedCollection, docs: Doc[]) {
    const now = performance.now();
    for (const doc of docs) {
      this.received[collection].set(doc.id, doc.updatedAt);
      if (collection === 'threads' && !doc._deleted && !this.threadIds.has(doc.id)) {
        if (this.communities.includes(doc.communityId)) {
          this.threadIds.add(doc.id);
          this.threads.push({ id: doc.id, communityId: doc.communityId });
        }
      }
      if (!this.watcher) continue;
      const entry = this.run.ledger.get(doc.id);
      if (!entry || entry.author === this.index) continue;
      const version = entry.versions.find((v) => v.doc.updatedAt === doc.updatedAt);
      if (version && !version.receivedBy.has(this.index)) version.receivedBy.set(this.index, now);
    }
  }

  // ---- the event stream ----

  /** Opens the stream; resolves once the connect-time RESYNCs have arrived. */
  openStream(): Promise<void> {
    this.streamWanted = true;
    return new Promise<void>((resolve, reject) => {
      this.streamOpened = resolve;
      this.connectStream(reject);
    });
  }

  closeStream(): void {
    this.streamWanted = false;
    this.stream?.destroy();
    this.stream = undefined;
  }

  private connectStream(onFail?: (err: Error) => void) {
    const req = http.request({
      host: this.run.base.hostname,
      port: this.run.base.port,
      path: `${API_BASE}/sync/stream`,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'text/event-stream',
        ...(this.run.oneAddress ? {} : { 'x-forwarded-for': this.address }),
      },
      agent: this.agent,
    });
    this.stream = req;
    let failed = false;
    const fail = (kind: string, message: string) => {
      if (failed) return;
      failed = true;
      if (!this.streamWanted) return;
      countError(this.run, `stream: ${kind}`, message);
      if (onFail) onFail(new Error(`stream: ${kind} ${message}`));
      else if (this.run.running) {
        // reconnect, as the app does
        setTimeout(() => {
          if (this.streamWanted) this.connectStream();
        }, 1000).unref();
      }
    };
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        fail(`HTTP ${res.statusCode}`, 'stream refused');
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      // on connect: one RESYNC per served collection, written together before anything else
      let initialLeft = SERVED_COLLECTIONS.length;
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          let event = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
          }
          if (!event) continue; // a heartbeat comment
          if (initialLeft > 0) {
            this.streamEvents.initial++;
            if (--initialLeft === 0) {
              this.streamOpened?.();
              this.streamOpened = undefined;
              // a reconnected watcher catches up, as the app does after a RESYNC
              if (this.watcher && this.run.running) {
                for (const c of SYNCED) this.sync(c, 'stream').catch(() => undefined);
              }
            }
            continue;
          }
          this.onEvent(event);
        }
      });
      res.on('error', (err: NodeJS.ErrnoException) => fail('network', err.code ?? err.message));
      res.on('end', () => fail('ended by the server', 'the stream ended'));
    });
    req.on('error', (err: NodeJS.ErrnoException) => fail('network', err.code ?? err.message));
    req.end();
  }

  private onEvent(event: string) {
    if (!this.run.running) return;
    this.streamEvents.live++;
    if (event !== 'threads' && event !== 'posts') return;
    this.streamEvents.liveSynced++;
    if (this.watcher) {
      this.sync(event, 'stream').catch(() => undefined); // counted as an error already
    }
  }

  // ---- the think–act loop ----

  async loop(deadline: number): Promise<void> {
    const { minMs, maxMs } = this.run.think;
    // start at a random point of a think time, not all at once
    await this.sleepUntil(Math.min(deadline, performance.now() + this.run.random() * maxMs));
    while (performance.now() < deadline) {
      try {
        await this.act();
      } catch {
        /* counted where it happened; a member carries on */
      }
      const think = minMs + this.run.random() * (maxMs - minMs);
      await this.sleepUntil(Math.min(deadline, performance.now() + think));
    }
  }

  private sleepUntil(t: number) {
    const ms = t - performance.now();
    return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
  }

  private async act(): Promise<void> {
    if (this.communities.length === 0) return;
    const r = this.run.random();
    count(this.run, 'actions');
    if (r < 0.3) {
      count(this.run, 'action: pull');
      await this.sync('threads');
      await this.sync('posts');
    } else if (r < 0.45 || this.threads.length === 0) {
      count(this.run, 'action: new thread');
      await this.newThread();
    } else if (r < 0.85 || this.ownIds.length === 0) {
      count(this.run, 'action: reply');
      await this.reply();
    } else {
      count(this.run, 'action: edit');
      await this.edit();
    }
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.run.random() * items.length)]!;
  }

  private text(sentences: number) {
    return Array.from({ length: sentences }, () => this.pick(SENTENCES)).join(' ');
  }

  private async newThread() {
    const now = Date.now();
    const doc: Doc = {
      id: randomUUID(),
      updatedAt: now,
      communityId: this.pick(this.communities),
      authorId: this.userId,
      authorName: `Load member ${this.index}`,
      title: `${this.pick(SENTENCES).slice(0, 60)} (${this.index})`,
      body: this.text(2 + Math.floor(this.run.random() * 12)),
      therapyIds: [],
      shareToTherapyPages: false,
      createdAt: now,
      _deleted: false,
    };
    if (await this.push('threads', null, doc)) {
      this.threadIds.add(doc.id);
      this.threads.push({ id: doc.id, communityId: doc.communityId });
    }
  }

  private async reply() {
    const thread = this.pick(this.threads);
    const now = Date.now();
    const doc: Doc = {
      id: randomUUID(),
      updatedAt: now,
      threadId: thread.id,
      communityId: thread.communityId,
      authorId: this.userId,
      authorName: `Load member ${this.index}`,
      body: this.text(1 + Math.floor(this.run.random() * 8)),
      createdAt: now,
      _deleted: false,
    };
    await this.push('posts', null, doc);
  }

  private async edit() {
    const mine = this.own.get(this.pick(this.ownIds))!;
    const before = mine.doc;
    const doc: Doc = {
      ...before,
      body: `${String(before.body).slice(0, 2000)} Edit: ${this.pick(SENTENCES)}`,
      updatedAt: Math.max(Date.now(), before.updatedAt + 1),
    };
    await this.push(mine.collection, before, doc);
  }

  /** Pushes one row; true when the server acknowledged it (200, no conflict, no refusal). */
  private async push(collection: SyncedCollection, before: Doc | null, doc: Doc) {
    let entry = this.run.ledger.get(doc.id);
    if (!entry) {
      entry = {
        collection,
        communityId: doc.communityId,
        author: this.index,
        versions: [],
      };
      this.run.ledger.set(doc.id, entry);
    }
    const version: Version = { doc, sentAt: performance.now(), receivedBy: new Map() };
    entry.versions.push(version);
    count(this.run, 'push requests');

    let answer: Answer;
    try {
      answer = await this.request('POST', `/sync/${collection}/push`, [
        { assumedMasterState: before, newDocumentState: doc },
      ]);
    } catch (err) {
      version.inDoubt = true;
      const kind = err instanceof NetworkError ? `network ${err.kind}` : 'client error';
      countError(this.run, `push: ${kind}`, (err as Error).message);
      return false;
    }
    const answeredAt = performance.now();
    if (answer.status !== 200) {
      // 4xx: nothing was stored; 5xx: the outcome is not known
      if (answer.status >= 500) version.inDoubt = true;
      countError(this.run, `push: ${httpKind(answer)}`, answer.text);
      return false;
    }
    this.run.pushMs.push(answeredAt - version.sentAt);
    const conflicts = JSON.parse(answer.text) as Doc[];
    const refusals = JSON.parse(String(answer.headers[REFUSALS_HEADER] ?? '[]')) as RowRefusal[];
    const refused = refusals.find((r) => r.id === doc.id);
    if (refused) {
      countError(this.run, `push: refused ${refused.error}`, `${collection} ${doc.id}`);
      return false;
    }
    const conflict = conflicts.find((c) => c.id === doc.id);
    if (conflict) {
      // Only this member edits its documents: a conflict can only follow a push whose
      // outcome was unknown (it was stored after all). Anything else is a server bug.
      const explained = entry.versions.some((v) => v !== version && v.inDoubt);
      countError(
        this.run,
        explained ? 'push: conflict after an unanswered push' : 'push: unexpected conflict',
        `${collection} ${doc.id}`,
      );
      this.remember(collection, conflict);
      return false;
    }
    version.ackAt = answeredAt;
    count(this.run, before ? 'acknowledged edits' : 'acknowledged new documents');
    this.remember(collection, doc);
    return true;
  }

  private remember(collection: SyncedCollection, doc: Doc) {
    if (!this.own.has(doc.id)) this.ownIds.push(doc.id);
    this.own.set(doc.id, { collection, doc });
  }

  close(): void {
    this.closeStream();
    this.agent.destroy();
  }
}
