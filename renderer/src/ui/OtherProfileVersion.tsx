import { useEffect, useState } from 'react';
import type { Profile, ProfileRole } from '../../../shared/schemas/profiles';
import { useServices } from '../app/services';
import {
  type OfferedFields,
  type OtherProfileVersion,
  dismissOtherProfileVersion,
  otherVersionId,
  stillDiffering,
} from '../db/profile-conflict';
import { adoptOtherProfileVersion } from './other-profile-version';

const FIELD_LABELS: Record<keyof OfferedFields, string> = {
  displayName: 'Display name',
  role: 'I am here as',
  bio: 'About me',
};

/** The other edit kept after a profile conflict on this device, live; null when there is none. */
function useOtherProfileVersion(): OtherProfileVersion | null {
  const { db, session } = useServices();
  const [version, setVersion] = useState<OtherProfileVersion | null>(null);
  useEffect(() => {
    const subscription = db.profiles
      .getLocal$<OtherProfileVersion>(otherVersionId(session.userId))
      .subscribe((doc) => setVersion(doc ? (doc.toJSON().data as OtherProfileVersion) : null));
    return () => subscription.unsubscribe();
  }, [db, session.userId]);
  return version;
}

/**
 * "Your profile was changed on two devices": the latest change is the profile; this shows what
 * the other one said, until the owner takes it or dismisses it. Nothing is lost silently.
 */
export function OtherProfileVersionNotice({
  profile,
  roles,
}: {
  profile: Profile;
  roles: Record<ProfileRole, string>;
}) {
  const { db, session } = useServices();
  const version = useOtherProfileVersion();
  if (!version) return null;
  // The owner may have typed the same thing again since: only what still differs is offered.
  const fields = stillDiffering(version.fields, profile);
  const names = Object.keys(fields) as Array<keyof OfferedFields>;
  if (names.length === 0) return null;
  const shown = (name: keyof OfferedFields) =>
    name === 'role' && fields.role ? roles[fields.role] : (fields[name] ?? '');

  return (
    <aside className="card" aria-labelledby="other-version-title">
      <h2 id="other-version-title">Your profile was also changed on another device</h2>
      <p>
        Both devices changed your profile while offline. The latest change, from{' '}
        {new Date(profile.updatedAt).toLocaleString()}, is shown above. The other one, from{' '}
        {new Date(version.editedAt).toLocaleString()}, said:
      </p>
      <dl>
        {names.map((name) => (
          <div key={name}>
            <dt>{FIELD_LABELS[name]}</dt>
            <dd>{shown(name)}</dd>
          </div>
        ))}
      </dl>
      <button
        type="button"
        className="primary"
        onClick={() => void adoptOtherProfileVersion(db, session.userId, fields)}
      >
        Use this version
      </button>{' '}
      <button
        type="button"
        onClick={() => void dismissOtherProfileVersion(db.profiles, session.userId)}
      >
        Dismiss
      </button>
    </aside>
  );
}
