import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, LIMITS, idField, shortText, timeField } from './common';

export type ProfileRole = 'patient' | 'caregiver' | 'both' | 'supporter';

export interface Profile extends BaseDoc {
  /** equals the user's id */
  id: string;
  displayName: string;
  bio: string;
  role: ProfileRole;
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
  },
  required: ['id', 'updatedAt', 'displayName', 'bio', 'role'],
};
