/**
 * A device that synced with the first schemas (version 0 of communities and moderation), or
 * with version 1 of communities (before the member count), opens with today's: RxDB migrates
 * the collections in place, every document is kept, and the new fields and the 'removed' state
 * can be stored. A fresh database can be written at once.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { describe, expect, it } from 'vitest';
import { communitySchema } from '../../shared/schemas/communities';
import { moderationSchema } from '../../shared/schemas/moderation';
import { openDatabase } from '../src/db/database';

const storage = () =>
  wrappedValidateZSchemaStorage({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }) });

/** The schemas as the first release had them. */
function version0() {
  const {
    welcomeMessage: _w,
    pinnedResources: _p,
    crisisLines: _c,
    memberCount: _m,
    ...communityProps
  } = communitySchema.properties;
  return {
    communities: { ...communitySchema, version: 0, properties: communityProps },
    moderation: {
      ...moderationSchema,
      version: 0,
      properties: {
        ...moderationSchema.properties,
        state: { type: 'string', enum: ['pending', 'approved', 'hidden', 'locked'] },
      },
    },
  };
}

/** Communities as version 1 had them: partner content, no member count. */
function communitiesVersion1() {
  const { memberCount: _m, ...properties } = communitySchema.properties;
  return { ...communitySchema, version: 1, properties };
}

const community = {
  id: 'melanoma',
  updatedAt: 1,
  slug: 'melanoma',
  name: 'Melanoma',
  description: 'Skin cancer',
  partner: { name: 'Partner', kind: 'advocacy' as const },
  conditionTags: ['melanoma'],
  joinPolicy: 'open' as const,
  premoderation: false,
  allowTherapySharing: true,
  guidelines: 'Be kind',
};
const decision = {
  id: 'mod:t-1',
  updatedAt: 2,
  targetId: 't-1',
  communityId: 'melanoma',
  state: 'hidden' as const,
  reason: 'off-topic',
  by: 'u-mod',
};

describe('schema migrations on the device', () => {
  it('keeps every document of a version-0 database and accepts the new fields and states', async () => {
    const name = `migration-${Date.now().toString(36)}`;
    const old = await createRxDatabase({ name, storage: storage(), multiInstance: false });
    const schemas = version0();
    await old.addCollections({
      communities: { schema: schemas.communities as never },
      moderation: { schema: schemas.moderation as never },
    });
    await old.collections.communities.insert(community);
    await old.collections.moderation.insert(decision);
    await old.close();

    const db = await openDatabase({
      name,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      collections: ['communities', 'moderation'],
      localCollections: [],
    });
    try {
      expect((await db.communities.findOne('melanoma').exec())?.toJSON()).toEqual(community);
      expect((await db.moderation.findOne('mod:t-1').exec())?.toJSON()).toEqual(decision);
      await db.communities.upsert({
        ...community,
        updatedAt: 3,
        welcomeMessage: 'Welcome!',
        pinnedResources: [{ title: 'Guide', url: 'https://example.org/guide' }],
        crisisLines: [{ region: 'Here', name: 'Line', contact: 'Call 1' }],
      });
      await db.moderation.insert({
        ...decision,
        id: 'mod:melanoma:u-1',
        targetId: 'melanoma:u-1',
        state: 'removed',
      });
      expect((await db.communities.findOne('melanoma').exec())?.welcomeMessage).toBe('Welcome!');
    } finally {
      await db.remove();
    }
  });

  it('keeps the communities of a version-1 database and accepts their member count', async () => {
    const name = `migration-v1-${Date.now().toString(36)}`;
    const old = await createRxDatabase({ name, storage: storage(), multiInstance: false });
    await old.addCollections({ communities: { schema: communitiesVersion1() as never } });
    const stored = { ...community, welcomeMessage: 'Welcome!' };
    await old.collections.communities.insert(stored);
    // Version 1 could not hold a count: the server's next pull brings it.
    await expect(
      old.collections.communities.upsert({ ...stored, updatedAt: 2, memberCount: 3 }),
    ).rejects.toThrow();
    await old.close();

    const db = await openDatabase({
      name,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      collections: ['communities'],
      localCollections: [],
    });
    try {
      expect((await db.communities.findOne('melanoma').exec())?.toJSON()).toEqual(stored);
      await db.communities.upsert({ ...stored, updatedAt: 3, memberCount: 3 });
      expect((await db.communities.findOne('melanoma').exec())?.memberCount).toBe(3);
    } finally {
      await db.remove();
    }
  });

  it('a new database takes writes as soon as it is open', async () => {
    const db = await openDatabase({
      name: `fresh-${Date.now().toString(36)}`,
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      collections: ['communities', 'moderation'],
      localCollections: [],
    });
    try {
      await db.moderation.insert({ ...decision, state: 'removed', id: 'mod:m:u', targetId: 'm:u' });
      await db.communities.insert(community);
      expect(await db.moderation.count().exec()).toBe(1);
    } finally {
      await db.remove();
    }
  });
});
