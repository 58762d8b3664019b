/**
 * Wires a saver (draft-saver.ts, journal/entry-saver.ts) to the page: text is written the moment
 * the page is hidden or closed, and the user is asked before leaving while text would be lost.
 */
/** Asked before leaving while typed text is not stored on the device. */
export const LEAVE_UNSAVED_QUESTION =
  'Your text is not saved on this device yet. If you leave now it will be lost. Leave anyway?';

export interface GuardedSaver {
  /** typed text not on the device yet */
  readonly hasUnsaved: boolean;
  /** unsaved text no write is about to store */
  readonly atRisk: boolean;
  flush(): Promise<void>;
}

/** Returns the function that takes the guard down again. */
export function guardUnsavedText(saver: GuardedSaver): () => void {
  const onHide = () => void saver.flush();
  // Closing the window or reloading: asks while there is text the write may not store in time.
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    if (!saver.hasUnsaved) return;
    void saver.flush();
    event.preventDefault();
    event.returnValue = ''; // what older Chromium (and Electron's) looks for
  };
  // Leaving inside the app: the editor's own unmount writes what is pending, so this asks only
  // when that cannot work. Hash routes cannot be cancelled: this runs before the router
  // (capture) and puts the old address back. No oldURL: the app's own replace-navigation.
  const onHashChange = (event: HashChangeEvent) => {
    if (!saver.atRisk || !event.oldURL) return;
    if (window.confirm(LEAVE_UNSAVED_QUESTION)) return;
    event.stopImmediatePropagation();
    window.history.replaceState(null, '', event.oldURL);
  };
  window.addEventListener('pagehide', onHide);
  document.addEventListener('visibilitychange', onHide);
  window.addEventListener('beforeunload', onBeforeUnload);
  window.addEventListener('hashchange', onHashChange, { capture: true });
  return () => {
    window.removeEventListener('pagehide', onHide);
    document.removeEventListener('visibilitychange', onHide);
    window.removeEventListener('beforeunload', onBeforeUnload);
    window.removeEventListener('hashchange', onHashChange, { capture: true });
  };
}
