/**
 * The unread count on the app icon, from the local thread-state index: the threads the user
 * follows or started that have had activity since they last read them. Not every unread thread:
 * a first sync brings thousands the user never asked about, and a badge of 9999 tells nothing.
 */
import { type Observable, combineLatest, distinctUntilChanged, map, of, switchMap } from 'rxjs';
import type { KindredBridge } from '../../../shared/bridge';
import type { KindredDatabase } from '../db/database';
import type { ThreadState } from '../db/thread-state-schema';
import { getBridge } from '../platform/bridge';
import { showUnreadCount } from '../platform/native';

type Reading = Pick<ThreadState, 'id' | 'followed' | 'lastActivityAt' | 'lastReadAt'>;

/**
 * Whether a thread counts. `ownCreatedAt` is when the user started it (undefined: someone
 * else's): a thread they just wrote is not news to them, only activity after it is.
 */
export function isUnreadForBadge(state: Reading, ownCreatedAt: number | undefined): boolean {
  if (!state.followed && ownCreatedAt === undefined) return false;
  return state.lastActivityAt > Math.max(state.lastReadAt, ownCreatedAt ?? 0);
}

/** Counts each thread once, whether it came in as followed, as the user's own, or both. */
export function countUnread(states: Iterable<Reading>, own: ReadonlyMap<string, number>): number {
  const byId = new Map<string, Reading>();
  for (const state of states) byId.set(state.id, state);
  let count = 0;
  for (const state of byId.values()) if (isUnreadForBadge(state, own.get(state.id))) count += 1;
  return count;
}

/** The count, kept current from the database; emits only when it changes. */
export function unreadCount$(db: KindredDatabase, userId: string): Observable<number> {
  const followed$ = db.threadState.find({ selector: { followed: true } }).$;
  const own$ = db.threads
    .find({ selector: { authorId: userId } })
    .$.pipe(map((threads) => new Map(threads.map((t) => [t.id, t.createdAt] as const))));
  const ownStates$ = own$.pipe(
    switchMap((own) =>
      own.size === 0
        ? of({ own, states: [] as Reading[] })
        : db.threadState
            .findByIds([...own.keys()])
            .$.pipe(map((found) => ({ own, states: [...found.values()] as Reading[] }))),
    ),
  );
  return combineLatest([followed$, ownStates$]).pipe(
    map(([followed, { own, states }]) => countUnread([...followed, ...states], own)),
    distinctUntilChanged(),
  );
}

/**
 * Shows the count on the app icon while it runs; stopping clears the badge, so a signed-out
 * app shows nothing. A browser's bridge accepts the count and does nothing with it.
 */
export function watchUnreadBadge(
  db: KindredDatabase,
  userId: string,
  bridge: Pick<KindredBridge, 'setBadgeCount'> = getBridge(),
): () => void {
  let shown: number | null = null;
  const show = (count: number) => {
    if (count === shown) return;
    shown = count;
    void showUnreadCount(count, bridge).catch(() => undefined);
  };
  const subscription = unreadCount$(db, userId).subscribe(show);
  return () => {
    subscription.unsubscribe();
    show(0);
  };
}
