import { type FormEvent, useEffect, useRef, useState } from 'react';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { timeAgo } from '../ui/format';
import { DECLINED_PREFIX, admitMember, declineRequest, removeMember } from './decisions';
import type { MemberView } from './Members';
import { RoleBadge } from './useRoles';

type Step =
  | { kind: 'idle' }
  | { kind: 'decline'; reason: string }
  | { kind: 'remove'; reason: string; confirming: boolean };

/** Focuses the element once it appears: opening a form moves the keyboard into it. */
function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/** One member (or request) with the moderator's actions on them. */
export function MemberRow({ view, communityName }: { view: MemberView; communityName: string }) {
  const { db, session } = useServices();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const { membership, name, decision } = view;
  const target = { id: membership.id, communityId: membership.communityId };
  const isMe = membership.userId === session.userId;
  const removable = membership.role === 'member' && !isMe && view.waiting === null;
  const reason = decision?.reason ?? '';
  const declined = reason.startsWith(DECLINED_PREFIX);

  return (
    <li className="card member-row" aria-label={name}>
      <p>
        <a href={hrefFor({ name: 'member', userId: membership.userId })}>{name}</a>{' '}
        <RoleBadge role={membership.role} />
        {isMe && <span className="muted"> (you)</span>}
        {membership.status === 'pending' && (
          <span className="muted"> · asked {timeAgo(membership.updatedAt)}</span>
        )}
        {view.waiting && (
          <span className="tag pending">
            {view.waiting === 'removal' ? 'Removal' : 'Approval'} waiting to sync
          </span>
        )}
      </p>
      {membership.status === 'banned' && decision && (
        <p className="muted">
          {declined ? 'Request declined' : 'Removed'}
          {reason ? `: ${declined ? reason.slice(DECLINED_PREFIX.length) : reason}` : ''}
        </p>
      )}
      {view.refused && (
        <p className="error" role="alert">
          {view.refused}
        </p>
      )}

      {step.kind === 'idle' && (
        <p className="member-actions">
          {membership.status === 'pending' && view.waiting === null && (
            <>
              <button
                type="button"
                className="primary"
                onClick={() => void admitMember(db, session.userId, target)}
              >
                Approve
              </button>{' '}
              <button type="button" onClick={() => setStep({ kind: 'decline', reason: '' })}>
                Decline…
              </button>
            </>
          )}
          {membership.status === 'active' && removable && (
            <button
              type="button"
              onClick={() => setStep({ kind: 'remove', reason: '', confirming: false })}
            >
              Remove from community…
            </button>
          )}
          {membership.status === 'banned' && view.waiting === null && (
            <button type="button" onClick={() => void admitMember(db, session.userId, target)}>
              Let back in
            </button>
          )}
        </p>
      )}

      {step.kind === 'decline' && (
        <ReasonForm
          label="Why you decline (the person sees this)"
          submit="Decline request"
          reason={step.reason}
          onChange={(r) => setStep({ kind: 'decline', reason: r })}
          onCancel={() => setStep({ kind: 'idle' })}
          onSubmit={() => {
            void declineRequest(db, session.userId, target, step.reason);
            setStep({ kind: 'idle' });
          }}
        />
      )}

      {step.kind === 'remove' && !step.confirming && (
        <ReasonForm
          label="Why you remove them (required; the member sees this)"
          submit="Continue"
          reason={step.reason}
          onChange={(r) => setStep({ ...step, reason: r })}
          onCancel={() => setStep({ kind: 'idle' })}
          onSubmit={() => setStep({ ...step, confirming: true })}
        />
      )}

      {step.kind === 'remove' && step.confirming && (
        <ConfirmRemoval
          name={name}
          communityName={communityName}
          reason={step.reason}
          onBack={() => setStep({ ...step, confirming: false })}
          onConfirm={() => {
            void removeMember(db, session.userId, target, step.reason.trim());
            setStep({ kind: 'idle' });
          }}
        />
      )}
    </li>
  );
}

function ReasonForm(props: {
  label: string;
  submit: string;
  reason: string;
  onChange(reason: string): void;
  onCancel(): void;
  onSubmit(): void;
}) {
  const input = useFocusOnMount<HTMLInputElement>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.reason.trim()) props.onSubmit();
  };
  return (
    <form onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && props.onCancel()}>
      <label>
        {props.label}
        <input
          ref={input}
          value={props.reason}
          onChange={(e) => props.onChange(e.target.value)}
          maxLength={300}
          required
        />
      </label>
      <button type="submit" className="primary" disabled={!props.reason.trim()}>
        {props.submit}
      </button>{' '}
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </form>
  );
}

function ConfirmRemoval(props: {
  name: string;
  communityName: string;
  reason: string;
  onBack(): void;
  onConfirm(): void;
}) {
  const confirm = useFocusOnMount<HTMLButtonElement>();
  return (
    <div
      role="alertdialog"
      aria-label={`Remove ${props.name}?`}
      className="confirm"
      onKeyDown={(e) => e.key === 'Escape' && props.onBack()}
    >
      <p>
        Remove {props.name} from {props.communityName}? They lose access at once and see your
        reason: “{props.reason.trim()}”. You can let them back in later.
      </p>
      <button type="button" className="primary danger" ref={confirm} onClick={props.onConfirm}>
        Remove {props.name}
      </button>{' '}
      <button type="button" onClick={props.onBack}>
        Go back
      </button>
    </div>
  );
}
