/**
 * The live hub: after a commit, tells open streams which collections changed for them.
 *
 * This in-process hub serves one server instance. With several instances on one PostgreSQL,
 * shared-hub.ts wraps it: it also sends each commit's notices to the other instances and
 * dispatches what it hears from them here, with the same routing rule (`collectionsFor`).
 */
import { type CollectionName, SERVED_COLLECTIONS } from '../../shared/collections';
import type { Placement, StoredCollection } from '../store/types';

export interface ChangeNotice extends Placement {
  collection: StoredCollection;
}

export interface LiveListener {
  userId: string;
  /** the channels the listener sees now; its stream refreshes them when visibility changes */
  channels: Set<string>;
  /**
   * Called at most once per publish. `visibilityChanged` means what the user may see changed
   * (their own membership, or their own profile's followed therapies): their channel set must
   * be reloaded and every collection pulled again.
   */
  notify(collections: ReadonlySet<CollectionName>, visibilityChanged: boolean): void;
}

export interface LiveHub {
  /** one call per commit, with every row it wrote */
  publish(changes: ChangeNotice[]): void;
  /** returns the unsubscribe function */
  subscribe(listener: LiveListener): () => void;
  close(): Promise<void>;
}

const ALL = new Set<CollectionName>(SERVED_COLLECTIONS);
/** Own documents that decide what their owner sees. */
const VISIBILITY_SOURCES = new Set<StoredCollection>(['memberships', 'profiles']);

/** The routing rule: what a commit means for one listener. */
export function collectionsFor(listener: LiveListener, changes: ChangeNotice[]) {
  const collections = new Set<CollectionName>();
  let visibilityChanged = false;
  for (const change of changes) {
    const own = change.ownerId === listener.userId;
    if (own && VISIBILITY_SOURCES.has(change.collection)) visibilityChanged = true;
    if (own || change.channels.some((c) => listener.channels.has(c))) {
      collections.add(change.collection);
    }
  }
  return visibilityChanged
    ? { collections: ALL, visibilityChanged }
    : { collections, visibilityChanged };
}

export interface LocalHub extends LiveHub {
  /** every listener reloads its channels and pulls everything (notices may have been missed) */
  resyncAll(): void;
}

export function createLocalHub(): LocalHub {
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
    resyncAll() {
      for (const listener of listeners) listener.notify(ALL, true);
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
