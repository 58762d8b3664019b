/**
 * Schema migrations of the replicated collections on the device. RxDB refuses to open a
 * collection whose stored schema differs from the code's unless the version went up and a
 * strategy says how old documents become new ones.
 *
 * Every change so far only added something optional (a field, an enum value), so an old
 * document is already a valid new one: the strategies keep documents as they are. RxDB's
 * migration also carries the replication's bookkeeping over, so nothing is pulled again.
 */
import type { MigrationStrategies } from 'rxdb';
import type { CollectionName } from '../../../shared/collections';

const unchanged = <T>(doc: T): T => doc;

export const MIGRATIONS: Partial<Record<CollectionName, MigrationStrategies>> = {
  // 1: welcomeMessage, pinnedResources, crisisLines (partner content)
  // 2: memberCount (kept by the server; arrives with the next pull of the community)
  communities: { 1: unchanged, 2: unchanged },
  // 1: the 'removed' state (decisions about members)
  moderation: { 1: unchanged },
};
