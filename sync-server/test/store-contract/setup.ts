/** What every contract test starts from: an empty, migrated store of the kind under test. */
import { afterEach, beforeEach } from 'vitest';
import type { WireDoc } from '../../../shared/schemas/common';
import type { ServerWrite, Store, StoredCollection, StoredRow } from '../../store/types';
import type { StoreKind, TestDatabase } from '../stores';

export interface Fixture {
  database: TestDatabase;
  store: Store;
}

/** A fresh database per test: contract tests may count rows and check emptiness. */
export function freshStore(kind: StoreKind): Fixture {
  const fixture = {} as Fixture;
  beforeEach(async () => {
    fixture.database = await kind.createDatabase();
    fixture.store = await fixture.database.open();
  });
  afterEach(async () => {
    await fixture.database?.drop();
  });
  return fixture;
}

let counter = 0;
export function doc(fields: Record<string, unknown> = {}): WireDoc {
  return {
    id: `d${++counter}`,
    updatedAt: 1_700_000_000_000,
    _deleted: false,
    ...fields,
  } as WireDoc;
}

export const placed = (
  collection: StoredCollection,
  d: WireDoc,
  channels: string[],
  ownerId: string | null = null,
): ServerWrite => ({ collection, doc: d, channels, ownerId });

/** Writes each row in a transaction of its own. */
export async function writeEach(store: Store, writes: ServerWrite[]): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for (const w of writes) rows.push(await store.transaction((tx) => tx.write(w)));
  return rows;
}

/** A pull as the routes make it: positions per channel, own position, limit. */
export function pullOf(
  store: Store,
  collection: StoredCollection,
  positions: Record<string, number>,
  ownerId = 'nobody',
  ownPosition = 0,
  limit = 100,
) {
  return store.pull({
    collection,
    channels: new Map(Object.entries(positions)),
    ownerId,
    ownPosition,
    limit,
  });
}

export const sorted = (rows: StoredRow[]) =>
  rows.map((r) => ({ ...r, channels: [...r.channels].sort() }));
