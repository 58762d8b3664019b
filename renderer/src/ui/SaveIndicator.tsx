import type { SaveState } from './useAutosave';

const TEXT: Record<SaveState, string> = {
  idle: '',
  saving: 'Saving…',
  saved: 'Saved on this device',
  error: 'Could not save on this device — keep this window open and try again',
  unavailable: 'Drafts cannot be saved on this device (no secure key storage)',
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
