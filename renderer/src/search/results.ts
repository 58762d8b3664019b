/**
 * Turns index hits into what the results page shows: grouped by kind, each with a link, a title
 * and the passage around the match. The index stores no body text, so the text of the few hits
 * shown is read back from the database (the journal's from memory).
 */
import type { Route } from '../app/routes';
import type { KindredDatabase } from '../db/database';
import type { SearchIndexer } from './indexer';
import type { SearchKind } from './search-docs';
import type { SearchHit } from './search-index';
import { type Segment, highlight, plainText, snippet } from './snippet';

export interface ResultItem {
  key: string;
  kind: SearchKind;
  route: Route;
  title: Segment[];
  passage: Segment[];
  authorName?: string;
  createdAt: number;
}

export interface ResultGroup {
  kind: SearchKind;
  items: ResultItem[];
  /** how many matched in all (only the first `perGroup` are shown) */
  total: number;
}

export const KIND_ORDER: readonly SearchKind[] = [
  'thread',
  'reply',
  'journal',
  'therapy',
  'community',
];

function routeOf(hit: SearchHit): Route {
  switch (hit.kind) {
    case 'thread':
      return { name: 'thread', threadId: hit.docId };
    case 'reply':
      return { name: 'thread', threadId: hit.threadId ?? '' };
    case 'therapy':
      return { name: 'therapy', therapyId: hit.docId };
    case 'community':
      return { name: 'community', communityId: hit.docId };
    case 'journal':
      return { name: 'journal', entryId: hit.docId };
  }
}

async function textsOf(
  db: KindredDatabase,
  search: SearchIndexer,
  hits: SearchHit[],
): Promise<Map<string, { title?: string; text: string }>> {
  const ids = (kind: SearchKind) => hits.filter((h) => h.kind === kind).map((h) => h.docId);
  const out = new Map<string, { title?: string; text: string }>();
  const replies = ids('reply').length ? await db.posts.findByIds(ids('reply')).exec() : new Map();
  const threadIds = [...ids('thread'), ...[...replies.values()].map((p) => p.threadId as string)];
  const threads = threadIds.length ? await db.threads.findByIds(threadIds).exec() : new Map();
  for (const [id, t] of threads) out.set(`thread:${id}`, { text: t.body as string });
  for (const [id, p] of replies) {
    const title = threads.get(p.threadId as string)?.title as string | undefined;
    out.set(`reply:${id}`, { title: title ? `Reply in “${title}”` : 'Reply', text: p.body });
  }
  for (const hit of hits) {
    if (hit.kind === 'journal') out.set(hit.key, { text: search.journalText(hit.key) ?? '' });
  }
  // Therapies and communities: the index's own stored fields say enough; no passage needed.
  return out;
}

export async function resolveResults(
  db: KindredDatabase,
  search: SearchIndexer,
  hits: SearchHit[],
  perGroup = 20,
): Promise<ResultGroup[]> {
  const first = KIND_ORDER.flatMap((kind) =>
    hits.filter((h) => h.kind === kind).slice(0, perGroup),
  );
  const texts = await textsOf(db, search, first);
  // A thread or reply the database no longer has (withdrawn meanwhile) is not shown.
  const shown = first.filter(
    (h) => (h.kind !== 'thread' && h.kind !== 'reply') || texts.has(h.key),
  );
  return KIND_ORDER.map((kind) => ({
    kind,
    total: hits.filter((h) => h.kind === kind).length,
    items: shown
      .filter((h) => h.kind === kind)
      .map((hit) => {
        const found = texts.get(hit.key);
        return {
          key: hit.key,
          kind,
          route: routeOf(hit),
          title: highlight(found?.title ?? hit.title, hit.terms),
          passage: found ? snippet(plainText(found.text), hit.terms) : [],
          authorName: hit.authorName,
          createdAt: hit.createdAt,
        };
      }),
  })).filter((group) => group.items.length > 0);
}
