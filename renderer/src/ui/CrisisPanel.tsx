import { useId, useState } from 'react';
import { mentionsCrisis } from '../../../shared/crisis';
import { CrisisLineList } from './CrisisLines';

const WRITER_INTRO =
  'It sounds like things may be very hard right now. You can post here, and you can also talk to someone right away:';

/**
 * "Need help now?": shown beside a composer when what is being written mentions crisis — checked
 * on this device, nothing is sent anywhere. It never blocks posting and can be closed.
 * `always` shows it whatever the text (a member reporting someone in crisis), with its own intro
 * and, inside a dialog that has its own Close, without a Close button.
 */
export function CrisisPanel({
  text,
  always = false,
  intro = WRITER_INTRO,
  closable = true,
  communityId,
}: {
  text: string;
  /** whose partner's crisis lines come first (see CrisisLines.tsx) */
  communityId?: string;
  always?: boolean;
  intro?: string;
  closable?: boolean;
}) {
  const [closed, setClosed] = useState(false);
  const titleId = useId();
  if (closed || (!always && !mentionsCrisis(text))) return null;
  return (
    <aside className="crisis-panel" aria-labelledby={titleId}>
      <h2 id={titleId}>Need help now?</h2>
      <p>{intro}</p>
      <CrisisLineList communityId={communityId} />
      {closable && (
        <button type="button" onClick={() => setClosed(true)}>
          Close
        </button>
      )}
    </aside>
  );
}
