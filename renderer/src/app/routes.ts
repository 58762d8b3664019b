/** Hash routes: they survive a reload and need no server support under the app:// scheme. */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'directory' }
  | { name: 'community'; communityId: string }
  | { name: 'new-thread'; communityId: string }
  | { name: 'thread'; threadId: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'c' && parts[1] && parts[2] === 'new')
    return { name: 'new-thread', communityId: parts[1] };
  if (parts[0] === 'c' && parts[1]) return { name: 'community', communityId: parts[1] };
  if (parts[0] === 't' && parts[1]) return { name: 'thread', threadId: parts[1] };
  return { name: 'directory' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'directory':
      return '#/';
    case 'community':
      return `#/c/${encodeURIComponent(route.communityId)}`;
    case 'new-thread':
      return `#/c/${encodeURIComponent(route.communityId)}/new`;
    case 'thread':
      return `#/t/${encodeURIComponent(route.threadId)}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
