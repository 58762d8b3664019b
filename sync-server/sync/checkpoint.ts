/**
 * The pull checkpoint: opaque to clients, `{"v":1,"pos":{"<channel>":<seq>, "own":<seq>}}`.
 *
 * One position per channel is what lets a pull bring old rows that just became visible: a
 * channel the user newly sees has no position (0), so its whole history comes, while the
 * channels already followed continue where they were. A plain global seq could not do that.
 * Positions of channels the user no longer sees are kept, so rejoining resumes from there.
 *
 * Positions never grant anything (the channel set is computed from the store each pull), so a
 * forged checkpoint can at most make a client skip rows; it is still parsed strictly so that
 * garbage is answered with 400 rather than silently treated as "start over".
 */
import type { StoredRow } from '../store/types';
import { OWN_POSITION } from './channels';

export interface SyncCheckpoint {
  v: 1;
  pos: Record<string, number>;
}

const MAX_RAW_LENGTH = 256 * 1024;
const MAX_POSITIONS = 10_000;
const POSITION_KEY = /^(public|own|[a-z]+:[^\s]{1,401})$/;

export type ParseResult = { ok: true; value: SyncCheckpoint } | { ok: false; message: string };

const fail = (message: string): ParseResult => ({ ok: false, message });

/** Parses the `checkpoint` query value; absent means "from the beginning". */
export function parseCheckpoint(raw: unknown): ParseResult {
  if (raw === undefined || raw === '') return { ok: true, value: { v: 1, pos: {} } };
  if (typeof raw !== 'string') return fail('checkpoint must be given once, as JSON');
  if (raw.length > MAX_RAW_LENGTH) return fail('checkpoint is too long');
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('checkpoint is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('checkpoint must be an object');
  }
  const { v, pos, ...rest } = value as Record<string, unknown>;
  if (v !== 1 || Object.keys(rest).length > 0) return fail('unknown checkpoint version');
  if (typeof pos !== 'object' || pos === null || Array.isArray(pos)) {
    return fail('checkpoint positions must be an object');
  }
  const entries = Object.entries(pos);
  if (entries.length > MAX_POSITIONS) return fail('checkpoint has too many positions');
  const clean: Record<string, number> = {};
  for (const [key, n] of entries) {
    if (!POSITION_KEY.test(key)) return fail('checkpoint has an unknown channel');
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
      return fail('checkpoint positions must be non-negative integers');
    }
    clean[key] = n;
  }
  return { ok: true, value: { v: 1, pos: clean } };
}

/** Position of each channel the reader sees now (0 for a channel new to them). */
export function positionsFor(checkpoint: SyncCheckpoint, channels: Set<string>) {
  const positions = new Map<string, number>();
  for (const channel of channels) positions.set(channel, checkpoint.pos[channel] ?? 0);
  return { positions, ownPosition: checkpoint.pos[OWN_POSITION] ?? 0 };
}

/**
 * Moves every position past the returned rows that fall in it (a row in several of the reader's
 * channels moves each of them). The rows are the first `limit`
 * rows (by seq) of the union of all channels past their positions, so no row of a channel
 * below its new position is left behind.
 */
export function advanceCheckpoint(
  checkpoint: SyncCheckpoint,
  rows: StoredRow[],
  channels: Set<string>,
  userId: string,
): SyncCheckpoint {
  const pos = { ...checkpoint.pos };
  for (const row of rows) {
    for (const channel of row.channels) {
      if (channels.has(channel)) pos[channel] = Math.max(pos[channel] ?? 0, row.seq);
    }
    if (row.ownerId === userId) pos[OWN_POSITION] = Math.max(pos[OWN_POSITION] ?? 0, row.seq);
  }
  return { v: 1, pos };
}
