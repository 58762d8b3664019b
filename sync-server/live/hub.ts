/**
 * The live hub: after a commit, tells open streams which collections changed for them.
 *
 * This in-process hub serves one server instance. With several instances on one PostgreSQL,
 * an implementation of the same interface would NOTIFY on publish and dispatch what it hears
 * on LISTEN to its local listeners, with the same routing rule (`collectionsFor`).
 */
import {
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
  isReplicatedCollection,
} from '../../shared/collections';
import type { Placement, StoredCollection } from '../store/types';

export interface ChangeNotice extends Placement {
  collection: StoredCollection;
}

export interface LiveListener {
  userId: string;
  /** the channels the listener sees now; its stream refreshes them when visibility changes */
  channels: Set<string>;
  /**
   * Called at most once per publish. `visibilityChanged` means the user's own membership
   * changed: their channel set must be reloaded and every collection pulled again.
   */
  notify(collections: ReadonlySet<ReplicatedCollection>, visibilityChanged: boolean): void;
}

export interface LiveHub {
  /** one call per commit, with every row it wrote */
  publish(changes: ChangeNotice[]): void;
  /** returns the unsubscribe function */
  subscribe(listener: LiveListener): () => void;
  close(): Promise<void>;
}

const ALL = new Set<ReplicatedCollection>(REPLICATED_COLLECTIONS);

/** The routing rule: what a commit means for one listener. */
export function collectionsFor(listener: LiveListener, changes: ChangeNotice[]) {
  const collections = new Set<ReplicatedCollection>();
  let visibilityChanged = false;
  for (const change of changes) {
    if (change.collection === 'memberships' && change.ownerId === listener.userId) {
      visibilityChanged = true;
    }
    if (!isReplicatedCollection(change.collection)) continue;
    if (listener.channels.has(change.channel) || change.ownerId === listener.userId) {
      collections.add(change.collection);
    }
  }
  return visibilityChanged
    ? { collections: ALL, visibilityChanged }
    : { collections, visibilityChanged };
}

export function createLocalHub(): LiveHub {
  const listeners = new Set<LiveListener>();
  return {
    publish(changes) {
      if (changes.length === 0) return;
      // A linear scan is fine for one instance's streams; index by channel when it is not.
      for (const listener of listeners) {
        const { collections, visibilityChanged } = collectionsFor(listener, changes);
        if (collections.size > 0) listener.notify(collections, visibilityChanged);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
