/**
 * The autosave's rules (ui/draft-saver.ts): typed text is never dropped before it is stored,
 * one write at a time, failed writes retried, and the composer knows when leaving would lose text.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSaver, type SaveState } from '../src/ui/draft-saver';

interface Written {
  text: string;
}

/** A write that can be told to fail (a full disk) or to take its time, and keeps score. */
function fakeStorage() {
  const stored: string[] = [];
  let failuresLeft = 0;
  let writeMs = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    stored,
    failNext(count: number) {
      failuresLeft = count;
    },
    slow(ms: number) {
      writeMs = ms;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    async write(content: Written) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (writeMs > 0) await new Promise((resolve) => setTimeout(resolve, writeMs));
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('QuotaExceededError');
        }
        stored.push(content.text);
      } finally {
        inFlight -= 1;
      }
    },
  };
}

function saverWith(write: ((content: Written) => Promise<void>) | null) {
  const states: SaveState[] = [];
  const saver = new DraftSaver<Written>({
    write,
    isEmpty: (content) => content.text.trim() === '',
    onState: (state) => states.push(state),
    delayMs: 300,
    retryMinMs: 1_000,
    retryMaxMs: 8_000,
  });
  return { saver, states };
}

describe('saving a composer’s text', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes once, 300 ms after the last keystroke, with the latest text', async () => {
    const storage = fakeStorage();
    const { saver, states } = saverWith((c) => storage.write(c));
    saver.change({ text: 'H' });
    await vi.advanceTimersByTimeAsync(200);
    saver.change({ text: 'Hi' });
    await vi.advanceTimersByTimeAsync(299);
    expect(storage.stored).toEqual([]);
    expect(saver.hasUnsaved).toBe(true);
    expect(saver.atRisk).toBe(false); // a write is on its way: nothing to ask about yet
    await vi.advanceTimersByTimeAsync(1);
    expect(storage.stored).toEqual(['Hi']);
    expect(saver.hasUnsaved).toBe(false);
    expect(states).toEqual(['saving', 'saved']);
  });

  it('keeps the text after a failed write and retries, later each time, until it is stored', async () => {
    const storage = fakeStorage();
    const { saver } = saverWith((c) => storage.write(c));
    storage.failNext(2); // the disk is full for a while
    saver.change({ text: 'Day 3 of chemo' });
    await vi.advanceTimersByTimeAsync(300);
    expect(saver.state).toBe('error');
    expect(saver.hasUnsaved).toBe(true);
    expect(saver.atRisk).toBe(true); // leaving now would lose it: the composer asks

    // Typed while it is failing: no extra write per keystroke, but the retry takes the newest.
    saver.change({ text: 'Day 3 of chemo, tired' });
    await vi.advanceTimersByTimeAsync(999);
    expect(storage.stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(1); // first retry after 1 s: fails again
    expect(saver.state).toBe('error');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(storage.stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(1); // second retry after 2 s: the disk has room again
    expect(storage.stored).toEqual(['Day 3 of chemo, tired']);
    expect(saver.state).toBe('saved');
    expect(saver.hasUnsaved).toBe(false);
    expect(saver.atRisk).toBe(false);
  });

  it('writes one at a time: text typed during a slow write is written after it', async () => {
    const storage = fakeStorage();
    storage.slow(1_000);
    const { saver } = saverWith((c) => storage.write(c));
    saver.change({ text: 'first' });
    await vi.advanceTimersByTimeAsync(300); // the write starts and takes a second
    saver.change({ text: 'second' });
    void saver.flush(); // the page is hidden meanwhile
    saver.change({ text: 'third' });
    void saver.flush();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(storage.maxInFlight).toBe(1);
    expect(storage.stored.at(-1)).toBe('third');
    expect(saver.hasUnsaved).toBe(false);
  });

  it('flushes at once when the page is hidden, without waiting for the debounce', async () => {
    const storage = fakeStorage();
    const { saver } = saverWith((c) => storage.write(c));
    saver.change({ text: 'closing the lid' });
    await saver.flush();
    expect(storage.stored).toEqual(['closing the lid']);
  });

  it('with no way to write, keeps the text unsaved and says so, until it is published', async () => {
    const { saver, states } = saverWith(null);
    expect(saver.state).toBe('unavailable');
    expect(saver.atRisk).toBe(false); // nothing typed, nothing to lose
    saver.change({ text: 'No keychain on this computer' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saver.hasUnsaved).toBe(true);
    expect(saver.atRisk).toBe(true);
    await saver.cancel(); // published
    expect(saver.atRisk).toBe(false);
    expect(states).toEqual([]); // it never claimed to be saving
  });

  it('an emptied composer is nothing to ask about', async () => {
    const storage = fakeStorage();
    storage.failNext(1);
    const { saver } = saverWith((c) => storage.write(c));
    saver.change({ text: '   ' });
    await vi.advanceTimersByTimeAsync(300);
    expect(saver.state).toBe('error');
    expect(saver.atRisk).toBe(false);
  });

  it('cancelling waits for a write under way, and nothing is written after it', async () => {
    const storage = fakeStorage();
    storage.slow(1_000);
    const { saver } = saverWith((c) => storage.write(c));
    saver.change({ text: 'about to publish' });
    await vi.advanceTimersByTimeAsync(300);
    saver.change({ text: 'about to publish!' });
    let cancelled = false;
    const cancelling = saver.cancel().then(() => {
      cancelled = true;
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(cancelled).toBe(false); // the draft may not be deleted before that write is done
    await vi.advanceTimersByTimeAsync(500);
    await cancelling;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(storage.stored).toEqual(['about to publish']);
    expect(saver.hasUnsaved).toBe(false);
  });

  it('after the composer closes, a failed last write is not retried in the background', async () => {
    const storage = fakeStorage();
    storage.failNext(1);
    const { saver } = saverWith((c) => storage.write(c));
    saver.change({ text: 'last words' });
    await saver.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(storage.stored).toEqual([]);
  });
});
