import { useMemo } from 'react';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { plural, timeAgo } from './format';
import { useLiveDocs, useSyncStatus } from './hooks';
import {
  type RefusedItem,
  firstSyncText,
  groupRefusals,
  outdatedText,
  troubleText,
} from './sync-status-text';
import { formatBytes, useStorageHealth } from './useStorageHealth';

/** Collections whose refusals are shown where they were made (report button, members page). */
const SHOWN_ELSEWHERE = new Set(['reports', 'moderation', 'threads', 'posts']);

/**
 * Always visible: are we online, how much is waiting to send, when did we last hear from the
 * server, how far a long first sync has come, and what went wrong, in words.
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
  // Threads and replies through the outbox, which knows their community and their draft.
  const refused: RefusedItem[] = [
    ...refusedItems
      .filter((item) => fresh.has(item.id))
      .map((item) => ({
        id: item.id,
        kind: item.kind,
        code: item.refusal,
        communityName: names.get(item.communityId),
        inDrafts: Boolean(item.draftId),
      })),
    ...status.refusals
      .filter((r) => !SHOWN_ELSEWHERE.has(r.collection))
      .map((r) => ({ id: r.id, kind: r.collection, code: r.error })),
  ];
  // Offline says it all; the server's trouble matters while it can be reached.
  const trouble = status.connection === 'online' ? status.trouble : null;

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
          {/* No value: the server does not say how much is left, so no bar pretends to know. */}
          <progress aria-label="First sync" />
          <span data-testid="first-sync">{firstSyncText(status.receivedBy)}</span>
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
      {trouble && (
        <span className="error" data-testid="server-trouble">
          {troubleText(trouble)}
        </span>
      )}
      {status.outdated.length > 0 && (
        <span className="error" role="alert" data-testid="outdated">
          {outdatedText(status.outdated)}
        </span>
      )}
      {groupRefusals(refused).map((group) => (
        <span key={group.ids[0]} className="error" role="alert" data-testid="refusal">
          {group.text}{' '}
          {group.inDrafts && <a href={hrefFor({ name: 'drafts' })}>Your text is in Drafts.</a>}{' '}
          <button
            type="button"
            onClick={() => {
              for (const id of group.ids) sync.dismissRefusal(id);
            }}
          >
            Dismiss
          </button>
        </span>
      ))}
    </div>
  );
}
