import type { SaveState } from './useAutosave';

const TEXT: Record<SaveState, string> = {
  idle: '',
  saving: 'Saving…',
  saved: 'Saved on this device',
  // Kindred keeps the text and tries again by itself (draft-saver.ts); leaving asks first.
  error: 'Not saved yet — this device could not store it (is the disk full?). Trying again…',
  unavailable:
    'Not saved — drafts cannot be kept on this device (no secure key storage). Post your text or copy it before you leave.',
};

export function SaveIndicator({ state }: { state: SaveState }) {
  return (
    <span
      className={`save-indicator ${state === 'error' || state === 'unavailable' ? 'error' : 'muted'}`}
      role="status"
      aria-live="polite"
      data-testid="save-state"
    >
      {TEXT[state]}
    </span>
  );
}
