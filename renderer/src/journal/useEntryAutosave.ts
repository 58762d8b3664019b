import { useEffect, useRef, useState } from 'react';
import { useServices } from '../app/services';
import { guardUnsavedText } from '../ui/leave-guard';
import { AUTOSAVE_DELAY_MS } from '../ui/useAutosave';
import type { EntryContent } from './entry-model';
import { EntrySaver, type EntrySaveState } from './entry-saver';
import { type Owner, saveEntry } from './journal-store';

export type { EntrySaveState } from './entry-saver';

/**
 * Saves (sealed) an entry ~300 ms after the last change, when the page is hidden or closed and
 * when the editor closes; a failed save keeps the text and tries again (entry-saver.ts), and
 * leaving asks first while text would be lost. The text on screen is never replaced by what was
 * saved. The editor is keyed by entry id, so one saver serves one entry.
 */
export function useEntryAutosave(id: string, owner: Owner | null, existsAlready: boolean) {
  const { db } = useServices();
  const [state, setState] = useState<EntrySaveState>('idle');
  const saver = useRef<EntrySaver | null>(null);
  // The owner object is made afresh on every render; the saver reads the latest one.
  const ownerRef = useRef(owner);
  useEffect(() => {
    ownerRef.current = owner;
  }, [owner]);
  const hasOwner = owner !== null;

  useEffect(() => {
    const current = new EntrySaver({
      save: hasOwner
        ? async (content) => {
            const latest = ownerRef.current;
            if (!latest) throw new Error('the journal key is not available');
            await saveEntry(db, latest, id, content);
          }
        : null,
      existsAlready,
      onState: setState,
      delayMs: AUTOSAVE_DELAY_MS,
    });
    saver.current = current;
    const unguard = guardUnsavedText(current);
    return () => {
      unguard();
      void current.dispose();
    };
    // existsAlready only matters when the saver starts: after that it knows what it stored.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, id, hasOwner]);

  function update(content: EntryContent) {
    saver.current?.change(content);
  }

  function flush(): Promise<void> {
    return saver.current?.flush() ?? Promise.resolve();
  }

  return { state, update, flush };
}

export const ENTRY_SAVE_TEXT: Record<EntrySaveState, string> = {
  idle: '',
  saving: 'Saving…',
  saved: 'Saved and sealed on this device',
  error: 'Could not save on this device yet. Trying again — keep this window open',
  'too-long': 'This entry is longer than Kindred can keep. Please shorten it.',
  unreadable:
    'This entry was sealed with a key this device does not have, so it was not overwritten.',
};
