/**
 * The app lock's screen: a full-window overlay asking for the passcode. Mount it through
 * AppLockGate, which also hides everything else while the app is locked.
 */
import { type CSSProperties, type FormEvent, useEffect, useRef, useState } from 'react';
import type { BridgeResult, LockStatus, UnlockResult } from '../../../shared/bridge';
import { getBridge } from './bridge';
import { unlockMessage, waitText } from './lock-text';

export interface LockScreenProps {
  status: LockStatus;
  /** Defaults to the shell's; a test or story can pass its own. */
  unlock?: (passcode: string) => Promise<BridgeResult<UnlockResult>>;
}

// Inline so that no stylesheet can leave a gap through which the app shows.
const overlayStyle: CSSProperties = {
  position: 'fixed',
  inset: 0,
  zIndex: 2_147_483_647,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  background: 'var(--lock-background, #f4f1ec)',
  color: 'var(--lock-color, #1f1f1f)',
};
const formStyle: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  gap: '0.75rem',
  width: 'min(22rem, 90vw)',
};

export function LockScreen({
  status,
  unlock = (code) => getBridge().unlock(code),
}: LockScreenProps) {
  const [passcode, setPasscode] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [until, setUntil] = useState(() => Date.now() + status.retryInMs);
  const [now, setNow] = useState(() => Date.now());
  const input = useRef<HTMLInputElement>(null);
  const remaining = Math.max(0, until - now);
  const waiting = remaining > 0;

  // Counts the wait down once a second (and re-enables the field when it is over).
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.min(1_000, remaining));
    return () => clearTimeout(timer);
  }, [waiting, remaining]);

  useEffect(() => {
    if (!busy && !waiting) input.current?.focus();
  }, [busy, waiting]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy || waiting || passcode === '') return;
    setBusy(true);
    const result = await unlock(passcode).catch((): BridgeResult<UnlockResult> => ({
      ok: false,
      error: 'unavailable',
    }));
    // The passcode never stays on screen, right or wrong.
    setPasscode('');
    setMessage(unlockMessage(result));
    if (result.ok) {
      setUntil(Date.now() + result.value.status.retryInMs);
      setNow(Date.now());
    }
    setBusy(false);
  }

  const shown = [message, waiting ? waitText(remaining) : null].filter(Boolean).join(' ');
  return (
    <div
      className="lock-screen"
      role="dialog"
      aria-modal="true"
      aria-labelledby="kindred-lock-title"
      style={overlayStyle}
    >
      <form onSubmit={(event) => void submit(event)} style={formStyle}>
        <h1 id="kindred-lock-title">Kindred is locked</h1>
        <label htmlFor="kindred-lock-passcode">Enter your passcode to continue.</label>
        <input
          ref={input}
          id="kindred-lock-passcode"
          type="password"
          autoComplete="off"
          value={passcode}
          onChange={(event) => setPasscode(event.target.value)}
          disabled={busy || waiting}
          aria-invalid={message !== null}
          aria-describedby="kindred-lock-message"
        />
        <button type="submit" disabled={busy || waiting || passcode === ''}>
          {busy ? 'Checking…' : 'Unlock'}
        </button>
        <p id="kindred-lock-message" role="alert">
          {shown}
        </p>
      </form>
    </div>
  );
}
