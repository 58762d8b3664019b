import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Post } from '../../../shared/schemas/posts';
import {
  REPORT_NOTE_MAX,
  REPORT_REASONS,
  type ReportReason,
} from '../../../shared/schemas/reports';
import type { Thread } from '../../../shared/schemas/threads';
import { useServices } from '../app/services';
import { REPORT_REASON_LABELS, createReport, isThread } from '../data/reports';
import { CrisisPanel } from '../ui/CrisisPanel';
import { useSyncStatus } from '../ui/hooks';
import { refusalText } from '../ui/refusal-text';

export const REPORTED_TEXT =
  'Reported — thank you. Moderators will look at it. The author will not know who reported it.';

const CRISIS_INTRO =
  'If someone may be in danger right now, do not wait for the moderators: these lines can help, them or you.';

/**
 * "Report" under a thread or reply someone else wrote. The report is saved on this device and
 * sent like everything else (so it works offline); once made, the button says "Reported".
 */
export function ReportButton({ target, reported }: { target: Thread | Post; reported: boolean }) {
  const [open, setOpen] = useState(false);
  const [sentId, setSentId] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const status = useSyncStatus();
  // Refused reports leave the device (data/reports.ts): say why, here, while the user is here.
  const refusal = sentId ? status.refusals.find((r) => r.id === sentId) : undefined;

  return (
    <>
      <button
        ref={button}
        type="button"
        className="report-button"
        aria-haspopup="dialog"
        // Not `disabled`: the button keeps focus when the dialog closes.
        aria-disabled={reported}
        onClick={() => {
          if (!reported) setOpen(true);
        }}
      >
        {reported ? 'Reported' : 'Report'}
      </button>
      {refusal && !reported && (
        <span className="error" role="alert">
          Your report was not sent. {refusalText(refusal.error)}
        </span>
      )}
      {open &&
        // In <body>: the button sits inside a line of text, where a form may not go.
        createPortal(
          <ReportDialog
            target={target}
            onSent={setSentId}
            onClose={() => {
              setOpen(false);
              button.current?.focus();
            }}
          />,
          document.body,
        )}
    </>
  );
}

/**
 * A modal dialog (the browser's own <dialog>: the page behind is inert, so focus stays inside,
 * and Esc closes it); focus goes back to the Report button when it closes.
 */
function ReportDialog(props: {
  target: Thread | Post;
  onSent: (reportId: string) => void;
  onClose: () => void;
}) {
  const { db, session } = useServices();
  const { connection } = useSyncStatus();
  const dialog = useRef<HTMLDialogElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const id = useId();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<ReportReason | null>(null);
  const what = isThread(props.target) ? 'thread' : 'reply';

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  useEffect(() => {
    if (sent) closeButton.current?.focus();
  }, [sent]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!reason) {
      setProblem('Please choose what is wrong with it.');
      return;
    }
    try {
      const report = await createReport(db, session.userId, props.target, reason, note);
      props.onSent(report.id);
      setSent(reason);
    } catch {
      setProblem('The report could not be saved on this device. Please try again.');
    }
  }

  return (
    <dialog
      ref={dialog}
      className="report-dialog"
      aria-labelledby={`${id}-title`}
      onClose={props.onClose}
    >
      <h2 id={`${id}-title`}>Report this {what}</h2>
      {sent === null ? (
        <form onSubmit={(event) => void send(event)}>
          <p className="muted">
            Only the moderators of this community see your report and that it came from you. The
            author will not know who reported it.
          </p>
          <fieldset>
            <legend>What is wrong with it?</legend>
            {REPORT_REASONS.map((r) => (
              <label key={r} className="checkbox report-reason">
                <input
                  type="radio"
                  name={`${id}-reason`}
                  value={r}
                  checked={reason === r}
                  onChange={() => {
                    setReason(r);
                    setProblem(null);
                  }}
                />
                {REPORT_REASON_LABELS[r]}
              </label>
            ))}
          </fieldset>
          <label>
            Note for the moderators (optional)
            <textarea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={REPORT_NOTE_MAX}
              rows={3}
            />
          </label>
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <p>
            <button type="submit" className="primary">
              Send report
            </button>{' '}
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </p>
        </form>
      ) : (
        <>
          <p role="status">
            {REPORTED_TEXT}
            {connection !== 'online' &&
              ' It is saved on this device and will be sent when you are back online.'}
          </p>
          {sent === 'crisis' && (
            <CrisisPanel text="" always intro={CRISIS_INTRO} closable={false} />
          )}
          <p>
            <button ref={closeButton} type="button" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </p>
        </>
      )}
    </dialog>
  );
}
