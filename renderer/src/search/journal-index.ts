/**
 * The journal's part of search: built in memory from the entries this device can open, once the
 * sealing keys are available, and rebuilt when the journal changes. It is never serialized (its
 * SearchIndex refuses to be) and nothing of it is logged: the database holds ciphertext only.
 */
import type { Subscription } from 'rxjs';
import type { JournalDoc } from '../../../shared/schemas/sealed';
import type { Keyring } from '../crypto/keyring';
import type { KindredDatabase } from '../db/database';
import { openJournal } from '../journal/journal-store';
import { journalDoc } from './search-docs';
import { type SearchHit, SearchIndex, type SearchOptions } from './search-index';

const REBUILD_MS = 300;

export class JournalIndex {
  private index = SearchIndex.create({ persistable: false });
  private texts = new Map<string, string>();
  private subscription: Subscription | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();

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
    this.subscription = journal.$.subscribe(() => this.schedule());
    this.running = this.rebuild();
  }

  async stop(): Promise<void> {
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
    const keyring = await this.keyring().catch(() => null);
    if (!keyring) return;
    const docs = await this.db.journal.find({ selector: { ownerId: this.ownerId } }).exec();
    const { entries } = await openJournal(
      keyring,
      docs.map((d) => d.toJSON() as JournalDoc),
    );
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
}
