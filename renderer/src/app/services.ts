/**
 * Everything a signed-in screen needs: the account, the API client, the local database, the
 * sealing key and the sync engine. Created once per sign-in, closed on sign-out.
 */
import { createContext, useContext } from 'react';
import { ApiClient } from '../api/client';
import { loadSealingKey } from '../crypto/key-store';
import { loadKeyring } from '../crypto/keyring';
import type { SealingKey } from '../crypto/seal';
import { OutboxTracker } from '../data/outbox';
import { watchDeclined } from '../moderation/declined-to-draft';
import { ThreadActivityIndexer } from '../data/thread-activity';
import { type KindredDatabase, databaseNameFor, openDatabase } from '../db/database';
import { getBridge, isDesktop } from '../platform/bridge';
import { SearchIndexer } from '../search/indexer';
import { SyncEngine } from '../sync/sync-engine';
import type { Session } from './session';

export interface Services {
  session: Session;
  api: ApiClient;
  db: KindredDatabase;
  sync: SyncEngine;
  search: SearchIndexer;
  /** null when this device cannot keep a key (then drafts cannot be saved, and we say so) */
  sealingKey: SealingKey | null;
  sealingKeyProblem: string | null;
  /** Reads the account's current sealing key again (after a recovery key was entered). */
  withReloadedKey(): Promise<Services>;
  stop(): Promise<void>;
}

export async function startServices(session: Session): Promise<Services> {
  const api = new ApiClient(session.serverUrl, session.token);
  const name = databaseNameFor(session.serverUrl, session.userId);
  let sealingKey: SealingKey | null = null;
  let sealingKeyProblem: string | null = null;
  try {
    sealingKey = await loadSealingKey(name, isDesktop() ? getBridge() : undefined);
  } catch (error) {
    sealingKeyProblem = error instanceof Error ? error.message : String(error);
  }
  const db = await openDatabase({ name, devMode: import.meta.env.DEV });
  const outbox = new OutboxTracker(db, { userId: session.userId, sealingKey });
  const sync = new SyncEngine({ db, api, scope: name, outbox });
  const activity = new ThreadActivityIndexer(db);
  activity.start();
  let currentKey = sealingKey;
  const declined = watchDeclined(db, session.userId, () => currentKey);
  // The journal joins the search index in memory only, once this device's keys can open it.
  const search = new SearchIndexer({
    db,
    accountDatabase: name,
    userId: session.userId,
    keyring: async () =>
      currentKey ? loadKeyring(name, isDesktop() ? getBridge() : undefined) : null,
  });
  search.start();
  sync.start();
  // Waking from sleep, the network coming back, "Sync now" in the menu: sync at once.
  const unsubscribeShell = getBridge().onShellEvent((event) => {
    if (event === 'resume' || event === 'online' || event === 'sync-now') sync.syncNow();
  });
  const services: Services = {
    session,
    api,
    db,
    sync,
    search,
    sealingKey,
    sealingKeyProblem,
    async withReloadedKey() {
      const key = await loadSealingKey(name, isDesktop() ? getBridge() : undefined);
      outbox.setSealingKey(key);
      currentKey = key;
      // Entries synced from the user's other devices may open now, and no journal write will
      // follow to tell the search index: it is rebuilt with the new keys here.
      search.keysChanged();
      return { ...this, sealingKey: key, sealingKeyProblem: null };
    },
    async stop() {
      unsubscribeShell();
      await sync.stop();
      await activity.stop();
      await search.stop();
      declined.unsubscribe();
      await db.close();
    },
  };
  return services;
}

export async function stopServices(services: Services): Promise<void> {
  await services.stop();
}

export const ServicesContext = createContext<Services | null>(null);

/** Re-reads the sealing key everywhere (drafts, outbox, journal) after a recovery key. */
export const ReloadSealingKeyContext = createContext<() => Promise<void>>(async () => undefined);

export function useReloadSealingKey(): () => Promise<void> {
  return useContext(ReloadSealingKeyContext);
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside a signed-in screen');
  return services;
}
