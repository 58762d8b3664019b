import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from './routes';

describe('hash routes', () => {
  it('round-trip every screen, including ids that need escaping', () => {
    const routes = [
      { name: 'directory' },
      { name: 'community', communityId: 'lung-cancer' },
      { name: 'members', communityId: 'lgbt caregivers/é' },
      { name: 'partner-tools', communityId: 'melanoma' },
      { name: 'new-thread', communityId: 'lgbt caregivers/é' },
      { name: 'new-thread', communityId: 'melanoma', draftId: 'u1:thread:42' },
      { name: 'thread', threadId: 'a/b?c#d' },
      { name: 'thread', threadId: 't-1', draftId: 'u1:declined:p/2~0a1b' },
      { name: 'drafts' },
      { name: 'outbox' },
      { name: 'since' },
      { name: 'journal' },
      { name: 'therapies' },
      { name: 'therapy', therapyId: 'pembrolizumab' },
      { name: 'profile' },
      { name: 'moderation' },
      { name: 'settings' },
      { name: 'member', userId: 'u-1' },
      { name: 'search', query: 'keytruda rash/itch' },
      { name: 'journal', entryId: 'e/1' },
    ] as const;
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route);
  });

  it('a thread opened with one of its reply drafts names that draft', () => {
    expect(parseRoute('#/t/t-1/draft/u1%3Areply%3At-1~ff00')).toEqual({
      name: 'thread',
      threadId: 't-1',
      draftId: 'u1:reply:t-1~ff00',
    });
    // Anything else after the thread id still opens the thread.
    expect(parseRoute('#/t/t-1/draft')).toEqual({ name: 'thread', threadId: 't-1' });
  });

  it('an unknown or empty hash shows the directory', () => {
    expect(parseRoute('')).toEqual({ name: 'directory' });
    expect(parseRoute('#/nowhere/at/all')).toEqual({ name: 'directory' });
  });
});
