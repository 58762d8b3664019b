import { useRef } from 'react';
import { hrefFor, useRoute } from '../app/routes';
import { useServices } from '../app/services';
import { JournalPage } from '../journal/JournalPage';
import { ModerationQueue } from '../moderation/ModerationQueue';
import { MembersPage } from '../moderation/Members';
import { PartnerToolsPage } from '../moderation/PartnerTools';
import { MembershipNotices } from '../moderation/RemovalNotice';
import { useOpenReports } from '../moderation/ReportsQueue';
import { useModeratedCommunities } from '../moderation/useRoles';
import { SearchBox } from '../search/SearchBox';
import { SearchPage } from '../search/SearchPage';
import { SettingsPage } from '../settings/SettingsPage';
import { CommunityPage } from './CommunityPage';
import { Directory } from './Directory';
import { DraftsView } from './DraftsView';
import { useLiveDocs } from './hooks';
import { MemberProfile } from './MemberProfile';
import { NewThread } from './NewThread';
import { OutboxView } from './OutboxView';
import { ProfileView } from './ProfileView';
import { SinceLastSync } from './SinceLastSync';
import { SyncStatusBar } from './SyncStatusBar';
import { TherapiesView } from './TherapiesView';
import { TherapyPage } from './TherapyPage';
import { ThreadView } from './ThreadView';
import { useDesktopIntegration } from './useDesktopIntegration';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { focusHeading, useFocusHeadingOnScreenChange } from './useScreenFocus';

export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { session } = useServices();
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  useFocusHeadingOnScreenChange(JSON.stringify(route), main);
  useDesktopIntegration();
  useGlobalShortcuts();
  const { docs: drafts } = useLiveDocs('drafts', {
    selector: { kind: { $in: ['thread', 'reply'] } },
  });
  const moderated = useModeratedCommunities();
  const { docs: reviews } = useLiveDocs('moderation', {
    selector: { state: 'pending', communityId: { $in: [...moderated] } },
  });
  const openReports = useOpenReports([...moderated]);
  const reviewCount = reviews.length + openReports.length;
  const current = (name: string) => (route.name === name ? 'page' : undefined);
  return (
    <div className="shell">
      {/* Routes live in the hash, so the link moves focus itself instead of following #main. */}
      <a
        className="skip-link"
        href="#main-content"
        onClick={(event) => {
          event.preventDefault();
          focusHeading(main.current);
        }}
      >
        Skip to content
      </a>
      <header className="top-bar">
        <a className="brand" href={hrefFor({ name: 'directory' })}>
          Kindred
        </a>
        <nav aria-label="Main">
          <a href={hrefFor({ name: 'directory' })} aria-current={current('directory')}>
            Communities
          </a>
          <a href={hrefFor({ name: 'therapies' })} aria-current={current('therapies')}>
            Therapies
          </a>
          <a href={hrefFor({ name: 'since' })} aria-current={current('since')}>
            Since last sync
          </a>
          <a href={hrefFor({ name: 'drafts' })} aria-current={current('drafts')}>
            Drafts{drafts.length > 0 ? ` (${drafts.length})` : ''}
          </a>
          <a href={hrefFor({ name: 'outbox' })} aria-current={current('outbox')}>
            Outbox
          </a>
          <a href={hrefFor({ name: 'journal' })} aria-current={current('journal')}>
            Journal
          </a>
          <a href={hrefFor({ name: 'settings' })} aria-current={current('settings')}>
            Settings
          </a>
          {moderated.size > 0 && (
            <a href={hrefFor({ name: 'moderation' })} aria-current={current('moderation')}>
              Review{reviewCount > 0 ? ` (${reviewCount})` : ''}
            </a>
          )}
        </nav>
        <span className="spacer" />
        <SearchBox />
        <a href={hrefFor({ name: 'profile' })} className="muted">
          Signed in as {session.displayName}
        </a>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <SyncStatusBar />
      <MembershipNotices />
      <main className="content" id="main-content" ref={main}>
        {route.name === 'directory' && <Directory />}
        {route.name === 'community' && <CommunityPage communityId={route.communityId} />}
        {route.name === 'members' && <MembersPage communityId={route.communityId} />}
        {route.name === 'partner-tools' && <PartnerToolsPage communityId={route.communityId} />}
        {route.name === 'new-thread' && (
          <NewThread communityId={route.communityId} draftId={route.draftId} />
        )}
        {route.name === 'thread' && <ThreadView threadId={route.threadId} />}
        {route.name === 'drafts' && <DraftsView />}
        {route.name === 'outbox' && <OutboxView />}
        {route.name === 'since' && <SinceLastSync />}
        {route.name === 'journal' && <JournalPage />}
        {route.name === 'therapies' && <TherapiesView />}
        {route.name === 'therapy' && <TherapyPage therapyId={route.therapyId} />}
        {route.name === 'profile' && <ProfileView />}
        {route.name === 'moderation' && <ModerationQueue />}
        {route.name === 'member' && <MemberProfile userId={route.userId} />}
        {route.name === 'search' && <SearchPage query={route.query} />}
        {route.name === 'settings' && <SettingsPage />}
      </main>
    </div>
  );
}
