import { useServices } from '../app/services';
import { hrefFor, useRoute } from '../app/routes';
import { CommunityPage } from './CommunityPage';
import { Directory } from './Directory';
import { NewThread } from './NewThread';
import { SyncStatusBar } from './SyncStatusBar';
import { ThreadView } from './ThreadView';

export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { session } = useServices();
  const route = useRoute();
  return (
    <div className="shell">
      <header className="top-bar">
        <a className="brand" href={hrefFor({ name: 'directory' })}>
          Kindred
        </a>
        <nav aria-label="Main">
          <a
            href={hrefFor({ name: 'directory' })}
            aria-current={route.name === 'directory' ? 'page' : undefined}
          >
            Communities
          </a>
        </nav>
        <span className="spacer" />
        <span className="muted">Signed in as {session.displayName}</span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <SyncStatusBar />
      <main className="content">
        {route.name === 'directory' && <Directory />}
        {route.name === 'community' && <CommunityPage communityId={route.communityId} />}
        {route.name === 'new-thread' && <NewThread communityId={route.communityId} />}
        {route.name === 'thread' && <ThreadView threadId={route.threadId} />}
      </main>
    </div>
  );
}
