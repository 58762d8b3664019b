// Argument parsers for the IPC handlers: total functions over what a renderer might send.
import {
  SECRET_VALUE_MAX,
  isBadgeCount,
  isPasscode,
  isSecretName,
  parseNotifyRequest,
  parseSaveFileRequest,
  type LockPasscodeChange,
  type NotifyRequest,
  type SaveFileRequest,
  type SecretName,
} from '../shared/bridge';

/** Parses the arguments of one channel; null means they are not what the bridge sends. */
export type ParseArgs<A> = (args: readonly unknown[]) => A | null;

function exactly<T>(check: (value: unknown) => T | null): ParseArgs<[T]> {
  return (args) => {
    if (args.length !== 1) return null;
    const parsed = check(args[0]);
    return parsed === null ? null : [parsed];
  };
}

export const noArgs: ParseArgs<[]> = (args) => (args.length === 0 ? [] : null);

export const oneString = exactly((v) => (typeof v === 'string' ? v : null));

export const secretName = exactly((v) => (isSecretName(v) ? v : null));

export const secretNameAndValue: ParseArgs<[SecretName, string]> = (args) =>
  args.length === 2 &&
  isSecretName(args[0]) &&
  typeof args[1] === 'string' &&
  args[1].length <= SECRET_VALUE_MAX
    ? [args[0], args[1]]
    : null;

export const notifyRequest: ParseArgs<[NotifyRequest]> = exactly(parseNotifyRequest);

export const badgeCount = exactly((v) => (isBadgeCount(v) ? v : null));

export const oneBoolean = exactly((v) => (typeof v === 'boolean' ? v : null));

/**
 * Exactly `{ current, next }`, each a passcode or null. Both are bounded like a passcode that
 * could be set, so a wrong `current` is refused before any scrypt work or wrong try is counted.
 */
export const passcodeChange: ParseArgs<[LockPasscodeChange]> = exactly((v) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  if (Object.keys(v).sort().join(',') !== 'current,next') return null;
  const { current, next } = v as Record<string, unknown>;
  const passcodeOrNull = (p: unknown): p is string | null => p === null || isPasscode(p);
  return passcodeOrNull(current) && passcodeOrNull(next) ? { current, next } : null;
});

/** A passcode to try. One that could never have been set is refused without counting. */
export const passcode = exactly((v) => (isPasscode(v) ? v : null));

/** What to save and how it may be named: a file name only, bounded text (see bridge.ts). */
export const saveFileRequest: ParseArgs<[SaveFileRequest]> = exactly(parseSaveFileRequest);
