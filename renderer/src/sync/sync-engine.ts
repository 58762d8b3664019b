/**
 * Keeps the local database in step with the server: one replication per collection and one
 * event stream for all of them. Exposes a small status (online, syncing, last synced) that
 * the UI shows at all times.
 */
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { REPLICATED_COLLECTIONS, type ReplicatedCollection } from '../../../shared/collections';
import type { RowRefusal } from '../../../shared/protocol';
import type { ApiClient } from '../api/client';
import type { KindredDatabase } from '../db/database';
import { type EventStream, openEventStream } from './event-stream';
import { replicateCollection } from './replicate-collection';

export type Connection = 'connecting' | 'online' | 'offline';

export interface SyncStatus {
  connection: Connection;
  /** A pull or push is in flight. */
  syncing: boolean;
  lastSyncedAt: number | null;
  /** Rows the server refused, newest last, with the reason code. */
  refusals: Array<RowRefusal & { collection: string }>;
  /** The server no longer accepts our token. */
  signedOut: boolean;
}

export interface SyncEngineOptions {
  db: KindredDatabase;
  api: ApiClient;
  /** Part of every replication identifier: server and account. */
  scope: string;
}

type StreamItem = RxReplicationPullStreamItem<unknown, unknown>;

export class SyncEngine {
  private status: SyncStatus = {
    connection: 'connecting',
    syncing: false,
    lastSyncedAt: null,
    refusals: [],
    signedOut: false,
  };
  private readonly listeners = new Set<() => void>();
  private readonly streams = new Map<ReplicatedCollection, Subject<StreamItem>>();
  private readonly replications: RxReplicationState<unknown, unknown>[] = [];
  private eventStream: EventStream | null = null;
  private readonly cleanups: Array<() => void> = [];

  constructor(private readonly options: SyncEngineOptions) {}

  start(): void {
    const { db, api, scope } = this.options;
    // Replicate what both the server serves and this database holds (tests open subsets).
    for (const name of REPLICATED_COLLECTIONS.filter((n) => n in db.collections)) {
      const stream$ = new Subject<StreamItem>();
      this.streams.set(name, stream$);
      const replication = replicateCollection({
        api,
        collection: db.collections[name] as never,
        identifier: `kindred-${scope}-${name}`,
        stream$,
        onPulled: () => this.update({ lastSyncedAt: Date.now(), connection: 'online' }),
        onRefusals: (collection, refusals) =>
          this.update({
            refusals: [...this.status.refusals, ...refusals.map((r) => ({ ...r, collection }))],
          }),
      });
      const activeSub = replication.active$.subscribe(() => this.refreshSyncing());
      const errorSub = replication.error$.subscribe((error) => {
        // RxDB wraps handler errors as plain JSON; our ApiError's `code` survives that.
        const errors = (error.parameters as { errors?: Array<{ code?: string }> }).errors ?? [];
        if (errors.some((e) => e.code === 'unauthorized')) this.update({ signedOut: true });
        else if (errors.some((e) => e.code === 'network')) this.update({ connection: 'offline' });
      });
      this.cleanups.push(
        () => activeSub.unsubscribe(),
        () => errorSub.unsubscribe(),
      );
      this.replications.push(replication as RxReplicationState<unknown, unknown>);
    }

    this.eventStream = openEventStream({
      url: api.url('/sync/stream'),
      headers: () => api.authHeaders(),
      isFatal: (status) => status === 401,
      handlers: {
        onOpen: () => this.update({ connection: 'online' }),
        onDrop: (status) => {
          this.update(
            status === 401 ? { signedOut: true, connection: 'offline' } : { connection: 'offline' },
          );
          // Events missed while the stream was down arrive with the RESYNC of the next connection.
        },
        onEvent: (event, data) => this.onStreamEvent(event, data),
      },
    });

    const onOnline = () => this.syncNow();
    const onOffline = () => this.update({ connection: 'offline' });
    if (typeof window !== 'undefined') {
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      this.cleanups.push(() => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      });
    }
  }

  /** Pull everything now and reconnect the stream if it is down ("Sync now", wake from sleep). */
  syncNow(): void {
    this.eventStream?.reconnectNow();
    for (const replication of this.replications) replication.reSync();
  }

  /** Resolves when every collection has pushed and pulled what it had (tests, sign-out). */
  async awaitInSync(): Promise<void> {
    await Promise.all(this.replications.map((r) => r.awaitInSync()));
  }

  dismissRefusal(id: string): void {
    this.update({ refusals: this.status.refusals.filter((r) => r.id !== id) });
  }

  async stop(): Promise<void> {
    this.eventStream?.close();
    this.eventStream = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    await Promise.all(this.replications.splice(0).map((r) => r.cancel()));
    for (const stream of this.streams.values()) stream.complete();
    this.streams.clear();
  }

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private onStreamEvent(event: string, data: string): void {
    const stream = this.streams.get(event as ReplicatedCollection);
    if (!stream) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return; // A garbled event is ignored; the next RESYNC covers it.
    }
    if (parsed === 'RESYNC') stream.next('RESYNC');
    else if (isDocumentsEvent(parsed)) stream.next(parsed as StreamItem);
  }

  private refreshSyncing(): void {
    // active$ is per replication; the app is syncing while any of them is busy.
    const syncing = this.replications.some((r) => r.subjects.active.getValue());
    if (syncing !== this.status.syncing) this.update({ syncing });
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function isDocumentsEvent(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { documents?: unknown }).documents) &&
    'checkpoint' in value
  );
}
