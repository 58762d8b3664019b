import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Thread } from '../../../shared/schemas/threads';
import { hrefFor, navigate } from '../app/routes';
import { useServices } from '../app/services';
import type { ThreadState } from '../db/thread-state-schema';
import { plural, timeAgo } from './format';

/** A row's first guess in rem (title, one meta line, padding); real rows are measured. */
const ROW_ESTIMATE_REM = 4;

/** The root font size in px, so the first guess follows the user's text size. */
function rootFontSize(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/**
 * A community's threads by latest activity, virtualized: only the rows on screen exist in the
 * page, and only their thread documents are read, so 10,000 threads scroll smoothly.
 * Rows are measured as they render, so long titles wrap and larger text never overlaps rows.
 * j/k move focus between threads (so a screen reader reads each one out), Enter opens one.
 */
export function ThreadList({ states }: { states: ThreadState[] }) {
  const { db } = useServices();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  /** a row j/k moved to that was not rendered yet: focused once the scroll brings it in */
  const pendingFocus = useRef<number | null>(null);
  const [estimate] = useState(() => Math.round(ROW_ESTIMATE_REM * rootFontSize()));
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual hands back fresh functions by design
  const virtualizer = useVirtualizer({
    count: states.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => estimate,
    // Sizes follow the thread, not the position: a new post moves rows without resizing them.
    getItemKey: (index) => states[index]!.id,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const visibleIds = useMemo(() => items.map((item) => states[item.index]!.id), [items, states]);
  const [threads, setThreads] = useState<Map<string, Thread>>(new Map());

  const idsKey = visibleIds.join('|');
  useEffect(() => {
    let cancelled = false;
    void db.threads
      .findByIds(idsKey ? idsKey.split('|') : [])
      .exec()
      .then((found) => {
        if (cancelled) return;
        setThreads(new Map([...found].map(([id, doc]) => [id, doc.toJSON() as Thread])));
      });
    return () => {
      cancelled = true;
    };
  }, [db, idsKey, states]);

  /** Focuses the row's link, or leaves it for the render after the virtualizer's scroll. */
  function focusRow(index: number) {
    const link = scroller.current?.querySelector<HTMLAnchorElement>(`[data-index="${index}"] a`);
    if (link) {
      pendingFocus.current = null;
      link.focus();
    } else {
      pendingFocus.current = index;
    }
  }

  // After every render: a row j/k asked for may have just been rendered.
  useEffect(() => {
    if (pendingFocus.current !== null) focusRow(pendingFocus.current);
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      const scope = keyScope(event.target, scroller.current);
      if (scope === null) return;
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        // From outside the list, the first key lands on the current row; inside, it moves.
        const step = scope === 'list' ? (event.key === 'j' ? 1 : -1) : 0;
        const next = Math.max(0, Math.min(states.length - 1, active + step));
        setActive(next);
        virtualizer.scrollToIndex(next);
        focusRow(next);
      } else if (event.key === 'Enter' && scope === 'page' && states[active]) {
        // In the list, Enter on the focused link opens it by itself.
        event.preventDefault();
        navigate({ name: 'thread', threadId: states[active].id });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [states, active, virtualizer]);

  return (
    <div ref={scroller} className="thread-scroller" role="region" aria-label="Thread list">
      <ul
        className="thread-list"
        aria-label="Threads"
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
        {items.map((item) => {
          const state = states[item.index]!;
          const thread = threads.get(state.id);
          const unread = state.lastActivityAt > state.lastReadAt;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className={`thread-row${item.index === active ? ' active' : ''}${unread ? ' unread' : ''}`}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${item.start}px)`,
              }}
            >
              {unread && (
                <>
                  <span className="unread-dot" aria-hidden="true" />
                  <span className="sr-only">Unread: </span>
                </>
              )}
              <a
                href={hrefFor({ name: 'thread', threadId: state.id })}
                onFocus={() => setActive(item.index)}
              >
                {thread?.title ?? '…'}
              </a>
              <span className="muted">
                {thread?.authorName ?? 'A member'} · {plural(state.replyCount, 'reply', 'replies')}{' '}
                · {timeAgo(state.lastActivityAt)}
                {state.followed ? ' · following' : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * Whether a key press is the list's: in the list, or on the page with nothing (or only the
 * heading) focused. A key on
 * any other control (a button, a link, a <summary>, a text field) belongs to that control.
 */
function keyScope(target: EventTarget | null, list: HTMLElement | null): 'list' | 'page' | null {
  if (!(target instanceof Node) || target === document.body || target === document.documentElement)
    return 'page';
  // The screen's heading takes focus when the screen opens (Shell); it is not a control.
  if (target instanceof HTMLHeadingElement && target.tabIndex === -1) return 'page';
  return list?.contains(target) ? 'list' : null;
}
