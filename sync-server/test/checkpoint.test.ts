import { describe, expect, it } from 'vitest';
import { advanceCheckpoint, parseCheckpoint, positionsFor } from '../sync/checkpoint';
import { channelsOf } from '../sync/channels';
import type { StoredRow } from '../store/types';

const row = (seq: number, channels: string[], ownerId: string | null = null): StoredRow => ({
  collection: 'threads',
  doc: { id: `d${seq}`, updatedAt: 1, _deleted: false },
  seq,
  channels,
  ownerId,
});

const membership = (communityId: string, role = 'member', status = 'active') => ({
  id: `${communityId}:me`,
  updatedAt: 1,
  communityId,
  userId: 'me',
  role,
  status,
  _deleted: false,
});

describe('the per-channel checkpoint', () => {
  it('starts every channel the user newly sees at zero, and keeps the others', () => {
    const cp = {
      v: 1 as const,
      pos: { public: 12, 'community:a': 40, 'community:gone': 7, own: 41 },
    };
    const { positions, ownPosition } = positionsFor(
      cp,
      channelsOf([membership('a'), membership('b')], null),
    );
    expect(Object.fromEntries(positions)).toEqual({
      public: 12,
      'community:a': 40,
      'community:b': 0,
    });
    expect(ownPosition).toBe(41);
  });

  it('advances each channel a returned row belongs to, and the own position for own rows', () => {
    const channels = channelsOf([membership('a'), membership('b')], null);
    const next = advanceCheckpoint(
      { v: 1, pos: { 'community:a': 40, 'community:gone': 7 } },
      [row(3, ['community:b']), row(42, ['community:a'], 'me'), row(43, ['community:x'], 'me')],
      channels,
      'me',
    );
    expect(next).toEqual({
      v: 1,
      pos: { 'community:a': 42, 'community:b': 3, 'community:gone': 7, own: 43 },
    });
  });

  it('round-trips through JSON and treats an absent checkpoint as the beginning', () => {
    const cp = { v: 1, pos: { public: 3, own: 9 } };
    expect(parseCheckpoint(JSON.stringify(cp))).toEqual({ ok: true, value: cp });
    expect(parseCheckpoint(undefined)).toEqual({ ok: true, value: { v: 1, pos: {} } });
  });

  it.each([
    'null',
    '1',
    '{"v":1}',
    '{"v":1,"pos":[]}',
    '{"v":1,"pos":{"public":"3"}}',
    '{"v":1,"pos":{"public":1e300}}',
    '{"v":1,"pos":{"own ":1}}',
  ])('rejects %s', (raw) => {
    expect(parseCheckpoint(raw).ok).toBe(false);
  });
});
