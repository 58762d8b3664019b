/**
 * Telling running servers what an operator's command wrote, so that open streams hear of it at
 * once (a new role changes what a member may see and do). PostgreSQL: the same broadcast the
 * servers use between themselves (LISTEN/NOTIFY). SQLite: nothing to send, the server notices
 * another writer on its own (store.watchOtherWriters).
 */
import { encodeNotices } from '../live/notice-codec';
import type { Store, StoredRow } from '../store/types';

export async function announce(store: Store, rows: readonly StoredRow[]): Promise<void> {
  if (rows.length === 0) return;
  const bus = store.openChangeBus();
  if (!bus) return;
  try {
    const notices = rows.map(({ collection, channels, ownerId }) => ({
      collection,
      channels,
      ownerId,
    }));
    for (const message of encodeNotices('admin', notices)) await bus.send(message);
  } finally {
    await bus.close();
  }
}
