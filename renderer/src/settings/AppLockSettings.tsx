/**
 * The app lock in Settings: what it does now, the quick-hide and lock shortcuts, and the
 * buttons that open the passcode form. The status stays live (the shell pushes every change:
 * a lock from the menu, wrong tries on the lock screen).
 */
import { useEffect, useRef, useState } from 'react';
import type { AppInfo, KindredBridge } from '../../../shared/bridge';
import { useLockStatus } from '../platform/useLockStatus';
import { PasscodeForm } from './PasscodeForm';
import { type PasscodeFormMode, lockStatusText, shortcutKeys } from './settings-text';

export interface AppLockSettingsProps {
  bridge: KindredBridge;
  platform: AppInfo['platform'];
}

function Keys({ keys }: { keys: string[] }) {
  return (
    <kbd>
      {keys.map((key, i) => (
        <span key={key}>
          {i > 0 && '+'}
          <kbd>{key}</kbd>
        </span>
      ))}
    </kbd>
  );
}

export function AppLockSettings({ bridge, platform }: AppLockSettingsProps) {
  const status = useLockStatus(bridge);
  const [mode, setMode] = useState<PasscodeFormMode | null>(null);
  const [message, setMessage] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);
  // Where the keyboard goes when a form closes: the sentence that says what happened.
  const [returnFocus, setReturnFocus] = useState(0);
  useEffect(() => {
    if (returnFocus > 0) statusLine.current?.focus();
  }, [returnFocus]);

  const open = (next: PasscodeFormMode) => {
    setMessage('');
    setMode(next);
  };
  const close = (done?: string) => {
    setMode(null);
    setMessage(done ?? '');
    setReturnFocus((n) => n + 1);
  };

  return (
    <section className="settings-section" aria-labelledby="settings-lock-title">
      <h2 id="settings-lock-title">App lock</h2>
      <p ref={statusLine} tabIndex={-1} className="settings-status">
        {status === null ? 'Checking the app lock…' : lockStatusText(status)}
      </p>
      <p role="status" className="settings-done">
        {message}
      </p>
      {status !== null && mode === null && (
        <div className="settings-actions">
          {status.enabled ? (
            <>
              <button type="button" onClick={() => open('change')}>
                Change passcode
              </button>
              <button type="button" onClick={() => open('remove')}>
                Remove passcode
              </button>
              <button type="button" onClick={() => void bridge.lock()}>
                Lock now
              </button>
            </>
          ) : (
            <button type="button" className="primary" onClick={() => open('set')}>
              Set a passcode
            </button>
          )}
        </div>
      )}
      {mode !== null && (
        <PasscodeForm
          key={mode}
          mode={mode}
          bridge={bridge}
          onDone={(_status, done) => close(done)}
          onCancel={() => close()}
        />
      )}
      <h3>Shortcuts</h3>
      <dl className="settings-shortcuts">
        <dt>
          <Keys keys={shortcutKeys('quickHide', platform)} />
        </dt>
        <dd>
          Quick hide: gets Kindred off the screen at once, from any app, for a shared screen or
          someone looking over your shoulder. With a passcode set, Kindred is locked too.
        </dd>
        <dt>
          <Keys keys={shortcutKeys('lock', platform)} />
        </dt>
        <dd>Lock Kindred now (with a passcode set).</dd>
      </dl>
    </section>
  );
}
