import { useMemo, useState } from 'react';
import { type Report, sameSnapshot, snapshotOf } from '../../../shared/schemas/reports';
import { hrefFor } from '../app/routes';
import { useServices } from '../app/services';
import { REPORT_REASON_LABELS } from '../data/reports';
import { timeAgo } from '../ui/format';
import { useLiveDocs } from '../ui/hooks';
import { Markdown } from '../ui/Markdown';
import { hideReported, isHandled, keepReported } from './reports';

/** Reports in these communities that no moderator has acted on since they were made. */
export function useOpenReports(communityIds: readonly string[]): Report[] {
  const { docs: reports } = useLiveDocs('reports', {
    selector: { communityId: { $in: [...communityIds] } },
    sort: [{ createdAt: 'asc' }],
  });
  const targetIds = useMemo(() => [...new Set(reports.map((r) => r.targetId))], [reports]);
  const { docs: decisions } = useLiveDocs('moderation', {
    selector: { targetId: { $in: targetIds } },
  });
  return useMemo(() => {
    const byTarget = new Map(decisions.map((d) => [d.targetId, d]));
    return reports.filter((r) => !isHandled(r, byTarget.get(r.targetId)));
  }, [reports, decisions]);
}

/**
 * The "Reports" part of the review queue: what members reported, with what it said then.
 * Hide and Keep are moderation decisions about the target, so they sync, work offline, and
 * settle the report on every moderator's device.
 */
export function ReportsQueue({
  communityIds,
  communityNames,
}: {
  communityIds: readonly string[];
  communityNames: Map<string, string>;
}) {
  const open = useOpenReports(communityIds);
  const people = useMemo(
    () => [...new Set(open.flatMap((r) => [r.reporterId, r.snapshot.authorId]))],
    [open],
  );
  const { docs: profiles } = useLiveDocs('profiles', { selector: { id: { $in: people } } });
  const names = useMemo(() => new Map(profiles.map((p) => [p.id, p.displayName])), [profiles]);

  return (
    <section aria-labelledby="reports-title">
      <h2 id="reports-title">Reports</h2>
      {open.length === 0 ? (
        <p className="muted">No open reports.</p>
      ) : (
        <ul className="review-list" aria-label="Open reports">
          {open.map((report) => (
            <ReportItem
              key={report.id}
              report={report}
              communityName={communityNames.get(report.communityId) ?? ''}
              names={names}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function ReportItem(props: { report: Report; communityName: string; names: Map<string, string> }) {
  const { report, names } = props;
  const { db, session } = useServices();
  const { docs: threads } = useLiveDocs('threads', { selector: { id: report.targetId } });
  const { docs: posts } = useLiveDocs('posts', { selector: { id: report.targetId } });
  const [hiding, setHiding] = useState<string | null>(null);
  const current = report.targetKind === 'thread' ? threads[0] : posts[0];
  const edited = current !== undefined && !sameSnapshot(snapshotOf(current), report.snapshot);
  const target = { id: report.targetId, communityId: report.communityId };
  const author = names.get(report.snapshot.authorId) ?? current?.authorName ?? 'A member';
  const reporter = names.get(report.reporterId) ?? 'a member';

  return (
    <li className="card review-item">
      <p className="muted">
        {report.targetKind === 'thread' ? 'Thread' : 'Reply'} by {author} in {props.communityName} ·
        reported {timeAgo(report.createdAt)} by {reporter} ·{' '}
        <a href={hrefFor({ name: 'thread', threadId: report.threadId })}>open the thread</a>
      </p>
      <p>
        <strong>{REPORT_REASON_LABELS[report.reason]}</strong>
      </p>
      {report.note && <p className="report-note">“{report.note}”</p>}
      <figure className="report-snapshot">
        <figcaption className="muted">What was reported</figcaption>
        {report.snapshot.title !== undefined && <h3>{report.snapshot.title}</h3>}
        <Markdown text={report.snapshot.body} />
      </figure>
      {edited && <p className="muted">Edited since the report.</p>}
      {current === undefined && (
        <p className="muted">Not on this device now: deleted by its author, or not synced yet.</p>
      )}
      {hiding === null ? (
        <p>
          <button type="button" onClick={() => setHiding('')}>
            Hide…
          </button>{' '}
          <button
            type="button"
            onClick={() => void keepReported(db, session.userId, target, report.createdAt)}
          >
            Keep
          </button>
        </p>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void hideReported(db, session.userId, target, hiding, report.createdAt);
          }}
        >
          <label>
            Reason, shown to the author
            <input value={hiding} onChange={(e) => setHiding(e.target.value)} maxLength={300} />
          </label>
          <button type="submit" className="primary">
            Hide
          </button>{' '}
          <button type="button" onClick={() => setHiding(null)}>
            Cancel
          </button>
        </form>
      )}
    </li>
  );
}
