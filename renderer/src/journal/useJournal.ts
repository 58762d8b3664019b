/**
 * The journal, opened in memory: the keyring of this device and every entry it can open. The
 * database (and so this hook's input) holds ciphertext only; plaintext lives in React state.
 */
import { useCallback, useEffect, useState } from 'react';
import { useServices } from '../app/services';
import { KeyUnavailableError } from '../crypto/key-store';
import { type KeyProblem, type Keyring, loadKeyring } from '../crypto/keyring';
import { databaseNameFor } from '../db/database';
import { getBridge, isDesktop } from '../platform/bridge';
import { useLiveDocs } from '../ui/hooks';
import { type Journal, type Owner, openJournal } from './journal-store';

export interface KeyringState {
  keyring: Keyring | null;
  /** Why the journal cannot be opened on this device, in words; null when it can. */
  problem: string | null;
  /** The same as a name, when known: `key-unreadable` asks for the recovery key. */
  problemCode: KeyProblem | null;
  accountKey: string;
  reload(): void;
}

interface Problem {
  code: KeyProblem | null;
  text: string;
}

export function useKeyring(): KeyringState {
  const { session, sealingKey, sealingKeyProblem } = useServices();
  const accountKey = databaseNameFor(session.serverUrl, session.userId);
  const [keyring, setKeyring] = useState<Keyring | null>(null);
  const [problem, setProblem] = useState<Problem | null>(
    sealingKeyProblem ? { code: null, text: sealingKeyProblem } : null,
  );
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    // Tried even when the start-up found no key: the error then says why (by name), and after
    // a recovery key was entered the journal opens without waiting for anything else.
    loadKeyring(accountKey, isDesktop() ? getBridge() : undefined).then(
      (loaded) => {
        if (cancelled) return;
        setKeyring(loaded);
        setProblem(null);
      },
      (error: unknown) => {
        if (cancelled) return;
        setKeyring(null);
        setProblem({
          code: error instanceof KeyUnavailableError ? error.problem : null,
          text: error instanceof Error ? error.message : String(error),
        });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [accountKey, sealingKey, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return {
    keyring,
    problem: problem?.text ?? null,
    problemCode: problem?.code ?? null,
    accountKey,
    reload,
  };
}

export function useOwner(keyring: Keyring | null): Owner | null {
  const { session } = useServices();
  return keyring ? { userId: session.userId, keyring } : null;
}

const EMPTY: Journal = { entries: [], symptoms: [], unopened: [] };

export function useJournal(keyring: Keyring | null): { journal: Journal; loading: boolean } {
  const { docs, loading } = useLiveDocs('journal', {});
  const [journal, setJournal] = useState<Journal>(EMPTY);
  const [opening, setOpening] = useState(true);
  useEffect(() => {
    if (!keyring) return;
    let cancelled = false;
    void openJournal(keyring, docs).then((opened) => {
      if (cancelled) return;
      setJournal(opened);
      setOpening(false);
    });
    return () => {
      cancelled = true;
    };
  }, [docs, keyring]);
  return { journal, loading: loading || (opening && !!keyring) };
}
