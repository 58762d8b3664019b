import { describe, expect, it } from 'vitest';
import { THERAPY_CATALOG } from '../../../shared/therapy-catalog';
import type { Thread } from '../../../shared/schemas/threads';
import { type SearchDoc, replyDoc, therapyDoc, threadDoc } from './search-docs';
import { SearchIndex } from './search-index';

const DAY = 86_400_000;

function thread(id: string, title: string, body: string, extra: Partial<Thread> = {}): SearchDoc {
  return threadDoc({
    id,
    updatedAt: 1,
    communityId: 'lung-cancer',
    authorId: 'rosa',
    authorName: 'Rosa',
    title,
    body,
    therapyIds: [],
    shareToTherapyPages: false,
    createdAt: 10 * DAY,
    ...extra,
  });
}

/** A small fixed corpus: what a lung-cancer community might hold. */
function corpus(): SearchIndex {
  const index = SearchIndex.create({ persistable: true });
  for (const doc of [
    thread('osi', 'Starting osimertinib next week', 'What helped with the rash and dry skin?', {
      therapyIds: ['osimertinib'],
    }),
    thread('scan', 'Scanxiety before my CT', 'The waiting is the worst part of the rash of fears.'),
    thread('pem', 'Pembrolizumab every three weeks', 'Tiredness for a day or two, then normal.', {
      communityId: 'melanoma',
      authorId: 'dev',
      therapyIds: ['pembrolizumab'],
      createdAt: 40 * DAY,
    }),
    thread('fr', 'Fatigue après la chimiothérapie', 'Le médecin a proposé une pause.'),
    replyDoc({
      id: 'r1',
      updatedAt: 1,
      threadId: 'pem',
      communityId: 'melanoma',
      authorId: 'rosa',
      body: 'Did they check your thyroid regularly on it?',
      createdAt: 41 * DAY,
    }),
    ...THERAPY_CATALOG.slice(0, 20).map((t) => therapyDoc({ ...t, updatedAt: 1 })),
  ]) {
    index.upsert(doc);
  }
  return index;
}

const therapies = THERAPY_CATALOG;

describe('search ranking and matching', () => {
  it('ranks a thread with the word in its title above one with it only in the body', () => {
    const hits = corpus().search('rash', { filters: { kinds: ['thread'] } });
    expect(hits.map((h) => h.docId)).toEqual(['osi', 'scan']);
  });

  it('ranks the exact word above a typo of it and above a longer word it begins', () => {
    const index = corpus();
    // The same title but for that one word, and the same body: only the kind of match differs.
    for (const [id, word] of [
      ['typo', 'Nausia'],
      ['exact', 'Nausea'],
      ['prefix', 'Nauseated'],
    ] as const) {
      index.upsert(thread(id, `${word} after every cycle`, 'Ginger tea helped a little.'));
    }
    const hits = index.search('nausea', { filters: { kinds: ['thread'] } });
    expect(hits[0]?.docId).toBe('exact');
    // (the other two are found, just below it)
    expect(hits.map((h) => h.docId).sort()).toEqual(['exact', 'prefix', 'typo']);
  });

  it('puts a thread whose title matches before a thread where only a reply matches', () => {
    const index = corpus();
    index.upsert(thread('thy', 'Thyroid levels on immunotherapy', 'How often were yours tested?'));
    // A few more replies, so that a word's rarity among replies is not that of a single reply.
    for (const [id, threadId, body] of [
      ['r2', 'osi', 'Urea cream twice a day helped my hands.'],
      ['r3', 'scan', 'Breathing exercises in the waiting room, every time.'],
      ['r4', 'fr', 'Moi aussi, deux semaines de pause.'],
    ] as const) {
      index.upsert(
        replyDoc({
          id,
          updatedAt: 1,
          threadId,
          communityId: 'lung-cancer',
          authorId: 'dev',
          body,
          createdAt: 12 * DAY,
        }),
      );
    }
    // Threads and replies come back as one list, best first (a limit keeps its head); the
    // thread "pem" matches only through its reply r1, "Did they check your thyroid...".
    const hits = index.search('thyroid', { filters: { kinds: ['thread', 'reply'] } });
    const threads = hits.map((h) => (h.kind === 'reply' ? h.threadId : h.docId));
    expect(threads).toEqual(['thy', 'pem']);
  });

  it('finds the generic-name thread when searching a brand name', () => {
    const hits = corpus().search('Tagrisso', { therapies, filters: { kinds: ['thread'] } });
    expect(hits.map((h) => h.docId)).toEqual(['osi']);
    expect(hits[0]!.terms).toContain('osimertinib');
  });

  it('finds the therapy itself by a brand name, and the brand-name thread by the generic', () => {
    const index = corpus();
    index.upsert(thread('k', 'Keytruda infusion day', 'Short and quiet.'));
    expect(index.search('keytruda', { therapies, filters: { kinds: ['therapy'] } })[0]?.docId).toBe(
      'pembrolizumab',
    );
    const threads = index.search('pembrolizumab', { therapies, filters: { kinds: ['thread'] } });
    expect(threads.map((h) => h.docId).sort()).toEqual(['k', 'pem']);
  });

  it('needs every word to match', () => {
    expect(
      corpus()
        .search('rash skin')
        .map((h) => h.docId),
    ).toEqual(['osi']);
  });

  it('folds diacritics both ways', () => {
    const index = corpus();
    expect(index.search('chimiotherapie').map((h) => h.docId)).toEqual(['fr']);
    expect(index.search('MÉDECIN').map((h) => h.docId)).toEqual(['fr']);
  });

  it('tolerates a typo and matches a word being typed', () => {
    const index = corpus();
    expect(index.search('osimertnib').map((h) => h.docId)).toContain('osi');
    expect(index.search('thyr', { filters: { kinds: ['reply'] } }).map((h) => h.docId)).toEqual([
      'r1',
    ]);
  });

  it('filters by community, therapy (a reply by its thread), author and date', () => {
    const index = corpus();
    expect(index.search('thyroid', { filters: { therapyId: 'pembrolizumab' } })).toHaveLength(1);
    expect(index.search('thyroid', { filters: { therapyId: 'osimertinib' } })).toHaveLength(0);
    expect(index.search('tiredness', { filters: { communityId: 'lung-cancer' } })).toHaveLength(0);
    expect(index.search('tiredness', { filters: { authorId: 'dev' } })).toHaveLength(1);
    expect(index.search('tiredness', { filters: { from: 41 * DAY } })).toHaveLength(0);
    expect(index.search('tiredness', { filters: { to: 40 * DAY } })).toHaveLength(1);
  });

  it('suggests similar threads when any word matches', () => {
    const hits = corpus().search('What cream for the rash on osimertinib?', {
      mode: 'similar',
      filters: { kinds: ['thread'] },
    });
    expect(hits[0]?.docId).toBe('osi');
  });

  it('forgets a removed document and finds the new version of a changed one', () => {
    const index = corpus();
    index.remove('thread:osi');
    expect(index.search('osimertinib', { filters: { kinds: ['thread'] } })).toHaveLength(0);
    index.upsert(thread('scan', 'Scanxiety before my PET', 'Changed.'));
    expect(index.search('PET').map((h) => h.docId)).toEqual(['scan']);
    expect(index.search('waiting')).toHaveLength(0);
  });

  it('round-trips through its saved form', async () => {
    const loaded = await SearchIndex.load(corpus().toJSON());
    expect(loaded.search('Tagrisso', { therapies, filters: { kinds: ['thread'] } })[0]?.docId).toBe(
      'osi',
    );
  });

  it('refuses to serialize an index that holds private text', () => {
    const journal = SearchIndex.create({ persistable: false });
    expect(() => journal.toJSON()).toThrow();
  });
});
