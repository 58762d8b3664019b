/**
 * The partner editor's text, kept on this device on every change until the server has it:
 * saving needs the server (communities are server-owned), and nothing typed offline, or refused,
 * may be lost. It is the community's public text, not a member's words about their health, so
 * it is kept as it is (the sealed drafts collection is for those).
 */
import type { Community, CommunityCrisisLine } from '../../../shared/schemas/communities';

export interface ResourceFields {
  title: string;
  url: string;
  description: string;
}

export interface PartnerFields {
  guidelines: string;
  welcomeMessage: string;
  pinnedResources: ResourceFields[];
  crisisLines: CommunityCrisisLine[];
}

export interface PartnerDraft {
  fields: PartnerFields;
  /** the community's updatedAt when editing started: the server refuses edits of older copies */
  baseUpdatedAt: number;
  savedAt: number;
}

export function fieldsOf(community: Community): PartnerFields {
  return {
    guidelines: community.guidelines ?? '',
    welcomeMessage: community.welcomeMessage ?? '',
    pinnedResources: (community.pinnedResources ?? []).map((r) => ({
      title: r.title,
      url: r.url,
      description: r.description ?? '',
    })),
    crisisLines: (community.crisisLines ?? []).map((l) => ({ ...l })),
  };
}

const key = (userId: string, communityId: string) =>
  `kindred.partner-draft.${userId}.${communityId}`;

function storage(): Storage | null {
  return typeof localStorage === 'undefined' ? null : localStorage;
}

export function loadPartnerDraft(userId: string, communityId: string): PartnerDraft | null {
  try {
    const raw = storage()?.getItem(key(userId, communityId));
    if (!raw) return null;
    const draft = JSON.parse(raw) as PartnerDraft;
    return draft && typeof draft === 'object' && draft.fields ? draft : null;
  } catch {
    return null;
  }
}

export function savePartnerDraft(userId: string, communityId: string, draft: PartnerDraft): void {
  storage()?.setItem(key(userId, communityId), JSON.stringify(draft));
}

export function clearPartnerDraft(userId: string, communityId: string): void {
  storage()?.removeItem(key(userId, communityId));
}
