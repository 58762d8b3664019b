import { useCallback, useEffect, useRef, useState } from 'react';
import { useServices } from '../app/services';
import {
  type DraftContent,
  type DraftPlace,
  isEmptyDraft,
  loadDraft,
  saveDraft,
} from '../data/drafts';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error' | 'unavailable';

/** Autosave waits this long after the last keystroke, so typing is never slowed down. */
export const AUTOSAVE_DELAY_MS = 300;

/**
 * A composer's text, saved (sealed) to the local database at most ~300 ms after every change,
 * and loaded back when the composer opens again — after a reload, a crash or a quit.
 *
 * Composers are keyed by their draft id, so one hook instance serves one draft.
 */
export function useAutosavedDraft(place: DraftPlace) {
  const { db, session, sealingKey } = useServices();
  const [content, setContent] = useState<DraftContent>({ title: '', body: '' });
  const [loaded, setLoaded] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>(sealingKey ? 'idle' : 'unavailable');
  const pending = useRef<DraftContent | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const placeKey = JSON.stringify(place);

  // Load the draft for this place.
  useEffect(() => {
    let cancelled = false;
    const load = sealingKey ? loadDraft(db, sealingKey, place.id) : Promise.resolve(null);
    void load.then((found) => {
      if (cancelled) return;
      if (found) {
        setContent(found);
        setSaveState('saved');
      }
      setLoaded(true);
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- placeKey stands for `place`
  }, [db, sealingKey, placeKey]);

  const flushNow = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const toSave = pending.current;
    pending.current = null;
    if (!toSave || !sealingKey) return;
    setSaveState('saving');
    try {
      if (isEmptyDraft(toSave)) {
        // An emptied composer leaves no empty draft behind, but keeps a saved one in sync.
        const existing = await db.drafts.findOne(place.id).exec();
        if (existing) await saveDraft(db, { userId: session.userId, sealingKey }, place, toSave);
      } else {
        await saveDraft(db, { userId: session.userId, sealingKey }, place, toSave);
      }
      setSaveState(pending.current ? 'saving' : 'saved');
    } catch {
      setSaveState('error');
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- placeKey stands for `place`
  }, [db, sealingKey, session.userId, placeKey]);
  const flush = useRef(flushNow);
  useEffect(() => {
    flush.current = flushNow;
  }, [flushNow]);

  // Leaving the page (closing the window, reloading) saves what is pending right away.
  useEffect(() => {
    const onHide = () => void flush.current();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
      void flush.current();
    };
  }, [placeKey]);

  function update(next: DraftContent) {
    setContent(next);
    if (!sealingKey) return;
    pending.current = next;
    setSaveState('saving');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush.current(), AUTOSAVE_DELAY_MS);
  }

  /** Forget pending changes (the text was published or discarded). */
  function cancelPending() {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
  }

  return { content, update, loaded, saveState, cancelPending };
}
