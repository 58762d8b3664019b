import type { RxJsonSchema } from 'rxdb';
import { type BaseDoc, LIMITS, idField, shortText, stringList, timeField } from './common';

export type PartnerKind = 'medical-center' | 'advocacy' | 'parent-group' | 'research' | 'other';
export type JoinPolicy = 'open' | 'approval';

/** A link the partner pins to the community page; https only (opened in the system browser). */
export interface PinnedResource {
  title: string;
  url: string;
  description?: string;
}

/** A crisis line a partner lists for its community (shown before the bundled ones). */
export interface CommunityCrisisLine {
  region: string;
  name: string;
  contact: string;
}

/** Bounds of what partners and moderators edit (shared by the editor and the server). */
export const PARTNER_LIMITS = {
  guidelinesMax: LIMITS.descriptionMax,
  welcomeMessageMax: LIMITS.descriptionMax,
  resourcesMax: 20,
  resourceTitleMax: 200,
  resourceUrlMax: 2_000,
  resourceDescriptionMax: 500,
  crisisLinesMax: 20,
  crisisRegionMax: 100,
  crisisNameMax: 200,
  crisisContactMax: 300,
} as const;

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
  /** Markdown shown once to a member when they join (optional over the wire). */
  welcomeMessage?: string;
  /** Links pinned to the community page (optional over the wire). */
  pinnedResources?: PinnedResource[];
  /** The community's own crisis lines, shown before the bundled ones (optional over the wire). */
  crisisLines?: CommunityCrisisLine[];
  /**
   * How many members are active, kept by the server in the same transaction as every join,
   * leave, approval and removal, so that anyone (members or not) can see it. Optional over the
   * wire: an older server does not send it.
   */
  memberCount?: number;
}

export const communitySchema: RxJsonSchema<Community> = {
  title: 'communities',
  description: 'A condition community, started together with a partner organization.',
  // 1: welcomeMessage, pinnedResources, crisisLines (optional; see renderer/src/db/migrations.ts)
  // 2: memberCount (optional)
  version: 2,
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
    guidelines: shortText(PARTNER_LIMITS.guidelinesMax),
    welcomeMessage: shortText(PARTNER_LIMITS.welcomeMessageMax),
    pinnedResources: {
      type: 'array',
      maxItems: PARTNER_LIMITS.resourcesMax,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          title: { type: 'string', minLength: 1, maxLength: PARTNER_LIMITS.resourceTitleMax },
          url: { type: 'string', maxLength: PARTNER_LIMITS.resourceUrlMax, pattern: '^https://' },
          description: shortText(PARTNER_LIMITS.resourceDescriptionMax),
        },
        required: ['title', 'url'],
      },
    },
    crisisLines: {
      type: 'array',
      maxItems: PARTNER_LIMITS.crisisLinesMax,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          region: shortText(PARTNER_LIMITS.crisisRegionMax),
          name: { type: 'string', minLength: 1, maxLength: PARTNER_LIMITS.crisisNameMax },
          contact: { type: 'string', minLength: 1, maxLength: PARTNER_LIMITS.crisisContactMax },
        },
        required: ['region', 'name', 'contact'],
      },
    },
    memberCount: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
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
