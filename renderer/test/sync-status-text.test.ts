/** The sync status bar's sentences (ui/sync-status-text.ts, ui/refusal-text.ts). */
import { describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../../shared/protocol';
import { refusalReason, refusalText } from '../src/ui/refusal-text';
import {
  firstSyncText,
  groupRefusals,
  outdatedText,
  troubleText,
} from '../src/ui/sync-status-text';

describe('refusals in words', () => {
  it('says what was refused and why, as the issue asks', () => {
    const [group] = groupRefusals([
      { id: 'p1', kind: 'reply', code: 'not-member', communityName: 'Melanoma' },
    ]);
    expect(group?.text).toBe('The server refused 1 reply: you are no longer a member of Melanoma.');
  });

  it('counts refusals of one reason and community together, most first', () => {
    const groups = groupRefusals([
      { id: 't1', kind: 'thread', code: 'not-member', communityName: 'Melanoma' },
      { id: 'p1', kind: 'reply', code: 'not-member', communityName: 'Melanoma', inDrafts: true },
      { id: 'p2', kind: 'reply', code: 'not-member', communityName: 'Melanoma' },
      { id: 'p3', kind: 'reply', code: 'community-locked', communityName: 'Lupus' },
    ]);
    expect(groups.map((g) => g.text)).toEqual([
      'The server refused 2 replies and 1 thread: you are no longer a member of Melanoma.',
      'The server refused 1 reply: Lupus is locked by its moderators.',
    ]);
    expect(groups[0]?.ids).toEqual(['t1', 'p1', 'p2']); // "Dismiss" clears the whole sentence
    expect(groups.map((g) => g.inDrafts)).toEqual([true, false]);
  });

  it('keeps the same reason in different communities apart', () => {
    const groups = groupRefusals([
      { id: 'p1', kind: 'reply', code: 'not-member', communityName: 'Melanoma' },
      { id: 'p2', kind: 'reply', code: 'not-member', communityName: 'Lupus' },
    ]);
    expect(groups).toHaveLength(2);
  });

  it('names other kinds of documents, and a refusal with an unknown reason', () => {
    const groups = groupRefusals([
      { id: 'r1', kind: 'reactions', code: 'not-member' },
      { id: 'r2', kind: 'reactions', code: 'not-member' },
      { id: 'j1', kind: 'journal', code: 'something-new' },
    ]);
    expect(groups.map((g) => g.text)).toEqual([
      'The server refused 2 reactions: you are no longer a member of that community.',
      'The server refused 1 journal entry.',
    ]);
  });

  it('has words for every refusal code the server sends', () => {
    for (const code of REFUSAL_CODES) expect(refusalReason(code, 'Melanoma')).toBeTruthy();
    expect(refusalText('too-large')).toBe(
      'The server refused it: it is too long. Please shorten it.',
    );
  });
});

describe('server trouble in words', () => {
  it('a failing server, with when Kindred tries again', () => {
    expect(troubleText({ kind: 'server-error', retryInMs: 8_400 })).toBe(
      'The server is having trouble; Kindred will retry in 9 s.',
    );
    expect(troubleText({ kind: 'server-error', retryInMs: 0 })).toBe(
      'The server is having trouble; Kindred will retry now.',
    );
  });

  it('a server that asked Kindred to slow down', () => {
    expect(troubleText({ kind: 'rate-limited', retryInMs: 30_000 })).toBe(
      'The server asked Kindred to slow down; Kindred will try again in 30 s.',
    );
  });

  it('a version too old for what the server sends', () => {
    expect(outdatedText(['communities', 'moderation'])).toBe(
      'Update Kindred to keep syncing communities and moderation decisions: this version cannot read what the server now sends. Nothing on this device is lost.',
    );
  });
});

describe('first-sync progress in words', () => {
  it('counts what has arrived by kind, since there is no total to show', () => {
    expect(firstSyncText({})).toBe('Downloading your communities…');
    expect(firstSyncText({ threads: 1_200, posts: 8_400 })).toBe(
      'Downloading your communities… 1,200 threads, 8,400 replies so far',
    );
    expect(firstSyncText({ communities: 12, threads: 1, profiles: 30, posts: 0 })).toBe(
      'Downloading your communities… 1 thread, 42 other items so far',
    );
  });
});
