/**
 * Putting a seeded community straight into a Kindred server's store (no HTTP, no rules), as a
 * server that already holds it would: the sync benchmark (first-sync.ts) and the device
 * benchmark (device.ts) start from this.
 */
import type { WireDoc } from '../../shared/schemas/common';
import type { Store } from '../../sync-server/store/types';
import { writeDocs } from '../../sync-server/sync/write';
import { addCommunity } from '../../sync-server/test/helpers';
import type { CommunityCorpus } from './community-corpus';

/** A stored document as the wire carries it (not deleted). */
export const wire = (doc: object) => ({ ...doc, _deleted: false }) as WireDoc;

/** The community (open, named by its id), then its threads and replies, 2,000 per write. */
export async function loadKindred(store: Store, corpus: CommunityCorpus): Promise<void> {
  await addCommunity(store, corpus.communityId);
  const all = [
    ...corpus.threads.map((doc) => ({ collection: 'threads' as const, doc: wire(doc) })),
    ...corpus.posts.map((doc) => ({ collection: 'posts' as const, doc: wire(doc) })),
  ];
  for (let i = 0; i < all.length; i += 2_000) await writeDocs(store, all.slice(i, i + 2_000));
}
