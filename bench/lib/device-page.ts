/**
 * What the device benchmark (bench/device.ts) puts into the app's page, from outside the app:
 * an init script that notes when things become visible, and a worker that reads the app's
 * IndexedDB.
 *
 * `installBenchHooks` is serialized into the page (Playwright's addInitScript) and
 * `benchWorker` into a worker script the benchmark's static server serves from the app's origin
 * (the app's CSP allows workers from 'self' only), so neither may use anything from outside its
 * own body.
 *
 * The page side defines `window.__kindredBench`:
 * - `marks`: the time (performance.now(), ms since navigation start) of the first animation
 *   frame in which each condition held: `shell` (the signed-in app with its top bar: database
 *   open), `directory` (the "Communities" heading and at least one community card), `threads`
 *   (a community's virtualized thread list with every rendered row showing its title, not the
 *   '…' placeholder). Checked once per frame while any is still unmet.
 * - `publish`: presses 'Send reply' and times it (see PublishTiming).
 * - `watchFirstSync` / `firstSync`: the worker follows a first sync (see SyncStages).
 *
 * The worker reads RxDB's Dexie databases with its own connections, read-only: one IndexedDB
 * database per collection named `rxdb-dexie-<account db>--<schema version>--<collection>`,
 * documents in its `docs` object store (renderer/src/db/database.ts; rxdb's dexie-helper.ts).
 * Reading from a worker keeps the readers off the app's main thread: a reader there could only
 * see a result once the app's own work on that thread (rendering, say) let it run, and would
 * take main-thread time from the app.
 */

export type MarkName = 'shell' | 'directory' | 'threads';

export interface PublishTiming {
  /** click() returned: the submit handler's synchronous part */
  handlerMs: number;
  /** the reply's document read back from IndexedDB by the worker (its own connection) */
  persistedMs: number;
  /** the reply's text in the thread's DOM (React committed it) */
  shownMs: number;
  /** IndexedDB reads the worker made, from just before the click until the reply was there */
  polls: number;
}

/** Wall-clock times (ms since the epoch) at which the worker first saw each stage. */
export interface SyncStages {
  stored?: number;
  listed?: number;
  indexed?: number;
  counts: Record<string, number>;
  states: { count: number; replies: number };
  error?: string;
}

export interface BenchHooks {
  marks: Partial<Record<MarkName | 'threadRows', number>>;
  resetMarks(names: MarkName[]): void;
  indexNames(collection: string): Promise<string[]>;
  watchFirstSync(targets: { threads: number; replies: number }): Promise<void>;
  firstSync(): Promise<SyncStages>;
  publish(args: { marker: string; threadId: string; label: string }): Promise<PublishTiming>;
  /** ms from that reply's click until its delivery badge says 'Published' (server has it) */
  published(marker: string, timeoutMs: number): Promise<number>;
}

declare global {
  interface Window {
    __kindredBench: BenchHooks;
  }
}

/** Where the benchmark's static server serves `benchWorkerScript()`. */
export const WORKER_PATH = '/__kindred-bench/worker.js';

/** esbuild (tsx) wraps named functions in __name(): give serialized code one where it runs. */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

export const benchWorkerScript = () => `${NAME_SHIM}\n(${benchWorker.toString()})();\n`;

export function installBenchHooks(workerPath: string): void {
  const marks: BenchHooks['marks'] = {};
  const conditions: Record<MarkName, () => boolean> = {
    shell: () => document.querySelector('header.top-bar') !== null,
    directory: () =>
      document.querySelector('#directory-title') !== null &&
      document.querySelector('ul.cards > li.card') !== null,
    threads: () => {
      const rows = document.querySelectorAll('ul.thread-list > li.thread-row');
      if (rows.length === 0) return false;
      for (const row of rows) if (row.querySelector('a')?.textContent === '…') return false;
      marks.threadRows = rows.length;
      return true;
    },
  };
  let watching = false;
  const frame = () => {
    const now = performance.now();
    let pending = false;
    for (const name of Object.keys(conditions) as MarkName[]) {
      if (marks[name] !== undefined) continue;
      if (conditions[name]()) marks[name] = now;
      else pending = true;
    }
    if (pending) requestAnimationFrame(frame);
    else watching = false;
  };
  const watch = () => {
    if (watching) return;
    watching = true;
    requestAnimationFrame(frame);
  };
  watch();

  // --- the worker, as a small RPC
  const epochNow = () => performance.timeOrigin + performance.now();
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  /** worker clock − page clock (both epoch ms), from the quickest of a few round trips */
  let offset = 0;
  const ask = <T>(type: string, args: object = {}): Promise<T> => {
    if (!worker) {
      worker = new Worker(workerPath);
      worker.onmessage = (
        event: MessageEvent<{ id: number; result?: unknown; error?: string }>,
      ) => {
        const pending = waiting.get(event.data.id);
        waiting.delete(event.data.id);
        if (event.data.error !== undefined) pending?.reject(new Error(event.data.error));
        else pending?.resolve(event.data.result);
      };
    }
    const id = (nextId += 1);
    const w = worker;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.postMessage({ id, type, ...args });
    });
  };
  let synced: Promise<void> | undefined;
  const clicks = new Map<string, number>();
  const syncClocks = () =>
    (synced ??= (async () => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 9; i += 1) {
        const sent = epochNow();
        const at = await ask<number>('clock');
        const back = epochNow();
        if (back - sent < best) {
          best = back - sent;
          offset = at - (sent + back) / 2;
        }
      }
    })());

  const published: BenchHooks['published'] = (marker, timeoutMs) =>
    new Promise<number>((resolve, reject) => {
      const start = clicks.get(marker);
      const list = document.querySelector('ol.replies');
      if (start === undefined || !list) {
        reject(new Error('that reply was not sent from here'));
        return;
      }
      const isPublished = () =>
        [...list.querySelectorAll('li.reply')].some(
          (li) =>
            li.textContent?.includes(marker) &&
            li.querySelector('[data-testid="delivery"]')?.textContent === 'Published',
        );
      const done = () => {
        observer.disconnect();
        clearTimeout(timer);
        resolve(epochNow() - start);
      };
      const observer = new MutationObserver(() => {
        if (isPublished()) done();
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error(`reply not Published within ${timeoutMs} ms`));
      }, timeoutMs);
      observer.observe(list, { childList: true, subtree: true, characterData: true });
      if (isPublished()) done();
    });

  const hooks: BenchHooks = {
    marks,
    published,
    resetMarks(names) {
      for (const name of names) delete marks[name];
      if (names.includes('threads')) delete marks.threadRows;
      watch();
    },
    indexNames: (collection) => ask<string[]>('indexNames', { collection }),
    async watchFirstSync(targets) {
      await syncClocks();
      await ask('watchSync', targets);
    },
    async firstSync() {
      const stages = await ask<SyncStages>('syncStatus');
      const local = (at: number | undefined) => (at === undefined ? undefined : at - offset);
      return {
        ...stages,
        stored: local(stages.stored),
        listed: local(stages.listed),
        indexed: local(stages.indexed),
      };
    },
    /**
     * The composer must hold the reply's text (containing `marker`). The worker starts reading
     * the thread's replies from IndexedDB (a key from the schema's [threadId, createdAt] index,
     * from the time of the click on), one read-only transaction after another; then 'Send reply' is
     * clicked; the worker notes when the reply is there. Meanwhile a MutationObserver notes
     * when the reply's text enters the thread's DOM.
     */
    async publish({ marker, threadId, label }) {
      const button = [...document.querySelectorAll('form[aria-label="Reply"] button')].find(
        (b) => b.textContent === 'Send reply',
      ) as HTMLButtonElement | undefined;
      const list = document.querySelector('ol.replies');
      if (!button || !list) throw new Error('no reply form on this page');
      await syncClocks();
      let shownAt = 0;
      const observer = new MutationObserver((records) => {
        if (shownAt) return;
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node.textContent?.includes(marker)) shownAt = epochNow();
          }
        }
      });
      observer.observe(list, { childList: true, subtree: true });
      await ask('watchReply', { threadId, since: Date.now(), marker, label });

      performance.mark(`${label}:start`);
      const start = epochNow();
      clicks.set(marker, start);
      button.click();
      const handled = epochNow();
      const found = await ask<{ at: number; polls: number }>('replyResult', { marker });
      while (!shownAt && epochNow() - start < 10_000) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      observer.disconnect();
      return {
        handlerMs: handled - start,
        persistedMs: found.at - offset - start,
        shownMs: shownAt ? shownAt - start : Number.NaN,
        polls: found.polls,
      };
    },
  };
  window.__kindredBench = hooks;
}

/** The worker (see the top of this file). Requests {id, type, ...}; answers {id, result|error}. */
export function benchWorker(): void {
  const scope = self as unknown as {
    onmessage: ((event: MessageEvent) => void) | null;
    postMessage(message: unknown): void;
  };
  const epochNow = () => performance.timeOrigin + performance.now();
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const request = <T>(req: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  /** Opens an existing database without ever creating or upgrading one. */
  const openExisting = (name: string) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onupgradeneeded = () => req.transaction?.abort();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error(`cannot open ${name}`));
    });
  const PATTERN = /^rxdb-dexie-(kindred-.*)--\d+--([A-Za-z]+)$/;
  const databases = async () => (await indexedDB.databases()).map((info) => info.name ?? '');
  const rxdbName = async (collection: string) =>
    (await databases()).find((name) => PATTERN.exec(name)?.[2] === collection);
  const open = new Map<string, IDBDatabase>();
  /** Keeps one connection per collection: opening one costs more than a read. */
  const dbOf = async (collection: string): Promise<IDBDatabase | undefined> => {
    let db = open.get(collection);
    if (!db) {
      const name = await rxdbName(collection);
      if (!name) return undefined;
      db = await openExisting(name);
      open.set(collection, db);
    }
    return db;
  };
  const docsOf = async (collection: string) =>
    (await dbOf(collection))?.transaction('docs', 'readonly').objectStore('docs');
  const count = async (collection: string) => {
    const docs = await docsOf(collection);
    return docs ? request(docs.count()) : 0;
  };
  const threadStates = async () => {
    const docs = await docsOf('threadState');
    const all = (docs ? await request(docs.getAll()) : []) as Array<{
      lastActivityAt: number;
      replyCount: number;
    }>;
    const synced = all.filter((state) => state.lastActivityAt > 0);
    return {
      count: synced.length,
      replies: synced.reduce((sum, state) => sum + state.replyCount, 0),
    };
  };
  /** RxDB's last write time of the newest write to a collection (its `_meta.lwt` index). */
  const newestWrite = async (collection: string) => {
    const docs = await docsOf(collection);
    if (!docs) return 0;
    const cursor = await request(docs.index('_meta.lwt').openCursor(null, 'prev'));
    return (cursor?.value as { _meta: { lwt: number } } | undefined)?._meta.lwt ?? 0;
  };
  /**
   * The search index saved beside the account (renderer/src/search/index-store.ts) reflects
   * every write to these collections: its saved checkpoints reach their newest write.
   */
  const searchIndexCovers = async (collections: string[]) => {
    const name = await rxdbName('posts');
    const account = name ? PATTERN.exec(name)![1]! : undefined;
    if (!account || !(await databases()).includes(`${account}-search`)) return false;
    const db = await openExisting(`${account}-search`);
    try {
      if (!db.objectStoreNames.contains('index')) return false;
      const saved = (await request(
        db.transaction('index', 'readonly').objectStore('index').get('shared'),
      )) as { checkpoints?: Record<string, { lwt: number }> } | undefined;
      if (!saved) return false;
      for (const collection of collections) {
        if ((saved.checkpoints?.[collection]?.lwt ?? -1) < (await newestWrite(collection)))
          return false;
      }
      return true;
    } finally {
      db.close();
    }
  };

  // --- following a first sync
  let sync: {
    stored?: number;
    listed?: number;
    indexed?: number;
    counts: Record<string, number>;
    states: { count: number; replies: number };
    error?: string;
  } = { counts: {}, states: { count: 0, replies: 0 } };
  const followSync = async (threads: number, replies: number) => {
    for (;;) {
      sync.counts = { threads: await count('threads'), posts: await count('posts') };
      if (sync.counts.threads! >= threads && sync.counts.posts! >= replies) break;
      await sleep(1_000);
    }
    sync.stored = epochNow();
    // Both from here on, each at its own pace (the search index may be saved before or after).
    await Promise.all([
      (async () => {
        for (;;) {
          sync.states = await threadStates();
          if (sync.states.count >= threads && sync.states.replies >= replies) break;
          await sleep(2_000);
        }
        sync.listed = epochNow();
      })(),
      (async () => {
        while (!(await searchIndexCovers(['threads', 'posts']))) await sleep(5_000);
        sync.indexed = epochNow();
      })(),
    ]);
  };

  // --- watching for one reply
  const replies = new Map<
    string,
    { found?: { at: number; polls: number }; error?: string; done: Promise<void> }
  >();
  const POSTS_BY_THREAD = '[_deleted+threadId+createdAt+id]';
  const watchReply = async (args: {
    threadId: string;
    since: number;
    marker: string;
    label: string;
  }) => {
    const db = await dbOf('posts');
    if (!db) throw new Error('no posts database');
    // RxDB puts _deleted ('0' when not deleted) before an index's fields and the primary key
    // after them; arrays sort after every other key, so [] closes the range.
    const range = IDBKeyRange.bound(
      ['0', args.threadId, args.since],
      ['0', args.threadId, Number.MAX_SAFE_INTEGER, []],
    );
    // The cheapest read there is (a key, no document): only this reply can enter that range.
    const read = () =>
      request(
        db.transaction('docs', 'readonly').objectStore('docs').index(POSTS_BY_THREAD).getKey(range),
      );
    const check = async (key: IDBValidKey) =>
      (
        (await request(db.transaction('docs', 'readonly').objectStore('docs').get(key))) as {
          body: string;
        }
      ).body.includes(args.marker);
    const entry: { found?: { at: number; polls: number }; error?: string; done: Promise<void> } = {
      done: Promise.resolve(),
    };
    entry.done = (async () => {
      const deadline = epochNow() + 15_000;
      let polls = 0;
      for (;;) {
        polls += 1;
        const key = await read();
        if (key !== undefined) {
          const at = epochNow();
          performance.mark(`${args.label}:persisted`);
          if (await check(key)) entry.found = { at, polls };
          else entry.error = 'another reply entered the thread';
          return;
        }
        if (epochNow() > deadline) {
          entry.error = 'reply not stored within 15 s';
          return;
        }
      }
    })();
    replies.set(args.marker, entry);
  };

  const handlers: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {
    clock: async () => epochNow(),
    indexNames: async ({ collection }) => {
      const docs = await docsOf(collection as string);
      return docs ? [...docs.indexNames] : [];
    },
    watchSync: async ({ threads, replies: posts }) => {
      sync = { counts: {}, states: { count: 0, replies: 0 } };
      void followSync(threads as number, posts as number).catch((error: unknown) => {
        sync.error = String(error);
      });
    },
    syncStatus: async () => sync,
    watchReply: async (args) => {
      await watchReply(args as Parameters<typeof watchReply>[0]);
    },
    replyResult: async ({ marker }) => {
      const entry = replies.get(marker as string);
      if (!entry) throw new Error('not watching that reply');
      await entry.done;
      replies.delete(marker as string);
      if (!entry.found) throw new Error(entry.error ?? 'reply not found');
      return entry.found;
    },
  };
  scope.onmessage = (event: MessageEvent<{ id: number; type: string }>) => {
    const { id, type } = event.data;
    const handler = handlers[type];
    if (!handler) {
      scope.postMessage({ id, error: `unknown request ${type}` });
      return;
    }
    handler(event.data as unknown as Record<string, unknown>).then(
      (result) => scope.postMessage({ id, result }),
      (error: unknown) => scope.postMessage({ id, error: String(error) }),
    );
  };
}
