import { useMemo } from 'react';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { plural, timeAgo } from './format';
import { useLiveDocs, useSyncStatus } from './hooks';
import { refusalText } from './refusal-text';
import { formatBytes, useStorageHealth } from './useStorageHealth';

/**
 * Always visible: are we online, how much is waiting to send, when did we last hear from the
 * server, how far a long first sync has come, and what the server refused, in words.
 */
export function SyncStatusBar() {
  const { sync } = useServices();
  const status = useSyncStatus();
  const storage = useStorageHealth();
  const { docs: waiting } = useLiveDocs('outbox', {
    selector: { state: { $in: ['queued', 'sending'] } },
  });
  const { docs: refusedItems } = useLiveDocs('outbox', { selector: { state: 'refused' } });
  const { docs: communities } = useLiveDocs('communities', {});
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);

  const label =
    status.connection === 'online'
      ? status.syncing
        ? 'Syncing…'
        : 'Online'
      : status.connection === 'connecting'
        ? 'Connecting…'
        : 'Offline — what you write is saved on this device';

  const fresh = new Set(status.refusals.map((r) => r.id));
  const refusedNow = refusedItems.filter((item) => fresh.has(item.id));

  return (
    <div className="sync-status" role="status" aria-live="polite">
      <span className={`dot ${status.connection}`} aria-hidden="true" />
      <span data-testid="connection">{label}</span>
      {waiting.length > 0 && (
        <a href={hrefFor({ name: 'outbox' })} data-testid="waiting">
          {plural(waiting.length, 'item', 'items')} waiting to send
        </a>
      )}
      {status.firstSync && status.connection === 'online' && (
        <span className="progress">
          <progress aria-label="First sync" />
          Downloading your communities… {status.received.toLocaleString()} items
        </span>
      )}
      {status.lastSyncedAt !== null && (
        <span className="muted">Last synced {timeAgo(status.lastSyncedAt)}</span>
      )}
      <button type="button" onClick={() => sync.syncNow()}>
        Sync now
      </button>
      {storage.usageBytes !== null && (
        <span className={storage.nearlyFull ? 'error' : 'muted'}>
          {storage.nearlyFull
            ? `Storage nearly full (${formatBytes(storage.usageBytes)} used): free some disk space so nothing fails to save.`
            : `${formatBytes(storage.usageBytes)} on this device`}
        </span>
      )}
      {status.signedOut && (
        <span className="error">Your session has ended. Please sign out and sign in again.</span>
      )}
      {refusedNow.map((item) => (
        <span key={item.id} className="error" role="alert">
          {refusalText(item.refusal, names.get(item.communityId))} ({item.kind} “
          {item.preview.slice(0, 40)}”){' '}
          {item.draftId && <a href={hrefFor({ name: 'drafts' })}>Your text is in Drafts.</a>}{' '}
          <button type="button" onClick={() => sync.dismissRefusal(item.id)}>
            Dismiss
          </button>
        </span>
      ))}
    </div>
  );
}
