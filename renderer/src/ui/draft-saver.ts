/**
 * When a composer's text is written to the device, without React (useAutosave.ts wires it to a
 * composer; renderer/test/draft-saver.test.ts tests it with fake timers).
 *
 * The rule is that typed text is never dropped before it is stored:
 * - a change is written at most `delayMs` after the last keystroke (debounced);
 * - one write at a time: text typed during a write is written after it, never alongside it
 *   (two overlapping writes of one draft could land in either order);
 * - a failed write (disk full, storage quota) keeps the text and tries again later, further
 *   apart each time, until one succeeds; the newest text is what is tried;
 * - with no way to write (no encryption key on this device) the text stays unsaved, and the
 *   composer says so and asks before it is left.
 */
export type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'unavailable';

export interface DraftSaverOptions<T> {
  /** Stores the text; null when this device cannot keep drafts. */
  write: ((content: T) => Promise<void>) | null;
  /** Nothing worth asking about when only this is unsaved (an emptied composer). */
  isEmpty(content: T): boolean;
  onState(state: SaveState): void;
  /** Debounce after the last change (default 300 ms). */
  delayMs?: number;
  /** First retry after a failed write; doubled after each further failure up to retryMaxMs. */
  retryMinMs?: number;
  retryMaxMs?: number;
}

export class DraftSaver<T> {
  private pending: T | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> | null = null;
  private failures = 0;
  private stopped = false;
  private current: SaveState;

  constructor(private readonly options: DraftSaverOptions<T>) {
    this.current = options.write ? 'idle' : 'unavailable';
  }

  get state(): SaveState {
    return this.current;
  }

  /** Typed text that is not on the device yet (waiting, being written, or failed). */
  get hasUnsaved(): boolean {
    return this.pending !== null && !this.options.isEmpty(this.pending);
  }

  /**
   * Unsaved text with no write on its way to succeed: the last one failed, or there is no way
   * to write. Leaving the composer now would lose it, so the user is asked first.
   */
  get atRisk(): boolean {
    return this.hasUnsaved && (this.current === 'error' || this.current === 'unavailable');
  }

  /** The composer opened with a draft already stored. */
  loadedSaved(): void {
    if (this.current === 'idle') this.setState('saved');
  }

  change(content: T): void {
    this.pending = content;
    if (!this.options.write) return;
    // After a failure the retry is already scheduled; typing does not hammer a full disk.
    if (this.current === 'error') return;
    this.setState('saving');
    this.schedule(this.options.delayMs ?? 300);
  }

  /** Write what is pending now (the page is being hidden or closed); resolves when done. */
  flush(): Promise<void> {
    this.clearTimer();
    // One write at a time: after the one under way, whatever is pending then.
    if (this.writing) return this.writing.then(() => this.flush());
    this.writing = this.drain().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  /**
   * The text was published or discarded: forget it. Resolves once a write already under way has
   * finished, so that the caller can delete the draft without that write bringing it back.
   */
  async cancel(): Promise<void> {
    this.clearTimer();
    this.pending = null;
    this.failures = 0;
    await this.writing;
    if (this.current === 'error' || this.current === 'saving') this.setState('idle');
  }

  /** The composer closes: one last write of what is pending, and no retries after it. */
  dispose(): Promise<void> {
    this.stopped = true;
    return this.flush();
  }

  private async drain(): Promise<void> {
    const write = this.options.write;
    if (!write) return;
    // Stops when nothing is pending, or when newer text has its own debounce timer running.
    while (this.pending !== null && this.timer === null) {
      const content = this.pending;
      this.setState('saving');
      try {
        await write(content);
      } catch {
        this.failed();
        return;
      }
      this.failures = 0;
      // Text typed during the write stays pending: it is not on the device yet.
      if (this.pending === content) this.pending = null;
    }
    this.setState(this.pending === null ? 'saved' : 'saving');
  }

  private failed(): void {
    this.failures += 1;
    this.setState('error');
    if (this.stopped) return;
    const min = this.options.retryMinMs ?? 1_000;
    const max = this.options.retryMaxMs ?? 30_000;
    this.schedule(Math.min(max, min * 2 ** (this.failures - 1)));
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(state: SaveState): void {
    if (state === this.current) return;
    this.current = state;
    this.options.onState(state);
  }
}
