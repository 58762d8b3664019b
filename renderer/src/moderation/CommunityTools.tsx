import { hrefFor } from '../app/routes';
import { useLiveDocs } from '../ui/hooks';

/** The moderators' and partners' way into a community's members and its editable texts. */
export function CommunityTools({ communityId }: { communityId: string }) {
  const { docs: requests } = useLiveDocs('memberships', {
    selector: { communityId, status: 'pending' },
  });
  return (
    <nav className="community-tools toolbar" aria-label="Moderator tools">
      <a className="button" href={hrefFor({ name: 'members', communityId })}>
        Members and requests{requests.length > 0 ? ` (${requests.length} waiting)` : ''}
      </a>
      <a className="button" href={hrefFor({ name: 'partner-tools', communityId })}>
        Edit guidelines, welcome and links
      </a>
    </nav>
  );
}
