import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, LIMITS, idField, shortText, stringList, timeField } from './common';

/** How many therapies one user may follow (each one is a channel in their pulls). */
export const FOLLOWED_THERAPIES_MAX = 200;

export type ProfileRole = 'patient' | 'caregiver' | 'both' | 'supporter';

export interface Profile extends BaseDoc {
  /** equals the user's id */
  id: string;
  displayName: string;
  bio: string;
  role: ProfileRole;
  /**
   * Therapy ids whose shared threads the user follows (optional over the wire). The server
   * derives the user's therapy channels from this field of their own profile.
   */
  followedTherapyIds?: string[];
}

export const profileSchema: RxJsonSchema<Profile> = {
  title: 'profiles',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idField,
    updatedAt: timeField,
    displayName: shortText(LIMITS.nameMax),
    bio: shortText(LIMITS.descriptionMax),
    role: { type: 'string', enum: ['patient', 'caregiver', 'both', 'supporter'] },
    followedTherapyIds: stringList(FOLLOWED_THERAPIES_MAX, 200),
  },
  required: ['id', 'updatedAt', 'displayName', 'bio', 'role'],
};
