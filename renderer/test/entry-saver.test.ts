/**
 * A journal entry's autosave (journal/entry-saver.ts) keeps the composers' rules: a failed save
 * keeps the text and tries again until it is stored, and the editor knows when leaving would
 * lose text, so that the page asks first.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type EntryContent, emptyEntry } from '../src/journal/entry-model';
import { EntrySaver, type EntrySaveState } from '../src/journal/entry-saver';
import { JournalWriteError } from '../src/journal/journal-store';

function entry(body: string): EntryContent {
  return { ...emptyEntry(), body };
}

/** A device whose storage can be told to fail for a while (a full disk). */
function fakeDevice() {
  const stored: string[] = [];
  let failing: Error | null = null;
  return {
    stored,
    fail(error: Error | null) {
      failing = error;
    },
    async save(content: EntryContent) {
      if (failing) throw failing;
      stored.push(content.body);
    },
  };
}

function saverFor(device: ReturnType<typeof fakeDevice>, existsAlready = false) {
  const states: EntrySaveState[] = [];
  const saver = new EntrySaver({
    save: (content) => device.save(content),
    existsAlready,
    onState: (state) => states.push(state),
    delayMs: 300,
    retryMinMs: 1_000,
    retryMaxMs: 8_000,
  });
  return { saver, states };
}

describe('saving a journal entry', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps the text after a failed save and retries until it is stored, asking before leaving meanwhile', async () => {
    const device = fakeDevice();
    const { saver } = saverFor(device);
    device.fail(new Error('QuotaExceededError'));
    saver.change(entry('Slept badly again'));
    await vi.advanceTimersByTimeAsync(300);
    expect(saver.state).toBe('error');
    expect(saver.hasUnsaved).toBe(true);
    expect(saver.atRisk).toBe(true); // leaving the editor now asks first

    saver.change(entry('Slept badly again, pain 6/10'));
    await vi.advanceTimersByTimeAsync(1_000); // first retry: still full
    expect(device.stored).toEqual([]);
    device.fail(null);
    await vi.advanceTimersByTimeAsync(2_000); // second retry: room again, with the newest text
    expect(device.stored).toEqual(['Slept badly again, pain 6/10']);
    expect(saver.state).toBe('saved');
    expect(saver.atRisk).toBe(false);
    expect(saver.hasUnsaved).toBe(false);
  });

  it('an entry too long to keep says so, and is saved as soon as it is shortened', async () => {
    const device = fakeDevice();
    const { saver } = saverFor(device);
    saver.change(entry('x'.repeat(100_001)));
    await vi.advanceTimersByTimeAsync(300);
    expect(saver.state).toBe('too-long');
    expect(saver.atRisk).toBe(true);
    saver.change(entry('x'.repeat(100_000)));
    await vi.advanceTimersByTimeAsync(0);
    expect(device.stored).toHaveLength(1);
    expect(saver.state).toBe('saved');
  });

  it('an entry sealed with another device’s key is not overwritten, and the text stays at risk', async () => {
    const device = fakeDevice();
    device.fail(new JournalWriteError('other-key'));
    const { saver, states } = saverFor(device, true);
    saver.change(entry('Written on the old laptop'));
    await vi.advanceTimersByTimeAsync(300);
    expect(states.at(-1)).toBe('unreadable');
    expect(device.stored).toEqual([]);
    expect(saver.atRisk).toBe(true);
  });

  it('a new entry nobody typed into leaves nothing behind and nothing to ask about', async () => {
    const device = fakeDevice();
    const { saver } = saverFor(device);
    saver.change(entry('   '));
    await saver.flush();
    expect(device.stored).toEqual([]);
    expect(saver.hasUnsaved).toBe(false);
  });

  it('closing the editor writes what is pending at once', async () => {
    const device = fakeDevice();
    const { saver } = saverFor(device, true);
    saver.change(entry('last words before the lid closes'));
    await saver.dispose();
    expect(device.stored).toEqual(['last words before the lid closes']);
  });
});
