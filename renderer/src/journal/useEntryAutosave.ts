import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from '../app/services';
import { AUTOSAVE_DELAY_MS } from '../ui/useAutosave';
import { type EntryContent, checkEntry, isBlankEntry } from './entry-model';
import { type Owner, saveEntry } from './journal-store';

export type EntrySaveState = 'idle' | 'saving' | 'saved' | 'error' | 'too-long' | 'unreadable';

/**
 * Saves (sealed) an entry ~300 ms after the last change, on leaving the page and on closing the
 * editor. Saves run one after another, so a slow save never overtakes a newer one; the text on
 * screen is never replaced by what was saved.
 */
export function useEntryAutosave(id: string, owner: Owner | null, existsAlready: boolean) {
  const { db } = useServices();
  const [state, setState] = useState<EntrySaveState>('idle');
  const pending = useRef<EntryContent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const stored = useRef(existsAlready);

  const flushNow = useCallback((): Promise<void> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const content = pending.current;
    pending.current = null;
    if (!content || !owner) return chain.current;
    if (checkEntry(content)) {
      setState('too-long');
      return chain.current;
    }
    // A new entry nobody has typed into yet leaves nothing behind.
    if (!stored.current && isBlankEntry(content)) return chain.current;
    chain.current = chain.current.then(async () => {
      try {
        await saveEntry(db, owner, id, content);
        stored.current = true;
        setState(pending.current ? 'saving' : 'saved');
      } catch (error) {
        setState(
          error instanceof Error && error.name === 'JournalWriteError' ? 'unreadable' : 'error',
        );
        // Keep the unsaved text queued: the next change or flush tries again.
        pending.current ??= content;
      }
    });
    return chain.current;
  }, [db, owner, id]);

  const flush = useRef(flushNow);
  useEffect(() => {
    flush.current = flushNow;
  }, [flushNow]);

  useEffect(() => {
    const onHide = () => void flush.current();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush.current();
    };
  }, [id]);

  const update = useCallback((content: EntryContent) => {
    pending.current = content;
    setState('saving');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush.current(), AUTOSAVE_DELAY_MS);
  }, []);

  return { state, update, flush: () => flush.current() };
}

export const ENTRY_SAVE_TEXT: Record<EntrySaveState, string> = {
  idle: '',
  saving: 'Saving…',
  saved: 'Saved and sealed on this device',
  error: 'Could not save on this device — keep this window open and try again',
  'too-long': 'This entry is longer than Kindred can keep. Please shorten it.',
  unreadable:
    'This entry was sealed with a key this device does not have, so it was not overwritten.',
};
