/**
 * The recovery key: show (desktop) or create (browser) it to print or save, and enter it on a
 * new device so the journal synced there can be read.
 */
import { useState } from 'react';
import { useServices } from '../app/services';
import {
  KEY_PROBLEM_TEXT,
  type Keyring,
  installKey,
  newRecoverableKey,
  revealRecoveryKey,
} from '../crypto/keyring';
import type { RawSealingKey } from '../crypto/recovery-key';
import { RECOVERY_KEY_PROBLEM_TEXT, parseRecoveryKey } from '../crypto/recovery-key';
import { getBridge, isDesktop } from '../platform/bridge';
import { resealWithCurrentKey } from './journal-store';
import { saveOutcomeText, saveTextFile } from './save-text-file';

interface Props {
  accountKey: string;
  keyring: Keyring | null;
  /** The desktop kept a key this computer cannot read: only a recovery key (or a new key) helps. */
  keyUnreadable: boolean;
  onKeysChanged(): void;
}

export function RecoveryKeyPanel({ accountKey, keyring, keyUnreadable, onKeysChanged }: Props) {
  const { db, session } = useServices();
  const bridge = isDesktop() ? getBridge() : undefined;
  const [shown, setShown] = useState<string | null>(null);
  const [fresh, setFresh] = useState<{ key: RawSealingKey; recoveryKey: string } | null>(null);
  const [typed, setTyped] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  async function reveal() {
    const result = await revealRecoveryKey(accountKey, bridge);
    if (result.ok) setShown(result.value);
    else
      setMessage({
        error: result.problem !== 'browser-key-hidden',
        text: KEY_PROBLEM_TEXT[result.problem],
      });
  }

  async function install(key: RawSealingKey, done: string) {
    const result = await installKey(accountKey, bridge, key);
    if (!result.ok) return setMessage({ error: true, text: KEY_PROBLEM_TEXT[result.problem] });
    const resealed = await resealWithCurrentKey(db, {
      userId: session.userId,
      keyring: result.value,
    });
    setMessage({
      error: false,
      text: `${done}${resealed ? ` ${resealed} entries were sealed again with it.` : ''}`,
    });
    onKeysChanged();
  }

  async function enter() {
    const parsed = parseRecoveryKey(typed);
    if (!parsed.ok)
      return setMessage({ error: true, text: RECOVERY_KEY_PROBLEM_TEXT[parsed.problem] });
    setTyped('');
    await install(parsed.value, 'Recovery key accepted: this device can now read your journal.');
  }

  const key = shown ?? fresh?.recoveryKey ?? null;
  return (
    <section aria-labelledby="recovery-title" className="journal-recovery">
      <h2 id="recovery-title">Recovery key</h2>
      <p>
        Your journal is sealed with a key that only your devices hold. The recovery key lets you
        read it on a new device or after reinstalling. Anyone with it can read your journal: print
        it or save it somewhere only you can reach.
      </p>
      {key ? (
        <div className="journal-print-sheet">
          <p className="journal-recovery-key" data-testid="recovery-key">
            {key}
          </p>
          <div className="composer-actions journal-no-print">
            <button type="button" onClick={() => window.print()}>
              Print
            </button>
            <button
              type="button"
              onClick={() =>
                void saveTextFile(
                  'kindred-recovery-key.txt',
                  `Kindred recovery key\n\n${key}\n`,
                  'text',
                ).then((result) => setMessage(saveOutcomeText(result)))
              }
            >
              Save as a file
            </button>
            {fresh && (
              <button
                type="button"
                className="primary"
                onClick={() =>
                  void install(fresh.key, 'Your new recoverable key is now in use.').then(() =>
                    setFresh(null),
                  )
                }
              >
                I have saved it — use this key
              </button>
            )}
          </div>
        </div>
      ) : keyUnreadable ? (
        <>
          <p className="muted">
            No recovery key at hand? You can start again with a new key. Entries sealed with the old
            key stay unreadable here until you enter its recovery key.
          </p>
          <button type="button" onClick={() => setFresh(newRecoverableKey())}>
            Start again with a new key
          </button>
        </>
      ) : bridge ? (
        <button type="button" onClick={() => void reveal()}>
          Show my recovery key
        </button>
      ) : (
        <>
          <p className="muted">{KEY_PROBLEM_TEXT['browser-key-hidden']}</p>
          <button type="button" onClick={() => setFresh(newRecoverableKey())} disabled={!keyring}>
            Create a new recoverable key
          </button>
        </>
      )}
      <h3 className="journal-no-print">On a new device</h3>
      <label className="journal-no-print">
        Enter your recovery key
        <textarea
          rows={3}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <button
        type="button"
        className="journal-no-print"
        onClick={() => void enter()}
        disabled={!typed.trim()}
      >
        Use this recovery key
      </button>
      {message && (
        <p className={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
