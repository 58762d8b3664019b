import type { Store } from '../store/types';
import { channelsOf } from './channels';

/** The channel set of a reader now, from their stored memberships and profile. */
export async function readerChannels(store: Store, userId: string): Promise<Set<string>> {
  const [memberships, profile] = await Promise.all([
    store.ownedDocuments('memberships', userId),
    store.getDocument('profiles', userId),
  ]);
  return channelsOf(memberships, profile);
}
