/**
 * Why this device cannot keep or read the account's sealing key, as names the UI maps to
 * sentences. Shared by key-store.ts (starting up) and keyring.ts (showing, entering keys).
 */
import type { BridgeError } from '../../../shared/bridge';

export type KeyProblem = 'no-keychain' | 'key-unreadable' | 'not-saved' | 'browser-key-hidden';

export const KEY_PROBLEM_TEXT: Record<KeyProblem, string> = {
  'no-keychain':
    'This computer has no secure key storage (keychain) available. Kindred will not store your journal key unprotected, so it was not saved.',
  'key-unreadable':
    'This computer can’t read the journal key it stored — enter your recovery key (Journal, “Recovery key”) to open your journal and drafts here.',
  'not-saved': 'The key could not be saved on this device. Please try again.',
  'browser-key-hidden':
    'In the browser version your current key is kept so that even Kindred cannot read it out. Create a new recoverable key instead: your recovery key is shown once, then stored the same way.',
};

/**
 * A shell's refusal to read the key. `unreadable`: the keychain works but the key it kept was
 * sealed by another computer or an older OS key; everything else means there is no keychain.
 */
export function problemOfGet(error: BridgeError): KeyProblem {
  return error === 'unreadable' ? 'key-unreadable' : 'no-keychain';
}

export class KeyUnavailableError extends Error {
  constructor(
    message: string,
    readonly problem: KeyProblem = 'no-keychain',
  ) {
    super(message);
    this.name = 'KeyUnavailableError';
  }
}
