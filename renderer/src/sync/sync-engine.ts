/**
 * Keeps the local database in step with the server: one replication per collection and one
 * event stream for all of them. Knows whether the server is reachable (pausing replication
 * while it is not, resuming at once when it is back), backs off with jitter on errors, and
 * exposes a small status that the UI shows at all times.
 */
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { REPLICATED_COLLECTIONS, type ReplicatedCollection } from '../../../shared/collections';
import type { RowRefusal } from '../../../shared/protocol';
import type { ApiClient } from '../api/client';
import type { OutboxTracker } from '../data/outbox';
import type { KindredDatabase } from '../db/database';
import { recoverRefusedReports } from '../data/reports';
import { ReachabilityProbe, backoffDelay, isReachable } from './connectivity';
import { type EventStream, openEventStream } from './event-stream';
import { classifyFailure } from './failure';
import { ConnectionGate } from './gate';
import { replicateCollection } from './replicate-collection';
import { type SyncMemory, loadSyncMemory, saveSyncMemory } from './sync-memory';

export type Connection = 'connecting' | 'online' | 'offline';

/** The server answers, but not with what was asked: Kindred tries again after `retryInMs`. */
export interface ServerTrouble {
  kind: 'server-error' | 'rate-limited';
  retryInMs: number;
  retryAt: number;
}

export interface SyncStatus {
  connection: Connection;
  /** A pull or push is in flight. */
  syncing: boolean;
  lastSyncedAt: number | null;
  /**
   * The baseline of "Since your last sync": the last sync before this session, until the user
   * looks at that view; from then on, what the device had received when they last looked
   * (see markSinceLastSyncSeen).
   */
  previousSyncAt: number | null;
  /** The first sync of this device has not finished yet. */
  firstSync: boolean;
  /** Documents received since this session started (progress of a long sync). */
  received: number;
  /** The same, per collection ("1,200 threads, 8,400 replies so far"). */
  receivedBy: Partial<Record<ReplicatedCollection, number>>;
  /** The server is failing or asked to slow down (the latest such answer), until it answers again. */
  trouble: ServerTrouble | null;
  /** Collections whose documents this version cannot store any more: an update is needed. */
  outdated: ReplicatedCollection[];
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
  outbox?: OutboxTracker;
  /** Where the engine remembers the last sync time (default: localStorage when present). */
  memory?: { load(scope: string): SyncMemory; save(scope: string, memory: SyncMemory): void };
}

type StreamItem = RxReplicationPullStreamItem<unknown, unknown>;
type AnyReplication = RxReplicationState<unknown, unknown>;

const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 60_000;
/** How often the outbox is checked for posts that should have gone out by now. */
const OUTBOX_WATCH_MS = 5_000;
const OUTBOX_STALE_MS = 10_000;
/**
 * A post is "sending" only while its push is in flight, and every push has a timeout
 * (api/client.ts: 60 s and more for a big body). Still sending after twice that, its push was
 * abandoned; re-sending one that is merely slow costs a redundant revision, never a duplicate.
 */
const OUTBOX_SENDING_STALE_MS = 120_000;
/** However long the server asks us to wait, check again after this at the latest. */
const RETRY_AFTER_MAX_MS = 10 * 60_000;
/** At most one pull per collection this often because of stream events (see resyncSoon). */
const RESYNC_SPACING_MS = 500;

export class SyncEngine {
  private status: SyncStatus;
  private readonly listeners = new Set<() => void>();
  private readonly streams = new Map<ReplicatedCollection, Subject<StreamItem>>();
  private readonly replications: AnyReplication[] = [];
  private eventStream: EventStream | null = null;
  private readonly cleanups: Array<() => void> = [];
  private readonly probe: ReachabilityProbe;
  private readonly memory: NonNullable<SyncEngineOptions['memory']>;
  private consecutiveErrors = 0;
  /** Per collection, so that one collection's success does not hide another's failure. */
  private readonly troubles = new Map<ReplicatedCollection, ServerTrouble>();
  private readonly lastResync = new Map<ReplicatedCollection, number>();
  private readonly pendingResync = new Map<ReplicatedCollection, ReturnType<typeof setTimeout>>();
  /** While the server cannot be reached, every replication request waits here. */
  private gate = new ConnectionGate();

  constructor(private readonly options: SyncEngineOptions) {
    this.memory = options.memory ?? { load: loadSyncMemory, save: saveSyncMemory };
    const remembered = this.memory.load(options.scope);
    this.status = {
      connection: 'connecting',
      syncing: false,
      lastSyncedAt: remembered.lastSyncedAt,
      previousSyncAt: remembered.lastSyncedAt,
      firstSync: !remembered.firstSyncDone,
      received: 0,
      receivedBy: {},
      trouble: null,
      outdated: [],
      refusals: [],
      signedOut: false,
    };
    this.probe = new ReachabilityProbe({
      healthUrl: options.api.url('/health'),
      onReachable: () => this.becameReachable(),
    });
  }

  start(): void {
    const { db, api, scope } = this.options;
    // A new gate for each start: stop() released the last one's waiters for good.
    this.gate = new ConnectionGate();
    // Replicate what both the server serves and this database holds (tests open subsets).
    for (const name of REPLICATED_COLLECTIONS.filter((n) => n in db.collections)) {
      const stream$ = new Subject<StreamItem>();
      this.streams.set(name, stream$);
      const replication = replicateCollection({
        api,
        collection: db.collections[name] as never,
        identifier: `kindred-${scope}-${name}`,
        stream$,
        outbox: this.options.outbox,
        gate: this.gate,
        onPulled: (count) => this.pulled(name, count),
        onPushed: () => this.answered(name),
        onRefusals: (collection, refusals) =>
          this.update({
            refusals: [...this.status.refusals, ...refusals.map((r) => ({ ...r, collection }))],
          }),
        ...(name === 'reports' && {
          recover: (refusals) =>
            recoverRefusedReports(db, refusals, { refreshTargets: () => this.pullTargets() }),
        }),
      }) as AnyReplication;
      const activeSub = replication.active$.subscribe(() => this.refreshSyncing());
      const errorSub = replication.error$.subscribe((error) =>
        this.replicationFailed(name, replication, error),
      );
      this.cleanups.push(
        () => activeSub.unsubscribe(),
        () => errorSub.unsubscribe(),
      );
      this.replications.push(replication);
    }
    void Promise.all(this.replications.map((r) => r.awaitInitialReplication())).then(
      () => this.firstSyncDone(),
      () => undefined, // cancelled before it finished: next start tries again
    );

    this.eventStream = openEventStream({
      url: api.url('/sync/stream'),
      headers: () => api.authHeaders(),
      isFatal: (status) => status === 401,
      handlers: {
        onOpen: () => this.becameReachable(),
        onDrop: (status) => {
          if (status === 401) this.update({ signedOut: true });
          // Events missed while the stream is down arrive with the next connection's RESYNC.
          else this.checkReachability();
        },
        onEvent: (event, data) => this.onStreamEvent(event, data),
      },
    });

    // While the server answers, anything still waiting after a while is pushed again.
    const watchdog = setInterval(() => {
      if (this.status.connection === 'online' && this.gate.isOpen) {
        void this.options.outbox
          ?.nudgeStale({ queuedMs: OUTBOX_STALE_MS, sendingMs: OUTBOX_SENDING_STALE_MS })
          .catch(() => undefined);
      }
    }, OUTBOX_WATCH_MS);
    this.cleanups.push(() => clearInterval(watchdog));

    if (typeof window !== 'undefined') {
      const onOnline = () => this.syncNow();
      const onOffline = () => this.becameUnreachable();
      window.addEventListener('online', onOnline);
      window.addEventListener('offline', onOffline);
      this.cleanups.push(() => {
        window.removeEventListener('online', onOnline);
        window.removeEventListener('offline', onOffline);
      });
    }
  }

  /** "Sync now", the network coming back, the desktop waking up: try everything at once. */
  syncNow(): void {
    this.eventStream?.reconnectNow();
    if (!this.gate.isOpen) {
      this.probe.probeNow();
      this.checkReachability();
      return;
    }
    for (const replication of this.replications) replication.reSync();
  }

  /** Resolves when every collection has pushed and pulled what it had (tests, sign-out). */
  async awaitInSync(): Promise<void> {
    await Promise.all(this.replications.map((r) => r.awaitInSync()));
  }

  /**
   * The user looked at "Since your last sync": next time it counts from the last sync before
   * now, i.e. from what this device had received while they were looking. That is what a user
   * expects after hours offline with the app open: the view shows what arrived since they last
   * looked, not what they already read this morning. It is the last *sync*, not the clock: a
   * look while offline must not hide what others wrote meanwhile, which arrives only later.
   */
  markSinceLastSyncSeen(): void {
    const seenUpTo = this.status.lastSyncedAt;
    if (seenUpTo === null || seenUpTo <= (this.status.previousSyncAt ?? 0)) return;
    this.update({ previousSyncAt: seenUpTo });
  }

  dismissRefusal(id: string): void {
    this.update({ refusals: this.status.refusals.filter((r) => r.id !== id) });
  }

  async stop(): Promise<void> {
    this.probe.stop();
    this.gate.destroy(); // requests waiting for the network give up, so cancel() can finish
    this.eventStream?.close();
    this.eventStream = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const timer of this.pendingResync.values()) clearTimeout(timer);
    this.pendingResync.clear();
    await Promise.all(this.replications.splice(0).map((r) => r.cancel()));
    for (const stream of this.streams.values()) stream.complete();
    this.streams.clear();
  }

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Pull threads and replies now, as a stream event would. */
  private pullTargets(): void {
    this.streams.get('threads')?.next('RESYNC');
    this.streams.get('posts')?.next('RESYNC');
  }

  private checkReachability(): void {
    void isReachable(this.options.api.url('/health')).then((ok) =>
      ok ? this.becameReachable() : this.becameUnreachable(),
    );
  }

  private becameReachable(): void {
    this.probe.stop();
    this.update({ connection: 'online' });
    if (this.gate.isOpen) return;
    this.consecutiveErrors = 0;
    for (const replication of this.replications) replication.retryTime = RETRY_MIN_MS;
    this.gate.open();
    this.refreshSyncing();
    for (const replication of this.replications) replication.reSync();
  }

  private becameUnreachable(): void {
    this.update({ connection: 'offline' });
    this.probe.start();
    if (!this.gate.isOpen) return;
    // Requests now wait at the gate (not RxDB's pause(), see gate.ts) until the probe or the
    // stream finds the server again.
    this.gate.close();
    this.refreshSyncing();
  }

  private replicationFailed(
    collection: ReplicatedCollection,
    replication: AnyReplication,
    error: unknown,
  ): void {
    const failure = classifyFailure(error);
    switch (failure.kind) {
      case 'signed-out':
        this.update({ signedOut: true });
        return;
      case 'waiting':
        return;
      case 'network':
        this.checkReachability();
        return;
      case 'outdated-app':
        if (!this.status.outdated.includes(collection))
          this.update({ outdated: [...this.status.outdated, collection] });
        break;
      default:
        break;
    }
    // The server failed: retry later, further apart each time, never in lockstep with other
    // clients, and no sooner than the server asked.
    this.consecutiveErrors += 1;
    const backoff = backoffDelay(this.consecutiveErrors, RETRY_MIN_MS, RETRY_MAX_MS);
    const asked = 'retryAfterMs' in failure ? (failure.retryAfterMs ?? 0) : 0;
    replication.retryTime = Math.max(backoff, Math.min(asked, RETRY_AFTER_MAX_MS));
    if (failure.kind === 'rate-limited' || failure.kind === 'server-error') {
      this.troubles.set(collection, {
        kind: failure.kind,
        retryInMs: replication.retryTime,
        retryAt: Date.now() + replication.retryTime,
      });
      this.update({ trouble: latestTrouble(this.troubles) });
    }
  }

  /** The server answered a request of this collection: whatever troubled it is over. */
  private answered(collection: ReplicatedCollection): void {
    if (this.consecutiveErrors > 0) {
      this.consecutiveErrors = 0;
      for (const replication of this.replications) replication.retryTime = RETRY_MIN_MS;
    }
    if (this.troubles.delete(collection)) this.update({ trouble: latestTrouble(this.troubles) });
  }

  private pulled(collection: ReplicatedCollection, count: number): void {
    const now = Date.now();
    this.answered(collection);
    this.memory.save(this.options.scope, {
      lastSyncedAt: now,
      firstSyncDone: !this.status.firstSync,
    });
    this.update({
      lastSyncedAt: now,
      received: this.status.received + count,
      receivedBy: {
        ...this.status.receivedBy,
        [collection]: (this.status.receivedBy[collection] ?? 0) + count,
      },
      connection: 'online',
    });
  }

  private firstSyncDone(): void {
    if (!this.status.firstSync) return;
    this.memory.save(this.options.scope, {
      lastSyncedAt: this.status.lastSyncedAt,
      firstSyncDone: true,
    });
    this.update({ firstSync: false });
  }

  private onStreamEvent(event: string, data: string): void {
    const stream = this.streams.get(event as ReplicatedCollection);
    if (!stream) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return; // A garbled event is ignored; the next RESYNC covers it.
    }
    if (parsed === 'RESYNC') this.resyncSoon(event as ReplicatedCollection, stream);
    else if (isDocumentsEvent(parsed)) stream.next(parsed as StreamItem);
  }

  /**
   * A RESYNC makes RxDB pull the collection. In a busy community they come many times a
   * second, and pulling after each would spend the user's request allowance (the server
   * answers 429 past it; bench/load.ts found it). The first one pulls at once; the ones that
   * follow within RESYNC_SPACING_MS become a single pull at the end of it.
   */
  private resyncSoon(collection: ReplicatedCollection, stream: Subject<StreamItem>): void {
    const now = Date.now();
    const last = this.lastResync.get(collection) ?? 0;
    if (now - last >= RESYNC_SPACING_MS) {
      this.lastResync.set(collection, now);
      stream.next('RESYNC');
      return;
    }
    if (this.pendingResync.has(collection)) return;
    const timer = setTimeout(
      () => {
        this.pendingResync.delete(collection);
        this.lastResync.set(collection, Date.now());
        stream.next('RESYNC');
      },
      last + RESYNC_SPACING_MS - now,
    );
    this.pendingResync.set(collection, timer);
  }

  private refreshSyncing(): void {
    // active$ is per replication; the app is syncing while any of them is busy.
    // Requests waiting for the network are not "syncing".
    const syncing = this.gate.isOpen && this.replications.some((r) => r.subjects.active.getValue());
    if (syncing !== this.status.syncing) this.update({ syncing });
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function latestTrouble(troubles: Map<ReplicatedCollection, ServerTrouble>): ServerTrouble | null {
  let latest: ServerTrouble | null = null;
  for (const trouble of troubles.values()) {
    if (!latest || trouble.retryAt > latest.retryAt) latest = trouble;
  }
  return latest;
}

function isDocumentsEvent(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { documents?: unknown }).documents) &&
    'checkpoint' in value
  );
}
