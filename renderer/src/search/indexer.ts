/**
 * Keeps the search index in step with the local database, whoever wrote to it: the user or
 * replication. Every change event only schedules a catch-up; the catch-up reads what changed
 * since the last checkpoint in RxDB's own write order (its last-write-time index), so a burst of
 * thousands of replicated replies is indexed in pages, nothing is indexed twice, and start-up
 * indexes only what changed since the saved index was written.
 */
import { type RxCollection, getChangedDocumentsSince } from 'rxdb';
import type { Subscription } from 'rxjs';
import { THERAPY_CATALOG } from '../../../shared/therapy-catalog';
import type { NamedTherapy } from '../../../shared/therapy-match';
import type { Keyring } from '../crypto/keyring';
import type { KindredDatabase } from '../db/database';
import { type Checkpoint, type IndexStore, openIndexStore } from './index-store';
import { JournalIndex } from './journal-index';
import {
  type SearchDoc,
  communityDoc,
  keyOf,
  replyDoc,
  therapyDoc,
  threadDoc,
} from './search-docs';
import { INDEX_FORMAT, type SearchHit, SearchIndex, type SearchOptions } from './search-index';

/** The collections searched through the saved index (the journal is searched in memory). */
const SOURCES = {
  threads: { kind: 'thread', toDoc: threadDoc },
  posts: { kind: 'reply', toDoc: replyDoc },
  therapies: { kind: 'therapy', toDoc: therapyDoc },
  communities: { kind: 'community', toDoc: communityDoc },
} as const;
type Source = keyof typeof SOURCES;

const PAGE = 1_000;

export interface SearchIndexerOptions {
  db: KindredDatabase;
  /** the account's RxDB database name: the saved index is kept beside it */
  accountDatabase: string;
  userId: string;
  keyring: () => Promise<Keyring | null>;
  /** tests: fake-indexeddb */
  indexedDB?: IDBFactory;
  /** how long changes are gathered before they are indexed */
  batchMs?: number;
  /**
   * How long after the last change the index is saved. Saving a large index takes seconds, and a
   * change not yet saved costs only its re-indexing at the next start (the saved checkpoints
   * belong to the saved index), so this is long.
   */
  saveMs?: number;
}

export class SearchIndexer {
  private index = SearchIndex.create({ persistable: true });
  private checkpoints: Record<string, Checkpoint> = {};
  private therapies: readonly NamedTherapy[] = THERAPY_CATALOG;
  private store: IndexStore | undefined;
  private readonly journal: JournalIndex;
  private readonly subscriptions: Subscription[] = [];
  private readonly listeners = new Set<() => void>();
  private batchTimer: ReturnType<typeof setTimeout> | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private unsaved = false;
  private version = 0;
  /** Every read and write of the index runs in this chain, one at a time. */
  private chain: Promise<void> = Promise.resolve();
  /** Documents (re)indexed since start: tests check a reload indexes nothing unchanged. */
  readonly stats = { indexed: 0, loadedSaved: false };

  constructor(private readonly options: SearchIndexerOptions) {
    this.journal = new JournalIndex(options.db, options.userId, options.keyring, () =>
      this.changed(),
    );
  }

  start(): void {
    for (const source of this.sources()) {
      this.subscriptions.push(this.collection(source).$.subscribe(() => this.schedule()));
    }
    this.run(() => this.boot());
    this.journal.start();
  }

  async stop(): Promise<void> {
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    for (const timer of [this.batchTimer, this.saveTimer]) if (timer) clearTimeout(timer);
    this.batchTimer = this.saveTimer = null;
    await this.journal.stop();
    await this.chain;
    if (this.unsaved) await this.save();
    this.store?.close();
  }

  /**
   * The account's sealing keys changed (a recovery key was entered): the journal is opened again
   * with them, in memory, and is searchable at once, or no longer searchable if they cannot open it.
   */
  keysChanged(): void {
    this.journal.reload();
  }

  /** Resolves when every change seen so far is searchable (tests, benchmark). */
  async settled(): Promise<void> {
    if (this.batchTimer) {
      clearTimeout(this.batchTimer);
      this.batchTimer = null;
      this.run(() => this.catchUp());
    }
    await this.chain;
    await this.journal.settled();
  }

  /** Saves now rather than after the debounce (tests). */
  async flush(): Promise<void> {
    await this.settled();
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.save();
  }

  search(text: string, options: Omit<SearchOptions, 'therapies'> = {}): SearchHit[] {
    const withAliases = { ...options, therapies: this.therapies };
    const kinds = options.filters?.kinds;
    const hits = [
      ...this.index.search(text, withAliases),
      ...(kinds && !kinds.includes('journal') ? [] : this.journal.search(text, withAliases)),
    ];
    return hits.sort((a, b) => b.score - a.score);
  }

  /** The journal's text for a hit (it is in memory only; everything else is read from the db). */
  journalText(key: string): string | undefined {
    return this.journal.textOf(key);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever results may have changed. */
  getVersion = (): number => this.version;

  private sources(): Source[] {
    return (Object.keys(SOURCES) as Source[]).filter((s) => !!this.options.db.collections[s]);
  }

  private collection(source: Source): RxCollection {
    return this.options.db.collections[source] as unknown as RxCollection;
  }

  private run(task: () => Promise<void>): void {
    // A failed batch must not stop later ones; the checkpoint did not move, so it is retried.
    this.chain = this.chain.then(task).catch(() => undefined);
  }

  private schedule(): void {
    if (this.batchTimer) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = null;
      this.run(() => this.catchUp());
    }, this.options.batchMs ?? 150);
  }

  private async boot(): Promise<void> {
    try {
      this.store = await openIndexStore(this.options.accountDatabase, this.options.indexedDB);
      const saved = await this.store.load();
      if (saved?.format === INDEX_FORMAT) {
        this.index = await SearchIndex.load(saved.json);
        this.checkpoints = { ...saved.checkpoints };
        this.stats.loadedSaved = true;
      }
    } catch {
      // No saved index (or an unreadable one): build from scratch; it is only a cache.
      this.index = SearchIndex.create({ persistable: true });
      this.checkpoints = {};
    }
    await this.catchUp();
    await this.loadTherapies();
  }

  private async catchUp(): Promise<void> {
    let changed = 0;
    for (const source of this.sources()) {
      const { kind, toDoc } = SOURCES[source];
      for (;;) {
        const { documents, checkpoint } = await getChangedDocumentsSince(
          this.collection(source).storageInstance,
          PAGE,
          this.checkpoints[source],
        );
        for (const doc of documents as (SearchSource & { _deleted: boolean })[]) {
          const key = keyOf(kind, doc.id);
          if (doc._deleted) this.index.remove(key);
          else if (this.index.stored(key)?.updatedAt !== doc.updatedAt) {
            this.index.upsert((toDoc as (d: SearchSource) => SearchDoc)(doc));
            this.stats.indexed += 1;
          }
        }
        changed += documents.length;
        this.checkpoints[source] = checkpoint as Checkpoint;
        if (documents.length < PAGE) break;
      }
    }
    if (changed === 0) return;
    await this.loadTherapies();
    this.changed();
    this.unsaved = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.run(() => this.save());
    }, this.options.saveMs ?? 30_000);
  }

  private async loadTherapies(): Promise<void> {
    const therapies = this.options.db.collections.therapies;
    if (!therapies) return;
    const docs = await therapies.find().exec();
    if (docs.length === 0) return;
    this.therapies = docs.map((d) => {
      const { id, name, aliases } = d.toJSON();
      return { id, name, aliases: [...aliases] };
    });
  }

  /** Runs inside the chain (or after it ended), so index and checkpoints belong together. */
  private async save(): Promise<void> {
    if (!this.store || !this.unsaved) return;
    await this.store.save(INDEX_FORMAT, this.index, { ...this.checkpoints });
    this.unsaved = false;
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}

type SearchSource = Parameters<(typeof SOURCES)[Source]['toDoc']>[0];
