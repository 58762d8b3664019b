import type { RxJsonSchema } from 'rxdb';
import type { BaseDoc } from './schemas/common';
import { type Community, communitySchema } from './schemas/communities';
import { type Membership, membershipSchema } from './schemas/memberships';
import { type ModerationDoc, moderationSchema } from './schemas/moderation';
import { type Post, postSchema } from './schemas/posts';
import { type Profile, profileSchema } from './schemas/profiles';
import { type Reaction, reactionSchema } from './schemas/reactions';
import { type Report, reportSchema } from './schemas/reports';
import { type Draft, type JournalDoc, draftSchema, journalSchema } from './schemas/sealed';
import { type Therapy, therapySchema } from './schemas/therapies';
import { type Thread, threadSchema } from './schemas/threads';

/**
 * Document type of every replicated collection (client collection = server table): the ten
 * CONTRACT ones, and `reports` (members' reports to moderators, see docs/protocol.md).
 */
export interface CollectionDocs {
  communities: Community;
  memberships: Membership;
  profiles: Profile;
  threads: Thread;
  posts: Post;
  reactions: Reaction;
  therapies: Therapy;
  moderation: ModerationDoc;
  reports: Report;
  drafts: Draft;
  journal: JournalDoc;
}

export type CollectionName = keyof CollectionDocs;

export const SCHEMAS: { [K in CollectionName]: RxJsonSchema<CollectionDocs[K]> } = {
  communities: communitySchema,
  memberships: membershipSchema,
  profiles: profileSchema,
  threads: threadSchema,
  posts: postSchema,
  reactions: reactionSchema,
  therapies: therapySchema,
  moderation: moderationSchema,
  reports: reportSchema,
  drafts: draftSchema,
  journal: journalSchema,
};

export const COLLECTION_NAMES = Object.keys(SCHEMAS) as CollectionName[];

/** Every collection the sync server serves (pull, push, stream events): all eleven. */
export const SERVED_COLLECTIONS: readonly CollectionName[] = COLLECTION_NAMES;

export function isServedCollection(value: unknown): value is CollectionName {
  return typeof value === 'string' && (SERVED_COLLECTIONS as readonly string[]).includes(value);
}

/**
 * The collections the renderer replicates (each one its database holds): every collection the
 * server serves.
 */
export const REPLICATED_COLLECTIONS = [
  'communities',
  'memberships',
  'profiles',
  'threads',
  'posts',
  'reactions',
  'therapies',
  'moderation',
  'reports',
  'drafts',
  'journal',
] as const satisfies readonly CollectionName[];
export type ReplicatedCollection = (typeof REPLICATED_COLLECTIONS)[number];

export function isReplicatedCollection(value: unknown): value is ReplicatedCollection {
  return typeof value === 'string' && (REPLICATED_COLLECTIONS as readonly string[]).includes(value);
}

export type AnyDoc = CollectionDocs[CollectionName] & BaseDoc;
