/**
 * The demo seed: communities, the therapy catalog, a few fictional members and conversations.
 * Run on first start only (when the store is empty); the demo members get random passwords
 * nobody knows, since they exist only to author content.
 */
import { randomBytes } from 'node:crypto';
import type { WireDoc } from '../../shared/schemas/common';
import { membershipId } from '../../shared/schemas/memberships';
import { hashPassword } from '../auth/passwords';
import { newUserId } from '../auth/tokens';
import { placementOf } from '../sync/channels';
import type { ServerWrite, Store, StoredCollection } from '../store/types';
import { DEMO_COMMUNITIES } from './communities';
import { DEMO_THREADS, DEMO_USERS } from './conversations';
import { DEMO_THERAPIES } from './therapies';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function write(collection: StoredCollection, doc: object): ServerWrite {
  const wire = { ...doc, _deleted: false } as WireDoc;
  return { collection, doc: wire, ...placementOf(collection, wire) };
}

export interface SeedResult {
  communities: number;
  therapies: number;
  users: number;
  threads: number;
  posts: number;
}

export async function seedDemo(store: Store, now: number = Date.now()): Promise<SeedResult> {
  const userIds = new Map<string, string>();
  const names = new Map<string, string>();
  for (const user of DEMO_USERS) {
    const userId = newUserId();
    userIds.set(user.key, userId);
    names.set(user.key, user.displayName);
    const profile = {
      id: userId,
      updatedAt: now,
      displayName: user.displayName,
      bio: user.bio,
      role: user.role,
    };
    await store.createUser(
      {
        userId,
        usernameKey: user.username,
        displayName: user.displayName,
        passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
        createdAt: now,
      },
      write('profiles', profile),
    );
  }

  const writes: ServerWrite[] = [];
  for (const c of DEMO_COMMUNITIES) writes.push(write('communities', { ...c, updatedAt: now }));
  for (const t of DEMO_THERAPIES) writes.push(write('therapies', { ...t, updatedAt: now }));
  for (const user of DEMO_USERS) {
    for (const communityId of user.communities) {
      const userId = userIds.get(user.key)!;
      writes.push(
        write('memberships', {
          id: membershipId(communityId, userId),
          updatedAt: now,
          communityId,
          userId,
          role: 'member',
          status: 'active',
        }),
      );
    }
  }
  let posts = 0;
  for (const t of DEMO_THREADS) {
    const createdAt = now - t.daysAgo * DAY;
    writes.push(
      write('threads', {
        id: t.id,
        updatedAt: createdAt,
        communityId: t.communityId,
        authorId: userIds.get(t.author)!,
        authorName: names.get(t.author)!,
        title: t.title,
        body: t.body,
        therapyIds: t.therapyIds,
        shareToTherapyPages: t.shareToTherapyPages,
        createdAt,
      }),
    );
    t.replies.forEach((r, i) => {
      const at = createdAt + r.hoursLater * HOUR;
      posts++;
      writes.push(
        write('posts', {
          id: `${t.id}-reply-${i + 1}`,
          updatedAt: at,
          threadId: t.id,
          communityId: t.communityId,
          authorId: userIds.get(r.author)!,
          authorName: names.get(r.author)!,
          body: r.body,
          createdAt: at,
        }),
      );
    });
  }
  await store.writeServerDocs(writes);
  return {
    communities: DEMO_COMMUNITIES.length,
    therapies: DEMO_THERAPIES.length,
    users: DEMO_USERS.length,
    threads: DEMO_THREADS.length,
    posts,
  };
}
