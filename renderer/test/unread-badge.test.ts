// The unread count on the app icon: which threads count, and that the shell's badge follows the
// local thread-state index as the user reads, follows, and others reply (a fake bridge records
// what the shell is asked to show).
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KindredBridge } from '../../shared/bridge';
import type { Thread } from '../../shared/schemas/threads';
import { type KindredDatabase, openDatabase } from '../src/db/database';
import { markRead, setFollowed } from '../src/data/thread-activity';
import { countUnread, isUnreadForBadge, watchUnreadBadge } from '../src/ui/unread-badge';
import { eventually } from './harness';

const ME = 'me';

describe('which threads count towards the badge', () => {
  const state = (id: string, followed: boolean, lastActivityAt: number, lastReadAt: number) => ({
    id,
    followed,
    lastActivityAt,
    lastReadAt,
  });

  it('followed threads with activity since they were read, never unfollowed strangers', () => {
    expect(isUnreadForBadge(state('a', true, 2_000, 1_000), undefined)).toBe(true);
    expect(isUnreadForBadge(state('a', true, 2_000, 2_000), undefined)).toBe(false);
    expect(isUnreadForBadge(state('a', true, 2_000, 0), undefined)).toBe(true);
    // Thousands of threads arrive unread with the first sync: none of them is the user's news.
    expect(isUnreadForBadge(state('b', false, 2_000, 0), undefined)).toBe(false);
  });

  it("the user's own thread counts only once someone has added to it", () => {
    expect(isUnreadForBadge(state('mine', false, 5_000, 0), 5_000)).toBe(false);
    expect(isUnreadForBadge(state('mine', false, 6_000, 0), 5_000)).toBe(true);
    expect(isUnreadForBadge(state('mine', false, 6_000, 6_500), 5_000)).toBe(false);
  });

  it('counts a thread that is both followed and the user’s own once', () => {
    const followedAndOwn = state('t', true, 9_000, 0);
    expect(countUnread([followedAndOwn, followedAndOwn], new Map([['t', 1_000]]))).toBe(1);
  });
});

describe('the badge follows the thread-state index', () => {
  let db: KindredDatabase;
  let shown: number[];
  let bridge: Pick<KindredBridge, 'setBadgeCount'>;

  beforeEach(async () => {
    db = await openDatabase({
      name: `badge-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      collections: ['threads'],
      localCollections: ['threadState'],
    });
    shown = [];
    bridge = {
      setBadgeCount: vi.fn(async (count: number) => {
        shown.push(count);
        return { ok: true, value: undefined } as const;
      }),
    };
  });
  afterEach(async () => {
    await db.remove();
  });

  const thread = (id: string, authorId: string, createdAt: number): Thread => ({
    id,
    communityId: 'caregivers',
    authorId,
    title: `Thread ${id}`,
    body: 'Hello',
    therapyIds: [],
    shareToTherapyPages: false,
    createdAt,
    updatedAt: createdAt,
  });
  const activity = (id: string, lastActivityAt: number, followed = false) => ({
    id,
    communityId: 'caregivers',
    lastActivityAt,
    replyCount: 1,
    lastReadAt: 0,
    followed,
  });
  const lastShown = (count: number) =>
    eventually(() => shown.at(-1) === count, `the badge to show ${count}`);

  it('rises with replies to followed and own threads, falls as they are read, clears on stop', async () => {
    const stop = watchUnreadBadge(db, ME, bridge);
    await lastShown(0);

    // A stranger's thread the user does not follow: no badge, however active.
    await db.threads.insert(thread('other', 'someone', 1_000));
    await db.threadState.insert(activity('other', 2_000));
    // Following a thread with news in it: 1.
    await db.threads.insert(thread('followed', 'someone', 1_000));
    await db.threadState.insert(activity('followed', 2_000));
    await setFollowed(db, 'followed', 'caregivers', true);
    await lastShown(1);

    // The user's own new thread is not news; a reply to it is.
    await db.threads.insert(thread('mine', ME, 3_000));
    await db.threadState.insert({ ...activity('mine', 3_000), replyCount: 0 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(shown.at(-1)).toBe(1);
    const mine = await db.threadState.findOne('mine').exec();
    await mine!.incrementalPatch({ lastActivityAt: 4_000, replyCount: 1 });
    await lastShown(2);

    // Reading brings it down.
    await markRead(db, 'followed', 'caregivers', 10_000);
    await lastShown(1);
    await markRead(db, 'mine', 'caregivers', 10_000);
    await lastShown(0);

    stop();
    // Each change reached the shell once: no repeats of the same number.
    expect(shown).toEqual([0, 1, 2, 1, 0]);
  });

  it('clears the badge when the session ends (sign-out)', async () => {
    await db.threads.insert(thread('followed', 'someone', 1_000));
    await db.threadState.insert(activity('followed', 2_000, true));
    const stop = watchUnreadBadge(db, ME, bridge);
    await lastShown(1);
    stop();
    expect(shown.at(-1)).toBe(0);
  });
});
