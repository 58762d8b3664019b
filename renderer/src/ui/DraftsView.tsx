import { useEffect, useMemo, useState } from 'react';
import type { Draft } from '../../../shared/schemas/sealed';
import { useServices } from '../app/services';
import { type DraftContent, deleteDraft, openDraft } from '../data/drafts';
import { type RefusalOfDraft, draftHref, draftOrigin, draftOriginText } from './draft-origin';
import { timeAgo } from './format';
import { useLiveDocs } from './hooks';

type Opened = { draft: Draft; content: DraftContent | null };

/** Every unfinished thread and reply, opened in memory only (they are sealed in the database). */
export function DraftsView() {
  const { db, sealingKey, sealingKeyProblem } = useServices();
  const { docs: drafts, loading } = useLiveDocs('drafts', { sort: [{ updatedAt: 'desc' }] });
  const { docs: communities } = useLiveDocs('communities', {});
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);
  // Refusals are known on the device that sent the post (the outbox is never synced).
  const { docs: refused } = useLiveDocs('outbox', { selector: { state: 'refused' } });
  const refusalByDraft = useMemo(() => {
    const map = new Map<string, RefusalOfDraft>();
    for (const item of refused) {
      if (item.draftId) {
        map.set(item.draftId, { code: item.refusal, communityName: names.get(item.communityId) });
      }
    }
    return map;
  }, [refused, names]);
  const [opened, setOpened] = useState<Opened[]>([]);

  useEffect(() => {
    let cancelled = false;
    const key = sealingKey;
    void Promise.all(
      drafts
        .filter((d) => d.kind !== 'journal')
        .map(async (draft): Promise<Opened> => {
          if (!key) return { draft, content: null };
          const result = await openDraft(key, draft);
          return { draft, content: result.ok ? result.value : null };
        }),
    ).then((list) => {
      if (!cancelled) setOpened(list);
    });
    return () => {
      cancelled = true;
    };
  }, [drafts, sealingKey]);

  async function remove(id: string) {
    if (!window.confirm('Delete this draft from all your devices?')) return;
    await deleteDraft(db, id);
  }

  return (
    <section aria-labelledby="drafts-title">
      <h1 id="drafts-title">Drafts</h1>
      {sealingKeyProblem && <p className="error">{sealingKeyProblem}</p>}
      <p className="muted">Saved on this device as you type, sealed so only you can read them.</p>
      {!loading && opened.length === 0 && (
        <p className="muted">No drafts. Everything you start writing appears here.</p>
      )}
      <ul className="thread-list" aria-label="Drafts">
        {opened.map(({ draft, content }) => {
          const where = draft.communityId
            ? (names.get(draft.communityId) ?? 'a community')
            : 'a community';
          const href = draftHref(draft);
          const origin = draftOriginText(draftOrigin(draft, refusalByDraft.get(draft.id)));
          const title = content
            ? (draft.kind === 'thread' ? content.title : content.body).trim() || '(empty)'
            : 'Sealed with a key from another device';
          return (
            <li key={draft.id}>
              {href ? <a href={href}>{title.slice(0, 120)}</a> : <span>{title.slice(0, 120)}</span>}
              <span className="muted">
                {draft.kind === 'thread' ? 'New thread' : 'Reply'} in {where} · edited{' '}
                {timeAgo(draft.updatedAt)}
                {origin && <strong className="draft-origin"> · {origin}</strong>}{' '}
                <button
                  type="button"
                  onClick={() => void remove(draft.id)}
                  aria-label={`Delete draft ${title.slice(0, 40)}`}
                >
                  Delete
                </button>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
