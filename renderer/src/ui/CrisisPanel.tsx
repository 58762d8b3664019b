import { useState } from 'react';
import { DEFAULT_CRISIS_LINES, mentionsCrisis } from '../../../shared/crisis';

/**
 * "Need help now?": shown beside a composer when what is being written mentions crisis — checked
 * on this device, nothing is sent anywhere. It never blocks posting and can be closed.
 */
export function CrisisPanel({ text }: { text: string }) {
  const [closed, setClosed] = useState(false);
  if (closed || !mentionsCrisis(text)) return null;
  return (
    <aside className="crisis-panel" aria-labelledby="crisis-title">
      <h2 id="crisis-title">Need help now?</h2>
      <p>
        It sounds like things may be very hard right now. You can post here, and you can also talk
        to someone right away:
      </p>
      <ul>
        {DEFAULT_CRISIS_LINES.map((line) => (
          <li key={line.name}>
            <strong>{line.name}</strong> ({line.region}): {line.contact}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setClosed(true)}>
        Close
      </button>
    </aside>
  );
}
