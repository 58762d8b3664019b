/** Shapes of the rows the PostgreSQL store reads, and their conversion to the Store's types. */
import type { WireDoc } from '../../../shared/schemas/common';
import type { StoredCollection, StoredRow } from '../types';

export interface DocRow {
  collection: string;
  id: string;
  seq: number;
  owner_id: string | null;
  /** json columns arrive parsed */
  body: WireDoc;
  channels: string[];
}

export const toStoredRow = (row: DocRow): StoredRow => ({
  collection: row.collection as StoredCollection,
  doc: row.body,
  seq: row.seq,
  channels: row.channels,
  ownerId: row.owner_id,
});

export const bodies = (rows: { body: WireDoc }[]): WireDoc[] => rows.map((r) => r.body);
