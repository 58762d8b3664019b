/**
 * The full-text index: MiniSearch (BM25 ranking, prefix and typo-tolerant matching) over
 * SearchDocs, with our filters on top. Pure and synchronous apart from loading a saved copy, so
 * it is tested directly and benchmarked in Node.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { NamedTherapy } from '../../../shared/therapy-match';
import { expandQuery } from './expand-query';
import { type SearchDoc, type SearchKind, keyOf } from './search-docs';
import { distinctiveWords, keepTerm, tokenize } from './terms';

/** Bump when fields or terms change: a saved index of another format is rebuilt, not loaded. */
export const INDEX_FORMAT = 2;

export type StoredDoc = Omit<SearchDoc, 'text'>;

export interface SearchFilters {
  kinds?: readonly SearchKind[];
  communityId?: string;
  therapyId?: string;
  authorId?: string;
  /** inclusive bounds on createdAt, ms since epoch */
  from?: number;
  to?: number;
}

export interface SearchHit extends StoredDoc {
  score: number;
  /** index terms that matched, for highlighting */
  terms: string[];
}

export interface SearchOptions {
  filters?: SearchFilters;
  therapies?: readonly NamedTherapy[];
  /** 'similar': any word may match (suggestions while composing); default: every word must. */
  mode?: 'all-words' | 'similar';
  limit?: number;
}

const STORED: (keyof StoredDoc)[] = [
  'key',
  'kind',
  'docId',
  'title',
  'communityId',
  'threadId',
  'therapyIds',
  'authorId',
  'authorName',
  'createdAt',
  'updatedAt',
];

const OPTIONS: Options<SearchDoc> = {
  idField: 'key',
  fields: ['title', 'text'],
  storeFields: STORED,
  tokenize,
  processTerm: keepTerm,
  searchOptions: {
    boost: { title: 2 },
    prefix: true,
    // Short words are too easily one typo away from another word; long ones tolerate two.
    fuzzy: (term) => (term.length >= 8 ? 0.25 : term.length >= 4 ? 0.2 : false),
    maxFuzzy: 2,
  },
};

/**
 * Replies are nine in ten documents: they live in a part of their own, so a search for threads
 * alone ("similar threads", a kind filter) never scores them.
 */
type Part = 'topics' | 'replies';
const partOf = (kind: SearchKind): Part => (kind === 'reply' ? 'replies' : 'topics');
const PARTS: readonly Part[] = ['topics', 'replies'];

/** The saved form: MiniSearch's JSON of each part. */
export type SerializedIndex = Record<Part, string>;

export class SearchIndex {
  private constructor(
    private readonly parts: Record<Part, MiniSearch<SearchDoc>>,
    /** false for the journal's index: its plaintext must never be serialized. */
    readonly persistable: boolean,
  ) {}

  static create({ persistable }: { persistable: boolean }): SearchIndex {
    const parts = { topics: new MiniSearch(OPTIONS), replies: new MiniSearch(OPTIONS) };
    return new SearchIndex(parts, persistable);
  }

  /** A saved index (see toJSON); loads in chunks so a large one does not freeze the window. */
  static async load(saved: SerializedIndex): Promise<SearchIndex> {
    const [topics, replies] = await Promise.all(
      PARTS.map((part) => MiniSearch.loadJSONAsync<SearchDoc>(saved[part], OPTIONS)),
    );
    return new SearchIndex({ topics: topics!, replies: replies! }, true);
  }

  get size(): number {
    return this.parts.topics.documentCount + this.parts.replies.documentCount;
  }

  stored(key: string): StoredDoc | undefined {
    const part = key.startsWith('reply:') ? this.parts.replies : this.parts.topics;
    return part.getStoredFields(key) as StoredDoc | undefined;
  }

  upsert(doc: SearchDoc): void {
    const part = this.parts[partOf(doc.kind)];
    if (part.has(doc.key)) part.discard(doc.key);
    part.add(doc);
  }

  remove(key: string): void {
    for (const part of PARTS) if (this.parts[part].has(key)) this.parts[part].discard(key);
  }

  clear(): void {
    for (const part of PARTS) this.parts[part].removeAll();
  }

  search(text: string, options: SearchOptions = {}): SearchHit[] {
    const similar = options.mode === 'similar';
    const query = expandQuery(
      similar ? distinctiveWords(text) : text,
      options.therapies ?? [],
      similar ? 'OR' : 'AND',
    );
    if (!query) return [];
    const filters = options.filters ?? {};
    const filter = this.filterFor(filters);
    const parts = PARTS.filter(
      (part) => !filters.kinds || filters.kinds.some((kind) => partOf(kind) === part),
    );
    // Suggestions compare whole words: prefixes and typos would only add noise there.
    const searchOptions = { filter, ...(similar ? { fuzzy: false, prefix: false } : {}) };
    const results = parts.flatMap((part) => this.parts[part].search(query, searchOptions));
    if (parts.length > 1) results.sort((a, b) => b.score - a.score);
    return results.slice(0, options.limit ?? 200).map(toHit);
  }

  toJSON(): SerializedIndex {
    if (!this.persistable) throw new Error('this index holds private text and is never saved');
    return {
      topics: JSON.stringify(this.parts.topics),
      replies: JSON.stringify(this.parts.replies),
    };
  }

  private filterFor(f: SearchFilters): (result: SearchResult) => boolean {
    return (result) => {
      const doc = result as unknown as StoredDoc;
      if (f.kinds && !f.kinds.includes(doc.kind)) return false;
      if (f.communityId && doc.communityId !== f.communityId) return false;
      if (f.authorId && doc.authorId !== f.authorId) return false;
      if (f.from !== undefined && doc.createdAt < f.from) return false;
      if (f.to !== undefined && doc.createdAt > f.to) return false;
      if (f.therapyId && !this.therapyIdsOf(doc).includes(f.therapyId)) return false;
      return true;
    };
  }

  /** A reply is about the therapies its thread is tagged with. */
  private therapyIdsOf(doc: StoredDoc): string[] {
    if (doc.kind !== 'reply' || !doc.threadId) return doc.therapyIds ?? [];
    return this.stored(keyOf('thread', doc.threadId))?.therapyIds ?? [];
  }
}

function toHit(result: SearchResult): SearchHit {
  const { score, terms } = result;
  const stored = Object.fromEntries(STORED.map((k) => [k, result[k] as unknown])) as StoredDoc;
  return { ...stored, score, terms };
}
