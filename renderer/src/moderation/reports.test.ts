import { describe, expect, it } from 'vitest';
import type { ModerationDoc } from '../../../shared/schemas/moderation';
import { type Report, sameSnapshot, snapshotOf } from '../../../shared/schemas/reports';
import { isHandled } from './reports';

const report = { createdAt: 1_000 } as Report;
const decision = (updatedAt: number, by = 'mod-1') =>
  ({ updatedAt, by, state: 'approved' }) as ModerationDoc;

describe('reports', () => {
  it('a report is handled by a moderator’s decision about its target made after it', () => {
    expect(isHandled(report, undefined)).toBe(false);
    expect(isHandled(report, decision(999))).toBe(false);
    expect(isHandled(report, decision(1_000))).toBe(false);
    expect(isHandled(report, decision(1_001))).toBe(true);
    // The server's own 'pending' hold is nobody's decision about the report.
    expect(isHandled(report, decision(2_000, 'server'))).toBe(false);
  });

  it('a snapshot is the title (threads only), body and author of the target', () => {
    const post = { id: 'p', body: 'text', authorId: 'a', threadId: 't' };
    const thread = { id: 't', title: 'Title', body: 'text', authorId: 'a' };
    expect(snapshotOf(post)).toEqual({ body: 'text', authorId: 'a' });
    expect(snapshotOf(thread)).toEqual({ title: 'Title', body: 'text', authorId: 'a' });
    expect(sameSnapshot(snapshotOf(post), { authorId: 'a', body: 'text' })).toBe(true);
    expect(sameSnapshot(snapshotOf(post), { body: 'edited', authorId: 'a' })).toBe(false);
    expect(sameSnapshot(snapshotOf(thread), { body: 'text', authorId: 'a' })).toBe(false);
  });
});
