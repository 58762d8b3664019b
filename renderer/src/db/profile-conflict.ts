/**
 * A profile edited on two devices while they were apart: the latest edit becomes the profile
 * (conflicts.ts), and what the other edit changed is kept here, on this device, until the owner
 * takes it ("Use this version") or dismisses it on the Profile page.
 *
 * It is kept as an RxDB local document of the `profiles` collection: local documents live beside
 * a collection and are never replicated, and they are not a collection themselves, so they do
 * not count towards the free RxDB build's cap of 13 open collections (which the app has reached).
 */
import type { RxCollection, WithDeleted } from 'rxdb';
import type { Profile } from '../../../shared/schemas/profiles';

/** What a person types into their profile; a lost follow is not worth a notice. */
export const OFFERED_FIELDS = ['displayName', 'bio', 'role'] as const;
export type OfferedFields = Partial<Pick<Profile, (typeof OFFERED_FIELDS)[number]>>;

export interface OtherProfileVersion {
  profileId: string;
  /** when the edit that lost was made */
  editedAt: number;
  /** only what that edit changed and the kept profile does not already say */
  fields: OfferedFields;
}

/** Local document ids are at most 128 characters; user ids are far shorter. */
export const otherVersionId = (profileId: string) => `other-version:${profileId}`.slice(0, 128);

/**
 * The fields the losing edit changed (from `base`, the version both devices started from, when
 * known) that differ from the profile kept. Without a base, every field that differs.
 */
export function changedByLoser(
  loser: Profile,
  kept: Profile,
  base: Profile | undefined,
): OfferedFields {
  const fields: Record<string, unknown> = {};
  for (const name of OFFERED_FIELDS) {
    const changed = base === undefined || loser[name] !== base[name];
    if (changed && loser[name] !== kept[name]) fields[name] = loser[name];
  }
  return fields as OfferedFields;
}

/** The same fields as they stand in `profile`: what is still worth offering. */
export function stillDiffering(fields: OfferedFields, profile: Profile): OfferedFields {
  return Object.fromEntries(
    Object.entries(fields).filter(([name, value]) => profile[name as keyof Profile] !== value),
  ) as OfferedFields;
}

export async function keepOtherProfileVersion(
  profiles: RxCollection<Profile>,
  edit: {
    loser: WithDeleted<Profile>;
    kept: WithDeleted<Profile>;
    base: WithDeleted<Profile> | undefined;
  },
): Promise<void> {
  const fields = changedByLoser(edit.loser, edit.kept, edit.base);
  if (Object.keys(fields).length === 0) return;
  // One notice per profile: the losing edit of a later conflict replaces an earlier one.
  await profiles.upsertLocal<OtherProfileVersion>(otherVersionId(edit.kept.id), {
    profileId: edit.kept.id,
    editedAt: edit.loser.updatedAt,
    fields,
  });
}

export async function loadOtherProfileVersion(
  profiles: RxCollection<Profile>,
  profileId: string,
): Promise<OtherProfileVersion | null> {
  const doc = await profiles.getLocal<OtherProfileVersion>(otherVersionId(profileId));
  return doc ? (doc.toJSON().data as OtherProfileVersion) : null;
}

export async function dismissOtherProfileVersion(
  profiles: RxCollection<Profile>,
  profileId: string,
): Promise<void> {
  const doc = await profiles.getLocal(otherVersionId(profileId));
  if (doc) await doc.remove();
}
