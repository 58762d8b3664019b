// Argument parsers for the IPC handlers: total functions over what a renderer might send.
import {
  SECRET_VALUE_MAX,
  isBadgeCount,
  isPasscode,
  isSecretName,
  parseNotifyRequest,
  parseSaveFileRequest,
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

/** A new passcode, or null to remove it. Wrapped: null itself means "not parsed". */
export const passcodeOrNull: ParseArgs<[string | null]> = (args) =>
  args.length === 1 && (args[0] === null || isPasscode(args[0])) ? [args[0]] : null;

/** A passcode to try. One that could never have been set is refused without counting. */
export const passcode = exactly((v) => (isPasscode(v) ? v : null));

/** What to save and how it may be named: a file name only, bounded text (see bridge.ts). */
export const saveFileRequest: ParseArgs<[SaveFileRequest]> = exactly(parseSaveFileRequest);
