import { useMemo } from 'react';
import { REACTION_KINDS, type Reaction } from '../../../shared/schemas/reactions';
import { useServices } from '../app/services';
import { REACTION_LABELS, toggleReaction } from '../data/reactions';

/** The reaction buttons under a thread or reply: counts, who reacted, and the user's own. */
export function Reactions(props: {
  target: { id: string; communityId: string };
  reactions: Reaction[];
  names: Map<string, string>;
  /** members react; others see the counts */
  canReact: boolean;
}) {
  const { db, session } = useServices();
  const byKind = useMemo(() => {
    const map = new Map<string, Reaction[]>();
    for (const reaction of props.reactions)
      map.set(reaction.kind, [...(map.get(reaction.kind) ?? []), reaction]);
    return map;
  }, [props.reactions]);

  return (
    <div className="reactions" role="group" aria-label="Reactions">
      {REACTION_KINDS.map((kind) => {
        const given = byKind.get(kind) ?? [];
        const mine = given.some((r) => r.userId === session.userId);
        const who = given.map((r) =>
          r.userId === session.userId ? 'you' : (props.names.get(r.userId) ?? 'a member'),
        );
        return (
          <button
            key={kind}
            type="button"
            className={`reaction${mine ? ' mine' : ''}`}
            aria-pressed={mine}
            disabled={!props.canReact}
            title={
              who.length > 0 ? `${REACTION_LABELS[kind]}: ${who.join(', ')}` : REACTION_LABELS[kind]
            }
            onClick={() => void toggleReaction(db, session.userId, props.target, kind)}
          >
            {REACTION_LABELS[kind]}
            {given.length > 0 ? ` ${given.length}` : ''}
          </button>
        );
      })}
    </div>
  );
}
