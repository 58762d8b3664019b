/**
 * The words and checks of the Settings screen, kept apart from the components so that they can
 * be tested without a DOM. Nothing here ever puts a passcode into a message.
 */
import {
  type AppInfo,
  type BridgeResult,
  type LockPasscodeChangeResult,
  type LockStatus,
  PASSCODE_MAX_LENGTH,
  PASSCODE_MIN_LENGTH,
  isPasscode,
} from '../../../shared/bridge';
import { waitText } from '../platform/lock-text';

/** What the passcode form is for: a first passcode, a new one, or none any more. */
export type PasscodeFormMode = 'set' | 'change' | 'remove';

export type PasscodeField = 'current' | 'next' | 'repeat';

export interface PasscodeFormValues {
  current: string;
  next: string;
  repeat: string;
}

/** A problem the user can fix, tied to the field that has it (which gets the focus). */
export interface FieldError {
  field: PasscodeField;
  message: string;
}

/** Which fields each mode asks for, in the order they appear. */
export function fieldsFor(mode: PasscodeFormMode): PasscodeField[] {
  switch (mode) {
    case 'set':
      return ['next', 'repeat'];
    case 'change':
      return ['current', 'next', 'repeat'];
    case 'remove':
      return ['current'];
  }
}

export const FIELD_LABELS: Record<PasscodeField, string> = {
  current: 'Current passcode',
  next: 'New passcode',
  repeat: 'New passcode again',
};

export const PASSCODE_RULE = `${PASSCODE_MIN_LENGTH} to ${PASSCODE_MAX_LENGTH} characters. Letters, numbers and spaces all count.`;

/** The first problem with what was typed, checked before anything is sent to the shell. */
export function checkPasscodeForm(
  mode: PasscodeFormMode,
  values: PasscodeFormValues,
): FieldError | null {
  if (mode !== 'set' && values.current === '') {
    return { field: 'current', message: 'Enter your current passcode.' };
  }
  // The shell refuses one that could never have been set; say so without a round trip.
  if (mode !== 'set' && !isPasscode(values.current)) {
    return { field: 'current', message: 'That is not your current passcode.' };
  }
  if (mode === 'remove') return null;
  if (values.next === '') return { field: 'next', message: 'Enter a new passcode.' };
  if (!isPasscode(values.next)) {
    return {
      field: 'next',
      message: `The new passcode must be ${PASSCODE_MIN_LENGTH} to ${PASSCODE_MAX_LENGTH} characters long, and not only spaces.`,
    };
  }
  if (values.repeat !== values.next) {
    return {
      field: 'repeat',
      message: 'The two new passcodes are not the same. Type it again in both fields.',
    };
  }
  return null;
}

/**
 * After asking the shell to set, change or remove the passcode (which checks the current one
 * itself): null when it was done, else what went wrong and which field to fix.
 */
export function passcodeChangeProblem(
  mode: PasscodeFormMode,
  result: BridgeResult<LockPasscodeChangeResult>,
): FieldError | null {
  if (result.ok) {
    const outcome = result.value;
    if (outcome.changed) return null;
    const wait = outcome.status.retryInMs;
    const message =
      outcome.reason === 'wait'
        ? waitText(wait)
        : `That is not your current passcode.${wait > 0 ? ` ${waitText(wait)}` : ''}`;
    return { field: 'current', message };
  }
  // The shell refused the request itself: the field to retry is the one this form asks first.
  const field = fieldsFor(mode)[0]!;
  switch (result.error) {
    case 'not-allowed':
      return { field, message: 'Kindred is locked. Unlock it, then try again.' };
    case 'invalid-argument':
      return {
        field,
        message: `Passcodes are ${PASSCODE_MIN_LENGTH} to ${PASSCODE_MAX_LENGTH} characters long. Nothing was changed.`,
      };
    default:
      return {
        field,
        message: 'Kindred could not save the passcode. Nothing was changed; try again in a moment.',
      };
  }
}

/** What a finished form announces. */
export function doneText(mode: PasscodeFormMode): string {
  switch (mode) {
    case 'set':
      return 'Passcode set. Kindred now asks for it when it opens and after it locks.';
    case 'change':
      return 'Passcode changed. Use the new one from now on.';
    case 'remove':
      return 'Passcode removed. Kindred no longer locks.';
  }
}

/** One sentence on what the lock does now. */
export function lockStatusText(status: LockStatus): string {
  if (!status.enabled) {
    return 'App lock is off. Anyone who can use this computer while you are signed in can open Kindred.';
  }
  const tries =
    status.failedAttempts > 0
      ? ` ${status.failedAttempts} wrong ${status.failedAttempts === 1 ? 'try' : 'tries'} since the last unlock.`
      : '';
  return `App lock is on. Kindred asks for your passcode when it opens, when this computer sleeps or locks its screen, and after 10 minutes without use.${tries}`;
}

/**
 * The shell's own shortcuts, as the user presses them on this platform. The accelerators are
 * the ones of electron/menu.ts (ACCELERATORS): a test checks that they stay the same.
 */
export const SHORTCUT_KEYS = {
  quickHide: ['Shift', 'H'],
  lock: ['Shift', 'L'],
} as const;

export function shortcutKeys(
  which: keyof typeof SHORTCUT_KEYS,
  platform: AppInfo['platform'],
): string[] {
  return [platform === 'darwin' ? 'Command' : 'Ctrl', ...SHORTCUT_KEYS[which]];
}

/** Why "Open at login" cannot be offered here (Linux: every desktop does it its own way). */
export const OPEN_AT_LOGIN_UNAVAILABLE =
  'This system does not let apps add themselves to startup. To open Kindred when you log in, add it to the startup applications in your desktop’s settings.';

export const OPEN_AT_LOGIN_FAILED =
  'Kindred could not change this setting. It is as shown; try again in a moment.';

/** The web build has no desktop shell: these settings exist only in the desktop app. */
export const DESKTOP_ONLY_TEXT =
  'App lock, quick hide, opening at login and the unread count on the app icon are features of the Kindred desktop app, so there is nothing to set here in a web browser. When others can see your screen, close this tab or lock your computer.';
