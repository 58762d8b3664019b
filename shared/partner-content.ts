/**
 * What a community's partners and moderators edit themselves: guidelines, the welcome message,
 * pinned resources and crisis lines. Communities are server-owned documents, so these travel
 * through one route (`PUT /api/v1/communities/:id/partner-content`, see docs/protocol.md); the
 * editor checks with the same function the server uses before it sends.
 */
import {
  type Community,
  type CommunityCrisisLine,
  PARTNER_LIMITS,
  type PinnedResource,
} from './schemas/communities';

export interface PartnerContent {
  guidelines?: string;
  welcomeMessage?: string;
  pinnedResources?: PinnedResource[];
  crisisLines?: CommunityCrisisLine[];
}

/** A field left out stays as it is; an empty text or list clears it. */
export interface PartnerContentRequest extends PartnerContent {
  /**
   * The community's `updatedAt` the editor started from: when it changed meanwhile (someone
   * else saved), the server answers 409 `edit-conflict` and changes nothing.
   */
  baseUpdatedAt?: number;
}

export interface PartnerContentResponse {
  community: Community;
}

export const PARTNER_FIELDS = [
  'guidelines',
  'welcomeMessage',
  'pinnedResources',
  'crisisLines',
] as const satisfies readonly (keyof PartnerContent)[];

/**
 * The WHATWG URL parser exists wherever this code runs (Node, Chromium), though the ES library
 * this folder compiles against does not declare it: only what is used here.
 */
declare const URL: new (input: string) => {
  protocol: string;
  hostname: string;
  username: string;
  password: string;
};

/** A well-formed https: URL without credentials: the only links partners can pin. */
export function isHttpsUrl(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > PARTNER_LIMITS.resourceUrlMax) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' && url.hostname !== '' && !url.username && !url.password;
  } catch {
    return false;
  }
}

export type PartnerContentCheck =
  { ok: true; value: PartnerContentRequest } | { ok: false; message: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, max: number, what: string): string {
  if (typeof value !== 'string') throw new Error(`${what} must be text`);
  if (value.length > max) throw new Error(`${what} is longer than ${max} characters`);
  return value;
}

function line(value: unknown, max: number, what: string, required: boolean): string {
  const trimmed = text(value ?? '', max, what).trim();
  if (required && !trimmed) throw new Error(`${what} is empty`);
  return trimmed;
}

function list<T>(
  value: unknown,
  max: number,
  what: string,
  item: (v: Record<string, unknown>, n: number) => T,
): T[] {
  if (!Array.isArray(value)) throw new Error(`${what} must be a list`);
  if (value.length > max) throw new Error(`${what}: at most ${max}`);
  return value.map((v, i) => {
    if (!isRecord(v)) throw new Error(`${what} ${i + 1} is not an object`);
    return item(v, i + 1);
  });
}

function resource(v: Record<string, unknown>, n: number): PinnedResource {
  const L = PARTNER_LIMITS;
  const title = line(v.title, L.resourceTitleMax, `resource ${n}: the title`, true);
  const url = line(v.url, L.resourceUrlMax, `resource ${n}: the link`, true);
  if (!isHttpsUrl(url)) throw new Error(`resource ${n}: the link must be an https:// address`);
  const description = line(
    v.description,
    L.resourceDescriptionMax,
    `resource ${n}: the description`,
    false,
  );
  return description ? { title, url, description } : { title, url };
}

function crisisLine(v: Record<string, unknown>, n: number): CommunityCrisisLine {
  const L = PARTNER_LIMITS;
  return {
    region: line(v.region, L.crisisRegionMax, `crisis line ${n}: the region`, false),
    name: line(v.name, L.crisisNameMax, `crisis line ${n}: the name`, true),
    contact: line(v.contact, L.crisisContactMax, `crisis line ${n}: how to reach it`, true),
  };
}

/** Checks an edit as it arrives (anything) and returns it cleaned (trimmed lines). */
export function checkPartnerContent(value: unknown): PartnerContentCheck {
  if (!isRecord(value)) return { ok: false, message: 'the body must be an object' };
  const known = new Set<string>([...PARTNER_FIELDS, 'baseUpdatedAt']);
  const unknown = Object.keys(value).find((key) => !known.has(key));
  if (unknown) return { ok: false, message: `unknown field "${unknown}"` };
  try {
    const out: PartnerContentRequest = {};
    const L = PARTNER_LIMITS;
    if (value.baseUpdatedAt !== undefined) {
      if (typeof value.baseUpdatedAt !== 'number' || !Number.isFinite(value.baseUpdatedAt)) {
        throw new Error('baseUpdatedAt must be a number');
      }
      out.baseUpdatedAt = value.baseUpdatedAt;
    }
    if (value.guidelines !== undefined) {
      out.guidelines = text(value.guidelines, L.guidelinesMax, 'the guidelines');
    }
    if (value.welcomeMessage !== undefined) {
      out.welcomeMessage = text(value.welcomeMessage, L.welcomeMessageMax, 'the welcome message');
    }
    if (value.pinnedResources !== undefined) {
      out.pinnedResources = list(
        value.pinnedResources,
        L.resourcesMax,
        'pinned resources',
        resource,
      );
    }
    if (value.crisisLines !== undefined) {
      out.crisisLines = list(value.crisisLines, L.crisisLinesMax, 'crisis lines', crisisLine);
    }
    return { ok: true, value: out };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/**
 * The community with an edit applied: given fields replace the stored ones, and a field that
 * ends up empty is left out of the document (as if never set).
 */
export function withPartnerContent<C extends Community>(community: C, edit: PartnerContent): C {
  const next: C = { ...community };
  for (const field of PARTNER_FIELDS) {
    const value = edit[field];
    if (value === undefined) continue;
    const empty = typeof value === 'string' ? value.trim() === '' : value.length === 0;
    if (empty) delete next[field];
    else (next as Record<string, unknown>)[field] = value;
  }
  return next;
}

/** The fields an edit changes, for the audit row (names only, never the text). */
export function changedFields(before: PartnerContent, after: PartnerContent): string[] {
  return PARTNER_FIELDS.filter(
    (field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null),
  );
}
