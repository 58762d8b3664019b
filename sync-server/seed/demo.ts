/**
 * The demo seed: communities, the therapy catalog, a few fictional members and conversations.
 * Run on first start only (when the store is empty); the demo members get random passwords
 * nobody knows, since they exist only to author content.
 */
import { randomBytes } from 'node:crypto';
import type { CollectionName } from '../../shared/collections';
import type { WireDoc } from '../../shared/schemas/common';
import { membershipId } from '../../shared/schemas/memberships';
import { THERAPY_CATALOG } from '../../shared/therapy-catalog';
import { hashPassword } from '../auth/passwords';
import { newUserId } from '../auth/tokens';
import type { Store } from '../store/types';
import { writeDocs } from '../sync/write';
import { DEMO_COMMUNITIES } from './communities';
import { DEMO_THREADS, DEMO_USERS } from './conversations';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

type Doc = { collection: CollectionName; doc: WireDoc };
const doc = (collection: CollectionName, fields: object): Doc => ({
  collection,
  doc: { ...fields, _deleted: false } as WireDoc,
});

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
      ...(user.follows ? { followedTherapyIds: user.follows } : {}),
      _deleted: false,
    };
    await store.createUser(
      {
        userId,
        usernameKey: user.username,
        displayName: user.displayName,
        passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
        createdAt: now,
      },
      // Their memberships, written below, place the profile in their communities.
      { collection: 'profiles', doc: profile, channels: [], ownerId: userId },
    );
  }

  const docs: Doc[] = [];
  // Counted from zero: each membership below adds itself (sync/member-count.ts), and a
  // community nobody has joined yet still shows "0 members".
  for (const c of DEMO_COMMUNITIES) {
    docs.push(doc('communities', { ...c, updatedAt: now, memberCount: 0 }));
  }
  for (const t of THERAPY_CATALOG) docs.push(doc('therapies', { ...t, updatedAt: now }));
  for (const user of DEMO_USERS) {
    for (const communityId of user.communities) {
      const userId = userIds.get(user.key)!;
      docs.push(
        doc('memberships', {
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
    docs.push(
      doc('threads', {
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
      docs.push(
        doc('posts', {
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
  await writeDocs(store, docs);
  return {
    communities: DEMO_COMMUNITIES.length,
    therapies: THERAPY_CATALOG.length,
    users: DEMO_USERS.length,
    threads: DEMO_THREADS.length,
    posts,
  };
}
