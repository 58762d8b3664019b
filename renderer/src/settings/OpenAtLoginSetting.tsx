/**
 * "Open Kindred at login": a checkbox where the OS lets the app register itself (macOS,
 * Windows), a sentence saying how to do it by hand where it does not (Linux).
 */
import { useEffect, useId, useState } from 'react';
import type { KindredBridge } from '../../../shared/bridge';
import { OPEN_AT_LOGIN_FAILED, OPEN_AT_LOGIN_UNAVAILABLE } from './settings-text';

type State = { phase: 'checking' } | { phase: 'unavailable' } | { phase: 'ready'; on: boolean };

export function OpenAtLoginSetting({
  bridge,
}: {
  bridge: Pick<KindredBridge, 'getOpenAtLogin' | 'setOpenAtLogin'>;
}) {
  const id = useId();
  const [state, setState] = useState<State>({ phase: 'checking' });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');

  useEffect(() => {
    let active = true;
    void bridge.getOpenAtLogin().then(
      (result) => {
        if (active)
          setState(result.ok ? { phase: 'ready', on: result.value } : { phase: 'unavailable' });
      },
      () => active && setState({ phase: 'unavailable' }),
    );
    return () => {
      active = false;
    };
  }, [bridge]);

  async function change(on: boolean) {
    setBusy(true);
    setProblem('');
    const result = await bridge.setOpenAtLogin(on).catch(() => null);
    if (result?.ok) {
      setState({ phase: 'ready', on });
    } else {
      // Show what the OS has now, not what was asked for.
      const now = await bridge.getOpenAtLogin().catch(() => null);
      if (now?.ok) setState({ phase: 'ready', on: now.value });
      setProblem(OPEN_AT_LOGIN_FAILED);
    }
    setBusy(false);
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Starting Kindred</h2>
      {state.phase === 'checking' && <p className="muted">Checking…</p>}
      {state.phase === 'unavailable' && <p>{OPEN_AT_LOGIN_UNAVAILABLE}</p>}
      {state.phase === 'ready' && (
        <>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={state.on}
              disabled={busy}
              onChange={(event) => void change(event.target.checked)}
              aria-describedby={`${id}-hint ${id}-problem`}
            />
            Open Kindred at login
          </label>
          <p id={`${id}-hint`} className="hint">
            Kindred opens when you log in to this computer and syncs right away. With a passcode
            set, it opens locked.
          </p>
          <p id={`${id}-problem`} className="error" role="alert">
            {problem}
          </p>
        </>
      )}
    </section>
  );
}
