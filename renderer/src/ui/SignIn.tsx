import { type FormEvent, useState } from 'react';
import { ApiClient, ApiError } from '../api/client';
import type { ProfileRole } from '../../../shared/schemas/profiles';
import { type Session, normalizeServerUrl, rememberedServerFor } from '../app/session';

type Mode = 'register' | 'login';

/** How a member takes part, asked at sign-up: nobody is shown as a patient without choosing it. */
const ROLE_CHOICES: ReadonlyArray<{ role: ProfileRole; label: string }> = [
  { role: 'patient', label: 'A patient' },
  { role: 'caregiver', label: 'A caregiver' },
  { role: 'both', label: 'Both: a patient and a caregiver' },
  { role: 'supporter', label: 'A supporter (family, friend, professional)' },
];

export function SignIn({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const [mode, setMode] = useState<Mode>('register');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<ProfileRole | null>(null);
  const [password, setPassword] = useState('');
  const [server, setServer] = useState(() => rememberedServerFor(''));
  const [serverTouched, setServerTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function onUsernameChange(value: string) {
    setUsername(value);
    // The server an account used last time is remembered, unless the user chose one here.
    if (!serverTouched) setServer(rememberedServerFor(value));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (mode === 'register' && !role) {
      setError('Choose how you take part: patient, caregiver, both or supporter.');
      return;
    }
    const serverUrl = normalizeServerUrl(server);
    if (!serverUrl) {
      setError('The server address is not valid. Example: http://127.0.0.1:8787');
      return;
    }
    setBusy(true);
    setError(null);
    const api = new ApiClient(serverUrl);
    try {
      const auth =
        mode === 'register'
          ? await api.register({
              username: username.trim(),
              password,
              displayName: displayName.trim(),
              ...(role ? { role } : {}),
            })
          : await api.login({ username: username.trim(), password });
      onSignedIn({
        serverUrl,
        userId: auth.userId,
        username: username.trim(),
        displayName: auth.displayName ?? (displayName.trim() || username.trim()),
        token: auth.token,
      });
    } catch (caught) {
      setError(messageFor(caught, mode));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>Kindred</h1>
      <p className="tagline">Patients and caregivers learning from each other.</p>
      <div className="tabs" role="tablist">
        <button
          role="tab"
          aria-selected={mode === 'register'}
          onClick={() => setMode('register')}
          type="button"
        >
          Create account
        </button>
        <button
          role="tab"
          aria-selected={mode === 'login'}
          onClick={() => setMode('login')}
          type="button"
        >
          Sign in
        </button>
      </div>
      <form onSubmit={submit} aria-label={mode === 'register' ? 'Create account' : 'Sign in'}>
        <label>
          Username
          <input
            value={username}
            onChange={(e) => onUsernameChange(e.target.value)}
            autoComplete="username"
            required
            minLength={3}
            maxLength={40}
          />
        </label>
        {mode === 'register' && (
          <>
            <label>
              Display name
              <input
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
                autoComplete="nickname"
                required
                maxLength={80}
                aria-describedby="display-name-hint"
              />
            </label>
            <p className="hint" id="display-name-hint">
              Shown to other members. It need not be your real name: many members use a pseudonym.
            </p>
            <fieldset className="role-choice">
              <legend>You are here as</legend>
              {ROLE_CHOICES.map((choice) => (
                <label key={choice.role} className="checkbox">
                  <input
                    type="radio"
                    name="role"
                    value={choice.role}
                    checked={role === choice.role}
                    onChange={() => setRole(choice.role)}
                    required
                  />
                  {choice.label}
                </label>
              ))}
              <p className="hint">Shown on your profile; you can change it there at any time.</p>
            </fieldset>
          </>
        )}
        <label>
          Password
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={mode === 'register' ? 'new-password' : 'current-password'}
            required
            minLength={8}
          />
        </label>
        <details>
          <summary>Server</summary>
          <label>
            Server address
            <input
              value={server}
              onChange={(e) => {
                setServer(e.target.value);
                setServerTouched(true);
              }}
              inputMode="url"
            />
          </label>
          <p className="hint">Your community partner may run its own Kindred server.</p>
        </details>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Please wait…' : mode === 'register' ? 'Create account' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function messageFor(error: unknown, mode: Mode): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  switch (error.code) {
    case 'network':
      return 'The server could not be reached. Check your connection and the server address.';
    case 'username-taken':
      return 'That username is taken. Please choose another.';
    case 'wrong-credentials':
      return 'Username or password is not right.';
    case 'too-many-requests':
      return 'Too many attempts. Please wait a few minutes and try again.';
    default:
      return mode === 'register'
        ? `Could not create the account: ${error.message}`
        : `Could not sign in: ${error.message}`;
  }
}
