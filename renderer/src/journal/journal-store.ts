/**
 * The journal's data layer: pure functions over the local database and the user's keyring.
 * Every entry is sealed (AES-GCM, see crypto/seal.ts) before it is written; what is stored and
 * synced is `{id, ownerId, keyId, iv, ciphertext, updatedAt}` and nothing else.
 */
import type { JournalDoc } from '../../../shared/schemas/sealed';
import { type Keyring, keyFor } from '../crypto/keyring';
import { openJson, sealJson } from '../crypto/seal';
import type { KindredDatabase } from '../db/database';
import {
  type EntryContent,
  type EntryPayload,
  type EntryVersion,
  HISTORY_CHARS_MAX,
  HISTORY_MAX,
  HISTORY_SESSION_MS,
  type JournalPayload,
  type SettingsPayload,
  normalizeEntry,
  normalizeSymptomName,
} from './entry-model';

export interface Owner {
  userId: string;
  keyring: Keyring;
}

export interface OpenedEntry {
  id: string;
  updatedAt: number;
  createdAt: number;
  savedAt: number;
  entry: EntryContent;
  history: EntryVersion[];
  /** This device's version of an entry that was also changed elsewhere (see db/conflicts.ts). */
  conflictCopy: boolean;
}

/** Why a journal document could not be opened on this device. */
export type SealProblem = 'other-key' | 'damaged';

export interface UnopenedDoc {
  id: string;
  updatedAt: number;
  problem: SealProblem;
}

export interface Journal {
  entries: OpenedEntry[];
  /** The user's own list of symptoms (settings, plus any symptom used in an entry). */
  symptoms: string[];
  unopened: UnopenedDoc[];
}

export class JournalWriteError extends Error {
  constructor(readonly problem: SealProblem) {
    super(`journal entry cannot be opened here (${problem})`);
    this.name = 'JournalWriteError';
  }
}

/** Journal ids are global on the server: they start with the owner's id so they never collide. */
export function newEntryId(userId: string): string {
  return `${userId}:journal:${crypto.randomUUID()}`;
}

export function settingsIdFor(userId: string): string {
  return `${userId}:journal:settings`;
}

export function isConflictCopy(id: string): boolean {
  return id.includes('~');
}

type Opened = { ok: true; payload: JournalPayload } | { ok: false; problem: SealProblem };

export async function openJournalDoc(keyring: Keyring, doc: JournalDoc): Promise<Opened> {
  const key = keyFor(keyring, doc.keyId);
  if (!key) return { ok: false, problem: 'other-key' };
  const opened = await openJson<JournalPayload>(key, doc);
  if (!opened.ok) return { ok: false, problem: opened.reason };
  const type = (opened.value as { type?: unknown } | null)?.type;
  if (type !== 'entry' && type !== 'settings') return { ok: false, problem: 'damaged' };
  return { ok: true, payload: opened.value };
}

async function writeSealed(
  db: KindredDatabase,
  owner: Owner,
  id: string,
  payload: JournalPayload,
  previousUpdatedAt: number,
  now: number,
): Promise<void> {
  const sealed = await sealJson(owner.keyring.current, payload);
  await db.journal.upsert({
    id,
    ownerId: owner.userId,
    ...sealed,
    // Strictly increasing, so another device never takes this write for an older one.
    updatedAt: Math.max(now, previousUpdatedAt + 1),
  });
}

/**
 * Saves an entry (creating it if needed). The version it replaces goes into the history when it
 * was saved in an earlier editing session, so autosave every few hundred milliseconds keeps one
 * version per sitting, not one per keystroke.
 */
export async function saveEntry(
  db: KindredDatabase,
  owner: Owner,
  id: string,
  content: EntryContent,
  now = Date.now(),
): Promise<void> {
  const existing = await db.journal.findOne(id).exec();
  let payload: EntryPayload = {
    type: 'entry',
    createdAt: now,
    current: { ...content, savedAt: now },
    history: [],
  };
  if (existing) {
    const opened = await openJournalDoc(owner.keyring, existing.toJSON() as JournalDoc);
    // Never overwrite what cannot be read here: it may be the only copy of someone's words.
    if (!opened.ok) throw new JournalWriteError(opened.problem);
    if (opened.payload.type === 'entry') {
      const before = opened.payload;
      const newSession = now - before.current.savedAt >= HISTORY_SESSION_MS;
      payload = {
        type: 'entry',
        createdAt: before.createdAt,
        current: { ...content, savedAt: now },
        history: boundHistory(newSession ? [before.current, ...before.history] : before.history),
      };
    }
  }
  await writeSealed(db, owner, id, payload, existing?.updatedAt ?? 0, now);
}

export function boundHistory(history: EntryVersion[]): EntryVersion[] {
  const kept: EntryVersion[] = [];
  let chars = 0;
  for (const version of history.slice(0, HISTORY_MAX)) {
    chars += version.title.length + version.body.length;
    if (chars > HISTORY_CHARS_MAX) break;
    kept.push(version);
  }
  return kept;
}

/** Saves the user's own list of symptoms (sealed too: it says what the user lives with). */
export async function saveSymptomList(
  db: KindredDatabase,
  owner: Owner,
  symptoms: readonly string[],
  now = Date.now(),
): Promise<void> {
  const id = settingsIdFor(owner.userId);
  const existing = await db.journal.findOne(id).exec();
  const list = [...new Set(symptoms.map(normalizeSymptomName).filter(Boolean))].slice(0, 40);
  const payload: SettingsPayload = { type: 'settings', symptoms: list };
  await writeSealed(db, owner, id, payload, existing?.updatedAt ?? 0, now);
}

/** A tombstone, so the deletion reaches the user's other devices too. */
export async function deleteEntry(db: KindredDatabase, id: string): Promise<void> {
  const doc = await db.journal.findOne(id).exec();
  if (doc) await doc.remove();
}

/** Opens every journal document this device holds; plaintext stays in the returned objects. */
export async function openJournal(keyring: Keyring, docs: readonly JournalDoc[]): Promise<Journal> {
  const entries: OpenedEntry[] = [];
  const unopened: UnopenedDoc[] = [];
  const symptoms = new Set<string>();
  const used = new Set<string>();
  for (const doc of docs) {
    const opened = await openJournalDoc(keyring, doc);
    if (!opened.ok) {
      unopened.push({ id: doc.id, updatedAt: doc.updatedAt, problem: opened.problem });
      continue;
    }
    const payload = opened.payload;
    // Settings and their conflict copies: the union, so no symptom is lost.
    if (payload.type === 'settings') {
      for (const s of payload.symptoms) symptoms.add(normalizeSymptomName(s));
      continue;
    }
    const entry = normalizeEntry(payload.current);
    for (const s of entry.symptoms) used.add(s.name);
    entries.push({
      id: doc.id,
      updatedAt: doc.updatedAt,
      createdAt: payload.createdAt,
      savedAt: payload.current.savedAt,
      entry,
      history: (payload.history ?? []).map((v) => ({ ...normalizeEntry(v), savedAt: v.savedAt })),
      conflictCopy: isConflictCopy(doc.id),
    });
  }
  entries.sort((a, b) => b.entry.date.localeCompare(a.entry.date) || b.createdAt - a.createdAt);
  return {
    entries,
    symptoms: [...symptoms, ...[...used].filter((s) => !symptoms.has(s))],
    unopened,
  };
}

export async function loadJournal(db: KindredDatabase, keyring: Keyring): Promise<Journal> {
  const docs = await db.journal.find().exec();
  return openJournal(
    keyring,
    docs.map((d) => d.toJSON() as JournalDoc),
  );
}

/**
 * After a recovery key became current: seals again, with it, what this device sealed with an
 * older key, so the user's other devices (which have the recovery key) can read it too.
 */
export async function resealWithCurrentKey(db: KindredDatabase, owner: Owner): Promise<number> {
  const docs = await db.journal.find().exec();
  let count = 0;
  for (const doc of docs) {
    const json = doc.toJSON() as JournalDoc;
    if (json.keyId === owner.keyring.current.keyId) continue;
    const opened = await openJournalDoc(owner.keyring, json);
    if (!opened.ok) continue;
    await writeSealed(db, owner, json.id, opened.payload, json.updatedAt, Date.now());
    count += 1;
  }
  return count;
}
