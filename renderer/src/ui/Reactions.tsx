import { useId, useMemo } from 'react';
import { REACTION_KINDS, type Reaction } from '../../../shared/schemas/reactions';
import { useServices } from '../app/services';
import { REACTION_LABELS, toggleReaction } from '../data/reactions';

/**
 * The reaction buttons under a thread or reply: counts, the user's own, and who reacted. Who
 * reacted is written out under the buttons (and is each button's description), not kept in a
 * tooltip that keyboard and screen-reader users never reach.
 */
export function Reactions(props: {
  target: { id: string; communityId: string };
  reactions: Reaction[];
  names: Map<string, string>;
  /** members react; others see the counts and who reacted */
  canReact: boolean;
}) {
  const { db, session } = useServices();
  const baseId = useId();
  const byKind = useMemo(() => {
    const map = new Map<string, Reaction[]>();
    for (const reaction of props.reactions)
      map.set(reaction.kind, [...(map.get(reaction.kind) ?? []), reaction]);
    return map;
  }, [props.reactions]);
  const whoReacted = (kind: string) =>
    (byKind.get(kind) ?? []).map((r) =>
      r.userId === session.userId ? 'you' : (props.names.get(r.userId) ?? 'a member'),
    );
  const given = REACTION_KINDS.filter((kind) => whoReacted(kind).length > 0);

  return (
    <div className="reactions" role="group" aria-label="Reactions">
      <div className="reaction-buttons">
        {REACTION_KINDS.map((kind) => {
          const who = whoReacted(kind);
          const mine = (byKind.get(kind) ?? []).some((r) => r.userId === session.userId);
          return (
            <button
              key={kind}
              type="button"
              className={`reaction${mine ? ' mine' : ''}`}
              aria-pressed={mine}
              // Not `disabled`: it stays focusable, so who reacted can still be heard.
              aria-disabled={!props.canReact || undefined}
              aria-describedby={who.length > 0 ? `${baseId}-${kind}` : undefined}
              onClick={() => {
                if (props.canReact) void toggleReaction(db, session.userId, props.target, kind);
              }}
            >
              {REACTION_LABELS[kind]}
              {who.length > 0 ? ` ${who.length}` : ''}
            </button>
          );
        })}
      </div>
      {given.length > 0 && (
        <ul className="reacted-by" aria-label="Who reacted">
          {given.map((kind) => (
            <li key={kind} id={`${baseId}-${kind}`}>
              {REACTION_LABELS[kind]}: {whoReacted(kind).join(', ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
