/**
 * What the search index holds: one flat document per searchable thing, whatever collection it
 * came from. Pure converters from the database's documents (and from opened journal entries,
 * which exist only in memory).
 */
import type { Community } from '../../../shared/schemas/communities';
import type { Post } from '../../../shared/schemas/posts';
import type { Therapy } from '../../../shared/schemas/therapies';
import type { Thread } from '../../../shared/schemas/threads';
import type { OpenedEntry } from '../journal/journal-store';

export const SEARCH_KINDS = ['thread', 'reply', 'therapy', 'community', 'journal'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchDoc {
  /** `${kind}:${docId}`: ids of different collections may coincide. */
  key: string;
  kind: SearchKind;
  docId: string;
  title: string;
  text: string;
  communityId?: string;
  threadId?: string;
  therapyIds?: string[];
  authorId?: string;
  authorName?: string;
  /** ms since epoch: when it was written (a journal entry: its calendar day) */
  createdAt: number;
  updatedAt: number;
}

export function keyOf(kind: SearchKind, docId: string): string {
  return `${kind}:${docId}`;
}

export function threadDoc(t: Thread): SearchDoc {
  return {
    key: keyOf('thread', t.id),
    kind: 'thread',
    docId: t.id,
    title: t.title,
    text: t.body,
    communityId: t.communityId,
    therapyIds: t.therapyIds,
    authorId: t.authorId,
    authorName: t.authorName,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export function replyDoc(p: Post): SearchDoc {
  return {
    key: keyOf('reply', p.id),
    kind: 'reply',
    docId: p.id,
    title: '',
    text: p.body,
    communityId: p.communityId,
    threadId: p.threadId,
    authorId: p.authorId,
    authorName: p.authorName,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function therapyDoc(t: Therapy): SearchDoc {
  return {
    key: keyOf('therapy', t.id),
    kind: 'therapy',
    docId: t.id,
    title: t.name,
    text: [...t.aliases, ...t.conditions.map((c) => c.replace(/-/g, ' '))].join('\n'),
    therapyIds: [t.id],
    createdAt: t.updatedAt,
    updatedAt: t.updatedAt,
  };
}

export function communityDoc(c: Community): SearchDoc {
  return {
    key: keyOf('community', c.id),
    kind: 'community',
    docId: c.id,
    title: c.name,
    text: [c.description, c.partner.name, ...c.conditionTags.map((t) => t.replace(/-/g, ' '))].join(
      '\n',
    ),
    communityId: c.id,
    createdAt: c.updatedAt,
    updatedAt: c.updatedAt,
  };
}

/** Plaintext: such a document may only ever enter the in-memory journal index. */
export function journalDoc(e: OpenedEntry, ownerId: string): SearchDoc {
  const { entry } = e;
  const day = Date.parse(`${entry.date}T12:00:00`);
  return {
    key: keyOf('journal', e.id),
    kind: 'journal',
    docId: e.id,
    title: entry.title || entry.date,
    text: [
      entry.body,
      ...entry.tags.map((t) => `#${t}`),
      ...entry.symptoms.map((s) => s.name),
      ...entry.medications.map((m) => `${m.name} ${m.dose}`),
    ].join('\n'),
    therapyIds: entry.medications.flatMap((m) => (m.therapyId ? [m.therapyId] : [])),
    authorId: ownerId,
    createdAt: Number.isNaN(day) ? e.createdAt : day,
    updatedAt: e.updatedAt,
  };
}
