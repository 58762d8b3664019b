/** The owner's answer to "your profile was changed on two devices" (see db/profile-conflict.ts). */
import { updateProfile } from '../data/profile';
import type { KindredDatabase } from '../db/database';
import { type OfferedFields, dismissOtherProfileVersion } from '../db/profile-conflict';

/**
 * "Use this version": the other edit's fields become a new, latest edit, so they win on every
 * device; what that edit did not change (a role set on this device, say) stays as it is.
 */
export async function adoptOtherProfileVersion(
  db: KindredDatabase,
  userId: string,
  fields: OfferedFields,
): Promise<void> {
  if (await updateProfile(db, userId, fields)) {
    await dismissOtherProfileVersion(db.profiles, userId);
  }
}
