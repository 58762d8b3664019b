import type { ModerationDoc } from '../../../shared/schemas/moderation';
import { useServices } from '../app/services';
import { hide, lock, restore } from './decisions';

/** A moderator's buttons under a thread or reply: hide or restore; for a thread, lock or unlock. */
export function ModerationControls(props: {
  target: { id: string; communityId: string };
  moderation: ModerationDoc | undefined;
  isThread: boolean;
}) {
  const { db, session } = useServices();
  const state = props.moderation?.state;
  const ask = (what: string) =>
    window.prompt(`Why ${what}? (recorded, and shown to the author)`) ?? null;

  return (
    <span className="moderation-controls" role="group" aria-label="Moderation">
      {state === 'hidden' ? (
        <button type="button" onClick={() => void restore(db, session.userId, props.target)}>
          Restore
        </button>
      ) : (
        <button
          type="button"
          onClick={() => {
            const reason = ask('hide this');
            if (reason !== null) void hide(db, session.userId, props.target, reason);
          }}
        >
          Hide
        </button>
      )}
      {props.isThread &&
        (state === 'locked' ? (
          <button type="button" onClick={() => void restore(db, session.userId, props.target)}>
            Unlock
          </button>
        ) : (
          state !== 'hidden' && (
            <button
              type="button"
              onClick={() => {
                const reason = ask('lock this thread');
                if (reason !== null) void lock(db, session.userId, props.target, reason);
              }}
            >
              Lock
            </button>
          )
        ))}
    </span>
  );
}
