/**
 * A seeded, realistic-looking forum corpus for the search benchmark: threads and replies of the
 * lengths members write, in words drawn with a Zipf-like skew (a few words everywhere, most rare),
 * with therapy names, symptoms, a little French and typos' targets mixed in.
 */
import type { Post } from '../shared/schemas/posts';
import type { Thread } from '../shared/schemas/threads';
import { THERAPY_CATALOG } from '../shared/therapy-catalog';
import { seeded } from './lib/community-corpus';

const COMMON = `the and to of a i in it my was for that is on with but have this had me so be at
not we they as just what he she all about from after when are do been one would can if or
there day week weeks time feel felt still more first now get got also really much back know
think going some like how did again because night morning work home family before things
good better worse any could out over days months month year years last next up other only
team nurse doctor clinic appointment hospital oncologist infusion scan results blood tests
dose side effects started stopped treatment cycle round start help helped helps anyone else
question questions advice thank thanks everyone group here same experience similar hope`.split(
  /\s+/,
);

const HEALTH = `fatigue tiredness nausea vomiting rash itching itchy dry skin hair loss appetite
weight sleep insomnia anxiety scanxiety pain headache diarrhea constipation neuropathy tingling
numbness fingers toes mouth sores taste cough breathlessness fever infection thyroid liver
kidney levels markers tumor tumour shrinking stable progression remission biopsy mri ct pet
radiotherapy radiation surgery recovery wound physiotherapy walking exercise diet hydration
moisturizer cream gloves cold cap port picc line steroid steroids dexamethasone antiemetic
ondansetron insurance caregiver partner daughter son husband wife mother father kids school
chimiothérapie fatigué médecin traitement effets secondaires douleur sommeil`.split(/\s+/);

const THERAPY_WORDS = THERAPY_CATALOG.flatMap((t) => [t.name, ...t.aliases]).flatMap((n) =>
  n.split(/\s+/),
);

/**
 * The vocabulary in rank order: common words first, then the health words and therapy names
 * spread among 20,000 rarer made-up words, as in real text where most words are rare.
 */
function vocabulary(rand: () => number): string[] {
  const syllables = 'ka lo mi ne ru sa te vo za bri cho dra fle gro pla sti tru wen xal yor'.split(
    ' ',
  );
  const made = new Set<string>();
  while (made.size < 20_000) {
    const n = 2 + Math.floor(rand() * 3);
    made.add(
      Array.from({ length: n }, () => syllables[Math.floor(rand() * syllables.length)]).join(''),
    );
  }
  const ranked = [...COMMON];
  const rare = [...made];
  const special = [
    ...HEALTH.map((w, i) => [150 + i * 8, w] as const),
    ...THERAPY_WORDS.map((w, i) => [400 + i * 25, w] as const),
  ];
  special.sort((a, b) => a[0] - b[0]);
  for (const [rank, w] of special) {
    while (ranked.length < rank && rare.length > 0) ranked.push(rare.pop()!);
    ranked.push(w);
  }
  return [...ranked, ...rare];
}

/** Zipf's law: the word of rank r turns up in proportion to 1/r. */
function zipfPicker(words: readonly string[], rand: () => number): () => string {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < words.length; i += 1) cumulative.push((sum += 1 / (i + 1)));
  return () => {
    const r = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
}

export interface Corpus {
  threads: Thread[];
  posts: Post[];
}

export function makeCorpus(threadCount: number, replyCount: number, seed = 20240611): Corpus {
  const rand = seeded(seed);
  const word = zipfPicker(vocabulary(rand), rand);
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const sentence = (min: number, max: number) => {
    const words = Array.from({ length: int(min, max) }, word);
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    return `${words.join(' ')}${rand() < 0.2 ? '?' : '.'}`;
  };
  const text = (minWords: number, maxWords: number) => {
    const out: string[] = [];
    let n = int(minWords, maxWords);
    while (n > 0) {
      const s = sentence(6, 18);
      out.push(s);
      n -= s.split(' ').length;
    }
    return out.join(' ');
  };
  const start = Date.UTC(2023, 0, 1);
  const threads: Thread[] = [];
  for (let i = 0; i < threadCount; i += 1) {
    const createdAt = start + int(0, 700) * 86_400_000;
    threads.push({
      id: `t${i}`,
      updatedAt: createdAt,
      communityId: `c${int(0, 11)}`,
      authorId: `u${int(0, 1999)}`,
      authorName: `Member ${i % 2000}`,
      title: sentence(5, 12).replace(/[.?]$/, ''),
      body: text(60, 250),
      therapyIds: rand() < 0.4 ? [THERAPY_CATALOG[int(0, THERAPY_CATALOG.length - 1)]!.id] : [],
      shareToTherapyPages: false,
      createdAt,
    });
  }
  const posts: Post[] = [];
  for (let i = 0; i < replyCount; i += 1) {
    const thread = threads[int(0, threadCount - 1)]!;
    const createdAt = thread.createdAt + int(1, 5000) * 60_000;
    posts.push({
      id: `p${i}`,
      updatedAt: createdAt,
      threadId: thread.id,
      communityId: thread.communityId,
      authorId: `u${int(0, 1999)}`,
      authorName: `Member ${i % 2000}`,
      body: text(20, 120),
      createdAt,
    });
  }
  return { threads, posts };
}
