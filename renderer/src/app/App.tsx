import { RxDatabaseProvider } from 'rxdb/plugins/react';
import { useCallback, useEffect, useState } from 'react';
import { AppLockGate } from '../platform/AppLockGate';
import { getBridge } from '../platform/bridge';
import { Shell } from '../ui/Shell';
import { SignIn } from '../ui/SignIn';
import {
  ReloadSealingKeyContext,
  type Services,
  ServicesContext,
  startServices,
  stopServices,
} from './services';
import { type Session, clearSession, loadSession, saveSession } from './session';

type State =
  | { phase: 'starting' }
  | { phase: 'signed-out' }
  | { phase: 'opening'; session: Session }
  | { phase: 'ready'; services: Services }
  | { phase: 'failed'; message: string };

export function App() {
  const [state, setState] = useState<State>({ phase: 'starting' });

  useEffect(() => {
    void loadSession(getBridge()).then(
      (session) => setState(session ? { phase: 'opening', session } : { phase: 'signed-out' }),
      () => setState({ phase: 'signed-out' }),
    );
  }, []);

  useEffect(() => {
    if (state.phase !== 'opening') return;
    let cancelled = false;
    startServices(state.session).then(
      (services) => {
        if (cancelled) void stopServices(services);
        else setState({ phase: 'ready', services });
      },
      (error: unknown) =>
        setState({
          phase: 'failed',
          message: `The local database could not be opened: ${String(error)}`,
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [state]);

  const onSignedIn = useCallback((session: Session) => {
    void saveSession(getBridge(), session).finally(() => setState({ phase: 'opening', session }));
  }, []);

  const onSignOut = useCallback(async () => {
    if (state.phase !== 'ready') return;
    const { services } = state;
    // Best effort: a token we cannot revoke now (offline) expires on the server by itself.
    await services.api.logout().catch(() => undefined);
    await stopServices(services);
    await clearSession(getBridge());
    setState({ phase: 'signed-out' });
  }, [state]);

  const reloadSealingKey = useCallback(async () => {
    if (state.phase !== 'ready') return;
    const services = await state.services.withReloadedKey();
    setState({ phase: 'ready', services });
  }, [state]);

  return (
    <AppLockGate>
      <ReloadSealingKeyContext.Provider value={reloadSealingKey}>
        {screenFor(state, onSignedIn, onSignOut)}
      </ReloadSealingKeyContext.Provider>
    </AppLockGate>
  );
}

function screenFor(state: State, onSignedIn: (session: Session) => void, onSignOut: () => void) {
  switch (state.phase) {
    case 'starting':
      return (
        <p className="splash" role="status">
          Opening Kindred…
        </p>
      );
    case 'signed-out':
      return <SignIn onSignedIn={onSignedIn} />;
    case 'opening':
      return (
        <p className="splash" role="status">
          Opening Kindred…
        </p>
      );
    case 'failed':
      return (
        <p className="splash error" role="alert">
          {state.message}
        </p>
      );
    case 'ready':
      return (
        <ServicesContext.Provider value={state.services}>
          <RxDatabaseProvider database={state.services.db}>
            <Shell onSignOut={onSignOut} />
          </RxDatabaseProvider>
        </ServicesContext.Provider>
      );
  }
}
