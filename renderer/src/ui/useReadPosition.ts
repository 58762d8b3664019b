import { type RefObject, useEffect, useRef, useState } from 'react';
import type { Post } from '../../../shared/schemas/posts';
import { useServices } from '../app/services';
import {
  type PreviousReading,
  markRead,
  openThread,
  rememberReadPosition,
} from '../data/thread-activity';

/** Where the thread opens: decided once, when both the last reading and the replies are here. */
export interface Landing {
  /** the first reply written by someone else since the last visit: marked, and scrolled to */
  firstUnreadId: string | undefined;
  /** nothing new: the furthest reply read last time, scrolled back to */
  returnToId: string | undefined;
}

/** Writes of the reading position wait for the scrolling to pause. */
const REMEMBER_AFTER_MS = 500;
/** A reply counts as read once its top is in the upper three quarters of the window. */
const SEEN_MARGIN = '0px 0px -25% 0px';

/**
 * The user's reading of a thread: what is new since their last visit and where they were, read
 * before the thread is marked read (the database queries of the page start empty, so this is
 * read from the database directly, once); then replies that arrive while it is open are read as
 * they come, and the furthest reply scrolled to is remembered.
 */
export function useReadPosition(options: {
  threadId: string;
  communityId: string;
  replies: Post[];
  repliesLoading: boolean;
  /** the list whose items carry `data-reply-id` */
  list: RefObject<HTMLElement | null>;
}): Landing | null {
  const { db, session } = useServices();
  const { threadId, communityId, replies, repliesLoading, list } = options;
  const [previous, setPrevious] = useState<PreviousReading | null>(null);
  const opening = useRef<Promise<PreviousReading> | null>(null);
  const [landing, setLanding] = useState<Landing | null>(null);

  useEffect(() => {
    let mounted = true;
    opening.current ??= openThread(db, threadId, communityId);
    void opening.current.then((reading) => {
      if (mounted) setPrevious(reading);
    });
    return () => {
      mounted = false;
    };
  }, [db, threadId, communityId]);

  useEffect(() => {
    if (previous) void markRead(db, threadId, communityId);
  }, [db, threadId, communityId, previous, replies.length]);

  // Decided once: replies arriving while the user reads are not "new since the last visit",
  // and must not pull the page away from what they are reading.
  if (landing === null && previous !== null && !repliesLoading) {
    setLanding(landingFor(previous, replies, session.userId));
  }

  useRememberFurthest(list, replies, threadId, landing !== null, previous?.readPositionId);
  return landing;
}

function landingFor(previous: PreviousReading, replies: Post[], userId: string): Landing {
  const firstUnread =
    previous.lastReadAt > 0
      ? replies.find((r) => r.createdAt > previous.lastReadAt && r.authorId !== userId)
      : undefined;
  const remembered = replies.some((r) => r.id === previous.readPositionId);
  return {
    firstUnreadId: firstUnread?.id,
    returnToId: !firstUnread && remembered ? previous.readPositionId : undefined,
  };
}

/** Remembers the furthest reply (in thread order) the user has scrolled to. */
function useRememberFurthest(
  list: RefObject<HTMLElement | null>,
  replies: Post[],
  threadId: string,
  ready: boolean,
  startId: string | undefined,
) {
  const { db } = useServices();
  const furthest = useRef(startId);
  const repliesKey = replies.map((r) => r.id).join('|');

  useEffect(() => {
    const root = list.current;
    if (!ready || !root || typeof IntersectionObserver === 'undefined') return;
    const order = new Map(repliesKey.split('|').map((id, index) => [id, index]));
    const indexOf = (id: string | undefined) => (id === undefined ? -1 : (order.get(id) ?? -1));
    let timer: ReturnType<typeof setTimeout> | null = null;
    const save = () => {
      timer = null;
      if (furthest.current) void rememberReadPosition(db, threadId, furthest.current);
    };
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const id = (entry.target as HTMLElement).dataset.replyId;
          if (!entry.isIntersecting || indexOf(id) <= indexOf(furthest.current)) continue;
          furthest.current = id;
          if (timer === null) timer = setTimeout(save, REMEMBER_AFTER_MS);
        }
      },
      { rootMargin: SEEN_MARGIN },
    );
    for (const item of root.querySelectorAll('[data-reply-id]')) observer.observe(item);
    return () => {
      observer.disconnect();
      // Leaving the thread (or the replies changed): what was seen so far is kept.
      if (timer !== null) {
        clearTimeout(timer);
        save();
      }
    };
  }, [db, list, threadId, ready, repliesKey]);
}
