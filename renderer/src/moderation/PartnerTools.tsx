import { type FormEvent, useState } from 'react';
import { type PartnerContentRequest, checkPartnerContent } from '../../../shared/partner-content';
import { type Community, PARTNER_LIMITS } from '../../../shared/schemas/communities';
import { ApiError } from '../api/client';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { timeAgo } from '../ui/format';
import { useLiveDocs } from '../ui/hooks';
import {
  type PartnerDraft,
  type PartnerFields,
  clearPartnerDraft,
  fieldsOf,
  loadPartnerDraft,
  savePartnerDraft,
} from './partner-draft';
import { CrisisLineFieldset, ResourceFieldset } from './PartnerListFields';
import { useModeratedCommunities } from './useRoles';

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'conflict' }
  | { kind: 'problem'; message: string };

/** What the form holds, as the route takes it: rows left entirely empty are dropped. */
export function requestOf(fields: PartnerFields): PartnerContentRequest {
  return {
    guidelines: fields.guidelines,
    welcomeMessage: fields.welcomeMessage,
    pinnedResources: fields.pinnedResources
      .filter((r) => r.title.trim() || r.url.trim() || r.description.trim())
      .map((r) => ({ title: r.title, url: r.url.trim(), description: r.description })),
    crisisLines: fields.crisisLines.filter(
      (l) => l.name.trim() || l.contact.trim() || l.region.trim(),
    ),
  };
}

function problemText(error: unknown): Status {
  if (error instanceof ApiError && error.code === 'network') {
    return {
      kind: 'problem',
      message:
        'You are offline, or the server cannot be reached. Your changes are kept on this device: save again when the connection is back.',
    };
  }
  if (error instanceof ApiError && error.code === 'edit-conflict') return { kind: 'conflict' };
  if (error instanceof ApiError && error.status === 403) {
    return {
      kind: 'problem',
      message:
        'Only the partners and moderators of this community can change this. Your text is kept on this device.',
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'problem', message: `Not saved: ${detail}. Your text is kept on this device.` };
}

/** Guidelines, welcome message, pinned resources and crisis lines of one community. */
export function PartnerToolsPage({ communityId }: { communityId: string }) {
  const moderated = useModeratedCommunities();
  const { docs } = useLiveDocs('communities', { selector: { id: communityId } });
  const community = docs[0];
  if (!moderated.has(communityId)) {
    return <p className="muted">Only the partners and moderators of this community can edit it.</p>;
  }
  if (!community) return <p className="muted">This community is not on this device yet.</p>;
  return <PartnerEditor key={communityId} community={community} />;
}

function PartnerEditor({ community: onDevice }: { community: Community }) {
  const { api, session, sync } = useServices();
  // What the server answered to our last save, until the sync brings it to the device.
  const [justSaved, setJustSaved] = useState<Community | null>(null);
  const community = justSaved && justSaved.updatedAt > onDevice.updatedAt ? justSaved : onDevice;
  // Unsaved edits, kept on the device; with none, the form shows the community as it is now
  // (and follows it when another editor saves).
  const [draft, setDraft] = useState<PartnerDraft | null>(() =>
    loadPartnerDraft(session.userId, community.id),
  );
  const [restoredAt] = useState(draft?.savedAt ?? null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const fields = draft?.fields ?? fieldsOf(community);
  const baseUpdatedAt = draft?.baseUpdatedAt ?? community.updatedAt;

  function change(next: PartnerFields) {
    const saved = { fields: next, baseUpdatedAt, savedAt: Date.now() };
    setDraft(saved);
    savePartnerDraft(session.userId, community.id, saved);
    if (status.kind === 'saved') setStatus({ kind: 'idle' });
  }

  async function save(replaceTheirs: boolean) {
    const edit = requestOf(fields);
    const check = checkPartnerContent(replaceTheirs ? edit : { ...edit, baseUpdatedAt });
    if (!check.ok) {
      setStatus({ kind: 'problem', message: `Please check this: ${check.message}.` });
      return;
    }
    setStatus({ kind: 'saving' });
    try {
      const { community: saved } = await api.updatePartnerContent(community.id, check.value);
      setJustSaved(saved);
      clearPartnerDraft(session.userId, community.id);
      setDraft(null);
      setStatus({ kind: 'saved' });
      sync.syncNow();
    } catch (error) {
      setStatus(problemText(error));
    }
  }

  function discard() {
    clearPartnerDraft(session.userId, community.id);
    setDraft(null);
    setStatus({ kind: 'idle' });
    sync.syncNow();
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };

  return (
    <section aria-labelledby="partner-title">
      <p>
        <a href={hrefFor({ name: 'community', communityId: community.id })}>← {community.name}</a>
      </p>
      <h1 id="partner-title">Edit {community.name}</h1>
      <p className="muted">
        Saving needs a connection. Until it is saved, what you type is kept on this device.
      </p>
      {restoredAt && draft && (
        <p role="status">
          Your unsaved changes from {timeAgo(restoredAt)} are back.{' '}
          <button type="button" onClick={discard}>
            Discard them
          </button>
        </p>
      )}
      <form onSubmit={submit} className="partner-form">
        <label>
          Community guidelines (Markdown)
          <textarea
            rows={8}
            maxLength={PARTNER_LIMITS.guidelinesMax}
            value={fields.guidelines}
            onChange={(e) => change({ ...fields, guidelines: e.target.value })}
          />
        </label>
        <label>
          Welcome message, shown once to each new member (Markdown)
          <textarea
            rows={5}
            maxLength={PARTNER_LIMITS.welcomeMessageMax}
            value={fields.welcomeMessage}
            onChange={(e) => change({ ...fields, welcomeMessage: e.target.value })}
          />
        </label>
        <ResourceFieldset
          resources={fields.pinnedResources}
          onChange={(pinnedResources) => change({ ...fields, pinnedResources })}
        />
        <CrisisLineFieldset
          lines={fields.crisisLines}
          onChange={(crisisLines) => change({ ...fields, crisisLines })}
        />
        <p>
          <button type="submit" className="primary" disabled={status.kind === 'saving'}>
            {status.kind === 'saving' ? 'Saving…' : 'Save changes'}
          </button>
        </p>
      </form>
      <div aria-live="polite">
        {status.kind === 'saved' && (
          <p role="status">Saved. Members receive it with their next sync.</p>
        )}
        {status.kind === 'problem' && (
          <p className="error" role="alert">
            {status.message}
          </p>
        )}
        {status.kind === 'conflict' && (
          <p className="error" role="alert">
            Someone else changed this community while you were editing. Your version is kept here.{' '}
            <button type="button" onClick={() => void save(true)}>
              Save mine anyway
            </button>{' '}
            <button type="button" onClick={discard}>
              Discard mine and see theirs
            </button>
          </p>
        )}
      </div>
    </section>
  );
}
