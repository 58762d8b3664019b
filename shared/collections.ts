import type { RxJsonSchema } from 'rxdb';
import type { BaseDoc } from './schemas/common';
import { type Community, communitySchema } from './schemas/communities';
import { type Membership, membershipSchema } from './schemas/memberships';
import { type ModerationDoc, moderationSchema } from './schemas/moderation';
import { type Post, postSchema } from './schemas/posts';
import { type Profile, profileSchema } from './schemas/profiles';
import { type Reaction, reactionSchema } from './schemas/reactions';
import { type Draft, type JournalDoc, draftSchema, journalSchema } from './schemas/sealed';
import { type Therapy, therapySchema } from './schemas/therapies';
import { type Thread, threadSchema } from './schemas/threads';

/** Document type of every CONTRACT collection (client collection = server table). */
export interface CollectionDocs {
  communities: Community;
  memberships: Membership;
  profiles: Profile;
  threads: Thread;
  posts: Post;
  reactions: Reaction;
  therapies: Therapy;
  moderation: ModerationDoc;
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
  drafts: draftSchema,
  journal: journalSchema,
};

export const COLLECTION_NAMES = Object.keys(SCHEMAS) as CollectionName[];

/**
 * The collections that replicate today. The others have schemas (the contract) but no
 * server routes yet; a pull or push for them answers 404 like any unknown collection.
 */
export const REPLICATED_COLLECTIONS = ['communities', 'memberships', 'threads', 'posts'] as const;
export type ReplicatedCollection = (typeof REPLICATED_COLLECTIONS)[number];

export function isReplicatedCollection(value: unknown): value is ReplicatedCollection {
  return typeof value === 'string' && (REPLICATED_COLLECTIONS as readonly string[]).includes(value);
}

export type AnyDoc = CollectionDocs[CollectionName] & BaseDoc;
