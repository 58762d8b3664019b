/**
 * Sets, changes or removes the app-lock passcode. A change or removal sends the current passcode
 * along, and the shell checks it (with the lock screen's back-off), so someone at an unlocked
 * computer cannot quietly replace or drop the lock. Passcodes live only in this form's state:
 * they are cleared after every attempt and never logged or shown.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { KindredBridge, LockStatus } from '../../../shared/bridge';
import {
  FIELD_LABELS,
  type FieldError,
  PASSCODE_RULE,
  type PasscodeField,
  type PasscodeFormMode,
  type PasscodeFormValues,
  checkPasscodeForm,
  doneText,
  fieldsFor,
  passcodeChangeProblem,
} from './settings-text';

export type PasscodeBridge = Pick<KindredBridge, 'setLockPasscode'>;

export interface PasscodeFormProps {
  mode: PasscodeFormMode;
  bridge: PasscodeBridge;
  onDone: (status: LockStatus, message: string) => void;
  onCancel: () => void;
}

const EMPTY: PasscodeFormValues = { current: '', next: '', repeat: '' };

const TITLES: Record<PasscodeFormMode, string> = {
  set: 'Set a passcode',
  change: 'Change your passcode',
  remove: 'Remove your passcode',
};

const SUBMIT: Record<PasscodeFormMode, [idle: string, busy: string]> = {
  set: ['Set passcode', 'Setting…'],
  change: ['Change passcode', 'Changing…'],
  remove: ['Remove passcode', 'Removing…'],
};

export function PasscodeForm({ mode, bridge, onDone, onCancel }: PasscodeFormProps) {
  const id = useId();
  const [values, setValues] = useState<PasscodeFormValues>(EMPTY);
  const [error, setError] = useState<FieldError | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Partial<Record<PasscodeField, HTMLInputElement | null>>>({});
  const fields = fieldsFor(mode);

  // Opening the form takes the keyboard to its first field; an error, to the field to fix.
  const focusField = error?.field ?? fields[0]!;
  useEffect(() => {
    if (!busy) inputs.current[focusField]?.focus();
  }, [focusField, error, busy]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const problem = checkPasscodeForm(mode, values);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    const result = await bridge
      .setLockPasscode({
        current: mode === 'set' ? null : values.current,
        next: mode === 'remove' ? null : values.next,
      })
      .catch(() => unreachable);
    if (result.ok && result.value.changed) {
      setValues(EMPTY);
      setBusy(false);
      onDone(result.value.status, doneText(mode));
      return;
    }
    // Never null here: every outcome but a change made has words.
    const failure = passcodeChangeProblem(mode, result) ?? { field: fields[0]!, message: '' };
    setValues((v) => ({
      ...v,
      [failure.field]: '',
      ...(failure.field !== 'current' ? { repeat: '' } : {}),
    }));
    setError(failure);
    setBusy(false);
  }

  const errorId = `${id}-error`;
  const ruleId = `${id}-rule`;
  return (
    <form
      className="passcode-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !busy) onCancel();
      }}
      noValidate
    >
      <h3 id={`${id}-title`}>{TITLES[mode]}</h3>
      {mode !== 'remove' && (
        <p id={ruleId} className="hint">
          {PASSCODE_RULE} Choose one you will remember: Kindred keeps only a scrambled form of it
          and cannot show it to you again.
        </p>
      )}
      {fields.map((field) => {
        const invalid = error?.field === field;
        const describedBy = [invalid ? errorId : null, field === 'next' ? ruleId : null]
          .filter(Boolean)
          .join(' ');
        return (
          <label key={field} htmlFor={`${id}-${field}`}>
            {FIELD_LABELS[field]}
            <input
              ref={(element) => {
                inputs.current[field] = element;
              }}
              id={`${id}-${field}`}
              type="password"
              autoComplete="off"
              value={values[field]}
              onChange={(event) => setValues((v) => ({ ...v, [field]: event.target.value }))}
              disabled={busy}
              aria-invalid={invalid}
              aria-describedby={describedBy || undefined}
            />
          </label>
        );
      })}
      <p id={errorId} className="error" role="alert">
        {error?.message ?? ''}
      </p>
      <div className="passcode-form-actions">
        <button type="submit" className={mode === 'remove' ? undefined : 'primary'} disabled={busy}>
          {SUBMIT[mode][busy ? 1 : 0]}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const unreachable = { ok: false, error: 'unavailable' } as const;
