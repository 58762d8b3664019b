/**
 * A seeded community for the sync benchmarks: threads and replies of the lengths members write
 * (titles 30–90 characters, bodies 200–1500), Markdown drawn from a word list with a Zipf-like
 * skew, UUID ids and a few hundred authors, as the app writes them. Same seed, same documents.
 */
import type { Post } from '../../shared/schemas/posts';
import type { Thread } from '../../shared/schemas/threads';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = `the and to of a i in it my was for that is on with but have this had me so be at not
we they as just what he she all about from after when are do been one would can if or there day
week weeks time feel felt still more first now get got also really much back know think going
some like how did again because night morning work home family before things good better worse
any could out over days months month year years last next up other only team nurse doctor clinic
appointment hospital oncologist infusion scan results blood tests dose side effects started
stopped treatment cycle round start help helped anyone else question advice thank thanks
everyone group here same experience similar hope fatigue tiredness nausea rash itching dry skin
hair loss appetite weight sleep insomnia anxiety scanxiety pain headache diarrhea neuropathy
tingling numbness fingers toes mouth sores taste cough breathlessness fever infection thyroid
liver kidney levels markers tumor shrinking stable progression remission biopsy mri ct pet
radiotherapy radiation surgery recovery wound physiotherapy walking exercise diet hydration
moisturizer cream gloves cold cap port picc line steroid dexamethasone ondansetron insurance
caregiver partner daughter son husband wife mother father kids school keytruda pembrolizumab
tagrisso osimertinib herceptin trastuzumab tamoxifen letrozole opdivo nivolumab ibrance
palbociclib carboplatin paclitaxel docetaxel folfox capecitabine avastin afinitor lenvima
immunotherapy chemotherapy targeted therapy trial oncology ward waiting room parking coffee
tea ginger crackers water bottle blanket socks slippers notebook questions list calendar
reminder pharmacy prescription refill copay bills work leave boss colleagues friends neighbours
walks garden dog cat music podcast audiobook knitting puzzle television`.split(/\s+/);

/** rank r is drawn in proportion to 1/(r+1) */
function zipf(rand: () => number): () => string {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < WORDS.length; i += 1) cumulative.push((sum += 1 / (i + 1)));
  return () => {
    const r = rand() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return WORDS[lo]!;
  };
}

const between = (rand: () => number, min: number, max: number) =>
  min + Math.floor(rand() * (max - min + 1));

function uuid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export interface CommunityCorpus {
  communityId: string;
  threads: Thread[];
  posts: Post[];
}

export interface CorpusOptions {
  threads: number;
  replies: number;
  seed?: number;
  communityId?: string;
  authors?: number;
}

export function communityCorpus(options: CorpusOptions): CommunityCorpus {
  const rand = seeded(options.seed ?? 20_260_112);
  const word = zipf(rand);
  const communityId = options.communityId ?? 'bench-community';
  const authors = Array.from({ length: options.authors ?? 400 }, (_, i) => ({
    id: uuid(rand),
    name: `${['Ana', 'Ben', 'Chloé', 'Dev', 'Emeka', 'Fatima', 'Greta', 'Hiro'][i % 8]} ${String.fromCharCode(65 + (i % 26))}.`,
  }));
  const author = () => authors[Math.floor(rand() * authors.length)]!;

  const sentence = () => {
    const words = Array.from({ length: between(rand, 5, 18) }, word);
    if (rand() < 0.1) words[between(rand, 0, words.length - 1)] = `**${word()}**`;
    const text = words.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}${rand() < 0.15 ? '?' : '.'}`;
  };
  /** Markdown paragraphs (now and then a list) until the text is `length` characters long */
  const markdown = (length: number) => {
    const paragraphs: string[] = [];
    let size = 0;
    while (size < length) {
      let paragraph: string;
      if (rand() < 0.12) {
        paragraph = Array.from({ length: between(rand, 2, 4) }, () => `- ${sentence()}`).join('\n');
      } else {
        paragraph = Array.from({ length: between(rand, 1, 4) }, sentence).join(' ');
      }
      paragraphs.push(paragraph);
      size += paragraph.length + 2;
    }
    return paragraphs.join('\n\n').slice(0, length).trimEnd();
  };
  const title = () => {
    const length = between(rand, 30, 90);
    let text = '';
    while (text.length < length) text += `${text ? ' ' : ''}${word()}`;
    text = text.slice(0, length).trimEnd();
    return `${text[0]!.toUpperCase()}${text.slice(1)}${rand() < 0.5 ? '?' : ''}`;
  };

  const start = Date.UTC(2023, 0, 1);
  const span = 3 * 365 * 86_400_000;
  const threads: Thread[] = [];
  for (let i = 0; i < options.threads; i += 1) {
    const who = author();
    const createdAt =
      start + Math.floor((span * i) / options.threads) + between(rand, 0, 3_600_000);
    threads.push({
      id: uuid(rand),
      updatedAt: createdAt,
      communityId,
      authorId: who.id,
      authorName: who.name,
      title: title(),
      body: markdown(between(rand, 200, 1500)),
      therapyIds: [],
      shareToTherapyPages: false,
      createdAt,
    });
  }
  const posts: Post[] = [];
  for (let i = 0; i < options.replies; i += 1) {
    const thread = threads[Math.floor(rand() * threads.length)]!;
    const who = author();
    const createdAt = thread.createdAt + between(rand, 60_000, 14 * 86_400_000);
    posts.push({
      id: uuid(rand),
      updatedAt: createdAt,
      threadId: thread.id,
      communityId,
      authorId: who.id,
      authorName: who.name,
      body: markdown(between(rand, 200, 1500)),
      createdAt,
    });
  }
  return { communityId, threads, posts };
}
