/** Hash routes: they survive a reload and need no server support under the app:// scheme. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'directory' }
  | { name: 'community'; communityId: string }
  | { name: 'members'; communityId: string }
  | { name: 'partner-tools'; communityId: string }
  | { name: 'new-thread'; communityId: string; draftId?: string }
  /** with a draftId: the thread, with that reply draft in its composer (see ui/draft-origin.ts) */
  | { name: 'thread'; threadId: string; draftId?: string }
  | { name: 'drafts' }
  | { name: 'outbox' }
  | { name: 'since' }
  | { name: 'journal'; entryId?: string }
  | { name: 'therapies' }
  | { name: 'therapy'; therapyId: string }
  | { name: 'profile' }
  | { name: 'search'; query: string }
  | { name: 'moderation' }
  | { name: 'settings' }
  | { name: 'member'; userId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'c' && parts[1] && parts[2] === 'new') {
    return parts[3]
      ? { name: 'new-thread', communityId: parts[1], draftId: parts[3] }
      : { name: 'new-thread', communityId: parts[1] };
  }
  if (parts[0] === 'c' && parts[1] && parts[2] === 'members') {
    return { name: 'members', communityId: parts[1] };
  }
  if (parts[0] === 'c' && parts[1] && parts[2] === 'partner') {
    return { name: 'partner-tools', communityId: parts[1] };
  }
  if (parts[0] === 'drafts') return { name: 'drafts' };
  if (parts[0] === 'outbox') return { name: 'outbox' };
  if (parts[0] === 'since') return { name: 'since' };
  if (parts[0] === 'therapies') return { name: 'therapies' };
  if (parts[0] === 'therapy' && parts[1]) return { name: 'therapy', therapyId: parts[1] };
  if (parts[0] === 'profile') return { name: 'profile' };
  if (parts[0] === 'moderation') return { name: 'moderation' };
  if (parts[0] === 'settings') return { name: 'settings' };
  if (parts[0] === 'member' && parts[1]) return { name: 'member', userId: parts[1] };
  if (parts[0] === 'search') return { name: 'search', query: parts[1] ?? '' };
  if (parts[0] === 'journal')
    return parts[1] ? { name: 'journal', entryId: parts[1] } : { name: 'journal' };
  if (parts[0] === 'c' && parts[1]) return { name: 'community', communityId: parts[1] };
  if (parts[0] === 't' && parts[1]) {
    return parts[2] === 'draft' && parts[3]
      ? { name: 'thread', threadId: parts[1], draftId: parts[3] }
      : { name: 'thread', threadId: parts[1] };
  }
  return { name: 'directory' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'directory':
      return '#/';
    case 'community':
      return `#/c/${encodeURIComponent(route.communityId)}`;
    case 'members':
      return `#/c/${encodeURIComponent(route.communityId)}/members`;
    case 'partner-tools':
      return `#/c/${encodeURIComponent(route.communityId)}/partner`;
    case 'new-thread':
      return `#/c/${encodeURIComponent(route.communityId)}/new${route.draftId ? `/${encodeURIComponent(route.draftId)}` : ''}`;
    case 'drafts':
      return '#/drafts';
    case 'outbox':
      return '#/outbox';
    case 'since':
      return '#/since';
    case 'therapies':
      return '#/therapies';
    case 'therapy':
      return `#/therapy/${encodeURIComponent(route.therapyId)}`;
    case 'profile':
      return '#/profile';
    case 'moderation':
      return '#/moderation';
    case 'settings':
      return '#/settings';
    case 'member':
      return `#/member/${encodeURIComponent(route.userId)}`;
    case 'search':
      return `#/search${route.query ? `/${encodeURIComponent(route.query)}` : ''}`;
    case 'journal':
      return `#/journal${route.entryId ? `/${encodeURIComponent(route.entryId)}` : ''}`;
    case 'thread':
      return `#/t/${encodeURIComponent(route.threadId)}${route.draftId ? `/draft/${encodeURIComponent(route.draftId)}` : ''}`;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  if (options.replace) {
    window.history.replaceState(null, '', hrefFor(route));
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = hrefFor(route);
  }
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
