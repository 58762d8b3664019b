/**
 * When a journal entry is written to the device, without React (useEntryAutosave.ts wires it to
 * the editor; renderer/test/entry-saver.test.ts tests it). The rules are the composers' rules,
 * kept by the same DraftSaver (ui/draft-saver.ts): text is never dropped before it is stored, a
 * failed save keeps it and tries again, and the editor knows when leaving would lose it.
 *
 * What only an entry has:
 * - text longer than Kindred can keep is not saved ('too-long'), and is saved as soon as it is
 *   short enough again, without waiting for the next retry;
 * - an entry sealed with a key this device does not have is never overwritten ('unreadable');
 * - a new entry nobody has typed into leaves nothing behind.
 */
import { DraftSaver, type SaveState } from '../ui/draft-saver';
import { type EntryContent, checkEntry, isBlankEntry } from './entry-model';

export type EntrySaveState = 'idle' | 'saving' | 'saved' | 'error' | 'too-long' | 'unreadable';

type Problem = 'error' | 'too-long' | 'unreadable';

export interface EntrySaverOptions {
  /** Stores the entry; null when this device cannot (no journal key yet). */
  save: ((content: EntryContent) => Promise<void>) | null;
  /** The entry is stored already (else a blank one is not stored at all). */
  existsAlready: boolean;
  onState(state: EntrySaveState): void;
  delayMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
}

export class EntrySaver {
  private readonly saver: DraftSaver<EntryContent>;
  private problem: Problem = 'error';
  private stored: boolean;

  constructor(options: EntrySaverOptions) {
    this.stored = options.existsAlready;
    const save = options.save;
    this.saver = new DraftSaver<EntryContent>({
      write: save ? (content) => this.write(save, content) : null,
      isEmpty: (content) => !this.stored && isBlankEntry(content),
      onState: (state) => options.onState(this.shown(state)),
      ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
      ...(options.retryMinMs === undefined ? {} : { retryMinMs: options.retryMinMs }),
      ...(options.retryMaxMs === undefined ? {} : { retryMaxMs: options.retryMaxMs }),
    });
  }

  get state(): EntrySaveState {
    return this.shown(this.saver.state);
  }

  /** Text typed that is not on the device yet: leaving the page asks first (beforeunload). */
  get hasUnsaved(): boolean {
    return this.saver.hasUnsaved;
  }

  /** Unsaved text no write is about to store: leaving the editor asks first. */
  get atRisk(): boolean {
    return this.saver.atRisk;
  }

  change(content: EntryContent): void {
    this.saver.change(content);
    // Shortening an entry that was too long is saved at once; a retry could be 30 s away.
    if (this.saver.state === 'error' && this.problem === 'too-long') void this.saver.flush();
  }

  flush(): Promise<void> {
    return this.saver.flush();
  }

  dispose(): Promise<void> {
    return this.saver.dispose();
  }

  private async write(save: (content: EntryContent) => Promise<void>, content: EntryContent) {
    if (checkEntry(content)) this.fail('too-long');
    if (!this.stored && isBlankEntry(content)) return;
    try {
      await save(content);
    } catch (error) {
      this.fail(
        error instanceof Error && error.name === 'JournalWriteError' ? 'unreadable' : 'error',
        error,
      );
    }
    this.stored = true;
  }

  /** Remembered for what the editor says; DraftSaver keeps the text and retries. */
  private fail(problem: Problem, cause?: unknown): never {
    this.problem = problem;
    throw cause ?? new Error(problem);
  }

  private shown(state: SaveState): EntrySaveState {
    if (state === 'error') return this.problem;
    // No journal key: nothing can be stored, which is a failure to the person typing.
    if (state === 'unavailable') return 'error';
    return state;
  }
}
