import { useMemo } from 'react';
import { hrefFor } from '../app/routes';
import { useLiveDocs } from './hooks';

const ROLE_TEXT = {
  patient: 'Patient',
  caregiver: 'Caregiver',
  both: 'Patient and caregiver',
  supporter: 'Supporter',
};

/**
 * Another member, as they chose to present themselves: their display name, role and bio, and
 * the communities you share. Nothing else about them is on this device.
 */
export function MemberProfile({ userId }: { userId: string }) {
  const { docs: profiles } = useLiveDocs('profiles', { selector: { id: userId } });
  const { docs: memberships } = useLiveDocs('memberships', {
    selector: { userId, status: 'active' },
  });
  const { docs: communities } = useLiveDocs('communities', {});
  const names = useMemo(() => new Map(communities.map((c) => [c.id, c.name])), [communities]);
  const profile = profiles[0];
  if (!profile) return <p className="muted">This member's profile is not on this device.</p>;
  return (
    <section aria-labelledby="member-title">
      <h1 id="member-title">{profile.displayName}</h1>
      <p className="muted">{ROLE_TEXT[profile.role]}</p>
      {profile.bio ? <p className="bio">{profile.bio}</p> : <p className="muted">No bio.</p>}
      {memberships.length > 0 && (
        <>
          <h2>Communities you share</h2>
          <ul className="thread-list" aria-label="Communities you share">
            {memberships.map((m) => (
              <li key={m.id}>
                <a href={hrefFor({ name: 'community', communityId: m.communityId })}>
                  {names.get(m.communityId) ?? m.communityId}
                </a>
                {m.role !== 'member' && (
                  <span className="muted">{m.role === 'partner' ? 'Partner' : 'Moderator'}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
