import { useEffect, useRef, useState } from 'react';
import { useServices } from '../app/services';
import {
  type DraftContent,
  type DraftPlace,
  isEmptyDraft,
  loadDraft,
  saveDraft,
} from '../data/drafts';
import { DraftSaver, type SaveState } from './draft-saver';
import { guardUnsavedText } from './leave-guard';

export type { SaveState } from './draft-saver';

/** Autosave waits this long after the last keystroke, so typing is never slowed down. */
export const AUTOSAVE_DELAY_MS = 300;

/**
 * A composer's text, saved (sealed) to the local database at most ~300 ms after every change,
 * and loaded back when the composer opens again — after a reload, a crash or a quit. When and
 * how often it writes is DraftSaver's business (draft-saver.ts); this wires it to the composer,
 * to the page being hidden or closed, and to the user leaving while text is unsaved.
 *
 * Composers are keyed by their draft id, so one hook instance serves one draft.
 */
export function useAutosavedDraft(place: DraftPlace) {
  const { db, session, sealingKey } = useServices();
  const [content, setContent] = useState<DraftContent>({ title: '', body: '' });
  const [loaded, setLoaded] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>(sealingKey ? 'idle' : 'unavailable');
  const saver = useRef<DraftSaver<DraftContent> | null>(null);
  const placeKey = JSON.stringify(place);

  useEffect(() => {
    const owner = { userId: session.userId, sealingKey };
    const current = new DraftSaver<DraftContent>({
      write: sealingKey
        ? async (toSave) => {
            if (isEmptyDraft(toSave)) {
              // An emptied composer leaves no empty draft behind, but keeps a saved one in sync.
              const existing = await db.drafts.findOne(place.id).exec();
              if (existing) await saveDraft(db, { ...owner, sealingKey }, place, toSave);
            } else {
              await saveDraft(db, { ...owner, sealingKey }, place, toSave);
            }
          }
        : null,
      isEmpty: isEmptyDraft,
      onState: setSaveState,
      delayMs: AUTOSAVE_DELAY_MS,
    });
    saver.current = current;

    // Load the draft for this place.
    let cancelled = false;
    const load = sealingKey ? loadDraft(db, sealingKey, place.id) : Promise.resolve(null);
    void load.then((found) => {
      if (cancelled) return;
      if (found) {
        setContent(found);
        current.loadedSaved();
      }
      setLoaded(true);
    });

    // Leaving the page saves what is pending; leaving while text would be lost asks first.
    const unguard = guardUnsavedText(current);
    return () => {
      cancelled = true;
      unguard();
      void current.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- placeKey stands for `place`
  }, [db, sealingKey, session.userId, placeKey]);

  function update(next: DraftContent) {
    setContent(next);
    saver.current?.change(next);
  }

  /**
   * Forget pending changes (the text was published or discarded). Await it before deleting the
   * draft: a write already under way finishes first and cannot bring the draft back.
   */
  function cancelPending(): Promise<void> {
    return saver.current?.cancel() ?? Promise.resolve();
  }

  // The key can arrive (a recovery key entered) or go while a composer is open.
  const shownState: SaveState = !sealingKey
    ? 'unavailable'
    : saveState === 'unavailable'
      ? 'idle'
      : saveState;
  return { content, update, loaded, saveState: shownState, cancelPending };
}
