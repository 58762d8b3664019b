/** The user's own profile: what others see of them, and the therapies they follow. */
import type { Profile } from '../../../shared/schemas/profiles';
import type { KindredDatabase } from '../db/database';

export async function updateProfile(
  db: KindredDatabase,
  userId: string,
  change: Partial<Pick<Profile, 'displayName' | 'bio' | 'role' | 'followedTherapyIds'>>,
  now = Date.now(),
): Promise<boolean> {
  const doc = await db.profiles.findOne(userId).exec();
  if (!doc) return false; // arrives with the first sync; the UI says so
  await doc.incrementalPatch({ ...change, updatedAt: Math.max(now, doc.updatedAt + 1) });
  return true;
}

/** Following a therapy brings the threads shared to its page from every community. */
export async function setTherapyFollowed(
  db: KindredDatabase,
  userId: string,
  therapyId: string,
  follow: boolean,
) {
  const doc = await db.profiles.findOne(userId).exec();
  if (!doc) return false;
  const current = doc.followedTherapyIds ?? [];
  const next = follow
    ? [...new Set([...current, therapyId])]
    : current.filter((id) => id !== therapyId);
  return updateProfile(db, userId, { followedTherapyIds: next });
}
