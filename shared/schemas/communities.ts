import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, LIMITS, idField, shortText, stringList, timeField } from './common';

export type PartnerKind = 'medical-center' | 'advocacy' | 'parent-group' | 'research' | 'other';
export type JoinPolicy = 'open' | 'approval';

export interface Community extends BaseDoc {
  slug: string;
  name: string;
  description: string;
  partner: { name: string; kind: PartnerKind };
  conditionTags: string[];
  joinPolicy: JoinPolicy;
  premoderation: boolean;
  allowTherapySharing: boolean;
  /** Partner guidelines in Markdown (optional over the wire). */
  guidelines?: string;
}

export const communitySchema: RxJsonSchema<Community> = {
  title: 'communities',
  description: 'A condition community, started together with a partner organization.',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: idField,
    updatedAt: timeField,
    slug: shortText(100),
    name: shortText(LIMITS.nameMax),
    description: shortText(LIMITS.descriptionMax),
    partner: {
      type: 'object',
      additionalProperties: false,
      properties: {
        name: shortText(LIMITS.nameMax),
        kind: {
          type: 'string',
          enum: ['medical-center', 'advocacy', 'parent-group', 'research', 'other'],
        },
      },
      required: ['name', 'kind'],
    },
    conditionTags: stringList(50, 100),
    joinPolicy: { type: 'string', enum: ['open', 'approval'] },
    premoderation: { type: 'boolean' },
    allowTherapySharing: { type: 'boolean' },
    guidelines: shortText(LIMITS.descriptionMax),
  },
  required: [
    'id',
    'updatedAt',
    'slug',
    'name',
    'description',
    'partner',
    'conditionTags',
    'joinPolicy',
    'premoderation',
    'allowTherapySharing',
  ],
};
