import { useServices } from '../app/services';
import { timeAgo } from './format';
import { useSyncStatus } from './hooks';

const REFUSAL_TEXT: Record<string, string> = {
  'not-author': 'You can only change what you wrote yourself.',
  'not-member': 'You are not (or no longer) a member of this community.',
  'community-locked': 'This community is locked by its moderators.',
  'read-only-collection': 'This cannot be changed from the app.',
  'future-timestamp': "Your computer's clock is ahead; please check the date and time.",
  'unknown-community': 'This community no longer exists.',
};

/** Always visible: are we online, is something syncing, when did we last hear from the server. */
export function SyncStatusBar() {
  const { sync } = useServices();
  const status = useSyncStatus();
  const label =
    status.connection === 'online'
      ? status.syncing
        ? 'Syncing…'
        : 'Online'
      : status.connection === 'connecting'
        ? 'Connecting…'
        : 'Offline — your writing is saved on this device';
  return (
    <div className="sync-status" role="status" aria-live="polite">
      <span className={`dot ${status.connection}`} aria-hidden="true" />
      <span data-testid="connection">{label}</span>
      {status.lastSyncedAt !== null && (
        <span className="muted">Last synced {timeAgo(status.lastSyncedAt)}</span>
      )}
      <button type="button" onClick={() => sync.syncNow()}>
        Sync now
      </button>
      {status.signedOut && (
        <span className="error">Your session has ended. Please sign out and sign in again.</span>
      )}
      {status.refusals.map((refusal) => (
        <span key={refusal.id} className="error" role="alert">
          Not sent: {REFUSAL_TEXT[refusal.error] ?? 'The server refused this.'}{' '}
          <button type="button" onClick={() => sync.dismissRefusal(refusal.id)}>
            Dismiss
          </button>
        </span>
      ))}
    </div>
  );
}
