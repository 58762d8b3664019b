/**
 * How many documents to ask for in the next pull, chosen from how fast the last pages came.
 *
 * One page size cannot suit every link. On a fast one, big pages save round trips and compress
 * better (a first sync of 60,000 documents takes a quarter less time at 1,000 a page than at
 * 200). On a slow one, a big page takes many seconds, and when the connection drops in the middle
 * of it the whole page is fetched again: what was already received is lost with it. So the
 * page grows while pages come back quickly and shrinks when they take long, aiming at about
 * TARGET_MS per page.
 */
import { PULL_LIMIT_DEFAULT, PULL_LIMIT_MAX } from '../../../shared/protocol';

/** A page should take about this long to arrive. */
const TARGET_MS = 1_000;
/** Below this, round trips cost more than a lost page would. */
const MIN_PAGE = 25;

export class PageSizer {
  private size = PULL_LIMIT_DEFAULT;

  /** The limit to ask for next. */
  next(): number {
    return this.size;
  }

  /**
   * A page of `count` documents asked for with `limit` took `ms`. Only full pages say something
   * about the link: a short page is small because there was little left, not because it was slow.
   */
  record(limit: number, count: number, ms: number): void {
    if (count < limit || count === 0) return;
    const perMs = count / Math.max(ms, 1);
    const fits = Math.round(perMs * TARGET_MS);
    // Grow at most twofold a page (one fast page may be luck); shrink at once.
    this.size = Math.max(MIN_PAGE, Math.min(PULL_LIMIT_MAX, fits, limit * 2));
  }

  /**
   * A page did not arrive (timed out or cut off). It may have been too big for the link as it is
   * now: ask for half next time, or the same page would time out again and again.
   */
  failed(): void {
    this.size = Math.max(MIN_PAGE, Math.floor(this.size / 2));
  }
}
