import type { ModerationDoc } from '../../../shared/schemas/moderation';
import { DECLINED_PREFIX } from './decisions';

/** What a removed (or declined) member reads: the fact and the moderators' reason. */
export function removalText(communityName: string, decision: ModerationDoc | undefined): string {
  const reason = decision?.state === 'removed' ? decision.reason.trim() : '';
  if (reason.startsWith(DECLINED_PREFIX)) {
    const why = reason.slice(DECLINED_PREFIX.length).trim();
    return `Your request to join ${communityName} was declined by its moderators${why ? `: ${why}` : '.'}`;
  }
  return `You were removed from ${communityName} by its moderators${reason ? `: ${reason}` : '.'}`;
}
