/**
 * Everything a signed-in screen needs: the account, the API client, the local database and the
 * sync engine. Created once per sign-in, closed on sign-out.
 */
import { createContext, useContext } from 'react';
import { ApiClient } from '../api/client';
import { type KindredDatabase, databaseNameFor, openDatabase } from '../db/database';
import { SyncEngine } from '../sync/sync-engine';
import type { Session } from './session';

export interface Services {
  session: Session;
  api: ApiClient;
  db: KindredDatabase;
  sync: SyncEngine;
}

export async function startServices(session: Session): Promise<Services> {
  const api = new ApiClient(session.serverUrl, session.token);
  const name = databaseNameFor(session.serverUrl, session.userId);
  const db = await openDatabase({ name, devMode: import.meta.env.DEV });
  const sync = new SyncEngine({ db, api, scope: name });
  sync.start();
  return { session, api, db, sync };
}

export async function stopServices(services: Services): Promise<void> {
  await services.sync.stop();
  await services.db.close();
}

export const ServicesContext = createContext<Services | null>(null);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside a signed-in screen');
  return services;
}
