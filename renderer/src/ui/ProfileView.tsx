import { type FormEvent, useState } from 'react';
import type { Profile, ProfileRole } from '../../../shared/schemas/profiles';
import { useServices } from '../app/services';
import { updateProfile } from '../data/profile';
import { CrisisRegionPicker } from './CrisisRegionPicker';
import { DeviceStorage } from './DeviceStorage';
import { useLiveDocs } from './hooks';
import { OtherProfileVersionNotice } from './OtherProfileVersion';

const ROLES: Record<ProfileRole, string> = {
  patient: 'Patient',
  caregiver: 'Caregiver',
  both: 'Patient and caregiver',
  supporter: 'Supporter',
};

/** What others see of the user: a display name (a pseudonym is fine), a role and a short bio. */
export function ProfileView() {
  const { session } = useServices();
  const { docs } = useLiveDocs('profiles', { selector: { id: session.userId } });
  const profile = docs[0];
  return (
    <>
      {profile ? (
        <>
          <ProfileForm key={profile.updatedAt} profile={profile} />
          <OtherProfileVersionNotice profile={profile} roles={ROLES} />
        </>
      ) : (
        <p className="muted">Your profile arrives with the first sync.</p>
      )}
      <CrisisRegionPicker />
      <DeviceStorage />
    </>
  );
}

function ProfileForm({ profile }: { profile: Profile }) {
  const { db, session } = useServices();
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [role, setRole] = useState<ProfileRole>(profile.role);
  const [bio, setBio] = useState(profile.bio);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await updateProfile(db, session.userId, {
      displayName: displayName.trim() || profile.displayName,
      role,
      bio,
    });
    setSaved(true);
  }

  return (
    <section aria-labelledby="profile-title">
      <h1 id="profile-title">Your profile</h1>
      <p className="muted">
        Members of your communities see this. You do not need to use your real name; share only what
        you choose.
      </p>
      <form onSubmit={submit}>
        <label>
          Display name
          <input
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            maxLength={80}
            required
          />
        </label>
        <label>
          I am here as
          <select value={role} onChange={(e) => setRole(e.target.value as ProfileRole)}>
            {Object.entries(ROLES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          About me (optional)
          <textarea
            value={bio}
            onChange={(e) => setBio(e.target.value)}
            rows={4}
            maxLength={2000}
          />
        </label>
        <button type="submit" className="primary">
          Save profile
        </button>{' '}
        {saved && (
          <span className="muted" role="status">
            Saved on this device; it reaches your communities with the next sync.
          </span>
        )}
      </form>
    </section>
  );
}
