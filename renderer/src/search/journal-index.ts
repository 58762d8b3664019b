/**
 * The journal's part of search: built in memory from the entries this device can open, and rebuilt
 * when the journal changes or the sealing keys do (a recovery key entered on a new device opens
 * entries synced from the others, with no journal write to tell us). It is never serialized (its
 * SearchIndex refuses to be) and nothing of it is logged: the database holds ciphertext only.
 */
import type { Subscription } from 'rxjs';
import type { JournalDoc } from '../../../shared/schemas/sealed';
import type { Keyring } from '../crypto/keyring';
import type { KindredDatabase } from '../db/database';
import { type OpenedEntry, openJournal } from '../journal/journal-store';
import { journalDoc } from './search-docs';
import { type SearchHit, SearchIndex, type SearchOptions } from './search-index';

const REBUILD_MS = 300;

export class JournalIndex {
  private index = SearchIndex.create({ persistable: false });
  private texts = new Map<string, string>();
  private subscription: Subscription | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();
  /** Between start and stop: a rebuild asked for outside it would fill an index nobody clears. */
  private active = false;

  constructor(
    private readonly db: KindredDatabase,
    private readonly ownerId: string,
    /** null while the keys are not available: the journal is then simply not searched. */
    private readonly keyring: () => Promise<Keyring | null>,
    private readonly onChange: () => void,
  ) {}

  start(): void {
    const journal = this.db.collections.journal;
    if (!journal) return;
    this.active = true;
    this.subscription = journal.$.subscribe(() => this.schedule());
    this.running = this.rebuild();
  }

  async stop(): Promise<void> {
    this.active = false;
    this.subscription?.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.index.clear();
    this.texts.clear();
  }

  async settled(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.running = this.running.then(() => this.rebuild());
    }
    await this.running;
  }

  /** The sealing keys changed: what this device can open may have changed too, so rebuild now. */
  reload(): void {
    if (!this.active) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.running.then(() => this.rebuild());
  }

  search(text: string, options: SearchOptions): SearchHit[] {
    return this.index.search(text, options);
  }

  textOf(key: string): string | undefined {
    return this.texts.get(key);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.running.then(() => this.rebuild());
    }, REBUILD_MS);
  }

  /** From scratch each time: a journal is hundreds of entries, not a hundred thousand. */
  private async rebuild(): Promise<void> {
    if (!this.active) return;
    // Keys gone or the journal unreadable: then nothing of it may stay searchable either.
    const entries = await this.openableEntries().catch(() => []);
    const index = SearchIndex.create({ persistable: false });
    const texts = new Map<string, string>();
    for (const entry of entries) {
      const doc = journalDoc(entry, this.ownerId);
      index.upsert(doc);
      texts.set(doc.key, doc.text);
    }
    this.index = index;
    this.texts = texts;
    this.onChange();
  }

  /** The owner's entries this device's keys open; none while there are no keys. */
  private async openableEntries(): Promise<OpenedEntry[]> {
    const keyring = await this.keyring();
    if (!keyring) return [];
    const docs = await this.db.journal.find({ selector: { ownerId: this.ownerId } }).exec();
    const { entries } = await openJournal(
      keyring,
      docs.map((d) => d.toJSON() as JournalDoc),
    );
    return entries;
  }
}
