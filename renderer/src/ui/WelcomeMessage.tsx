import type { Community } from '../../../shared/schemas/communities';
import { useLocalFlag } from './local-flags';
import { Markdown } from './Markdown';

/**
 * The partner's welcome, shown to a member once they are in (until they dismiss it), and
 * findable again on the community page afterwards.
 */
export function WelcomeMessage({ community }: { community: Community }) {
  const [dismissed, dismiss] = useLocalFlag(`welcome-dismissed.${community.id}`);
  if (!community.welcomeMessage) return null;
  if (dismissed) {
    return (
      <details className="welcome">
        <summary>Welcome message</summary>
        <Markdown text={community.welcomeMessage} />
      </details>
    );
  }
  return (
    <aside className="welcome-panel card" aria-labelledby="welcome-title">
      <h2 id="welcome-title">Welcome to {community.name}</h2>
      <Markdown text={community.welcomeMessage} />
      <button type="button" onClick={dismiss}>
        Dismiss welcome
      </button>
    </aside>
  );
}
