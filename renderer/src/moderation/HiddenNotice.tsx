import type { ModerationDoc } from '../../../shared/schemas/moderation';
import { DECLINED_PREFIX } from './decisions';

/**
 * What a member sees instead of hidden content: the fact, not a silent gap. The author and the
 * moderators also see why (and the author keeps their text, see ThreadView).
 */
export function HiddenNotice({
  moderation,
  showReason,
}: {
  moderation: ModerationDoc;
  showReason: boolean;
}) {
  const declined = moderation.reason.startsWith(DECLINED_PREFIX);
  const reason = declined ? moderation.reason.slice(DECLINED_PREFIX.length) : moderation.reason;
  return (
    <p className="muted hidden-post">
      {declined ? 'Not approved by a moderator' : 'Hidden by a moderator'}
      {showReason && reason ? `: ${reason}` : '.'}
    </p>
  );
}
