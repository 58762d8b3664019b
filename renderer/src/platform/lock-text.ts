/** The words of the lock screen, kept apart from the component so that they can be tested. */
import type { BridgeResult, UnlockResult } from '../../../shared/bridge';

/** "1 minute 5 seconds", "30 seconds", rounding up: never promise a wait shorter than it is. */
export function describeWait(ms: number): string {
  const total = Math.max(1, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (minutes === 0) return part(seconds, 'second');
  return seconds === 0
    ? part(minutes, 'minute')
    : `${part(minutes, 'minute')} ${part(seconds, 'second')}`;
}

export function waitText(ms: number): string {
  return `Too many wrong tries. You can try again in ${describeWait(ms)}.`;
}

/** What to tell the user after an unlock attempt; null when it worked. */
export function unlockMessage(result: BridgeResult<UnlockResult>): string | null {
  if (!result.ok)
    return result.error === 'invalid-argument'
      ? 'That passcode is too short or too long to be yours.'
      : 'Kindred cannot check your passcode right now. Try again in a moment.';
  const outcome = result.value;
  if (outcome.unlocked) return null;
  switch (outcome.reason) {
    case 'wrong-passcode':
      return 'That passcode is not right.';
    case 'wait':
      return 'Please wait before trying again.';
    case 'relocked':
      return 'Kindred was locked again. Enter your passcode once more.';
  }
}
