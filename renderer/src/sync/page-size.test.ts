import { describe, expect, it } from 'vitest';
import { PULL_LIMIT_DEFAULT, PULL_LIMIT_MAX } from '../../../shared/protocol';
import { PageSizer } from './page-size';

describe('the pull page size', () => {
  it('grows to the maximum on a fast link, at most doubling each page', () => {
    const pages = new PageSizer();
    const asked: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const limit = pages.next();
      asked.push(limit);
      pages.record(limit, limit, 20); // a full page in 20 ms
    }
    expect(asked).toEqual([PULL_LIMIT_DEFAULT, 400, 800, PULL_LIMIT_MAX, PULL_LIMIT_MAX]);
  });

  it('shrinks at once on a slow link so that a page takes about a second', () => {
    const pages = new PageSizer();
    pages.record(200, 200, 4_000); // 50 documents a second
    expect(pages.next()).toBe(50);
    pages.record(50, 50, 60_000); // a stalled link: never below the floor
    expect(pages.next()).toBe(25);
  });

  it('halves the page after one that did not arrive, so a link too slow for it is not stuck', () => {
    const pages = new PageSizer();
    for (let i = 0; i < 3; i += 1) pages.record(pages.next(), pages.next(), 20);
    expect(pages.next()).toBe(PULL_LIMIT_MAX);
    pages.failed(); // timed out on a link that just got much slower
    expect(pages.next()).toBe(PULL_LIMIT_MAX / 2);
    for (let i = 0; i < 10; i += 1) pages.failed();
    expect(pages.next()).toBe(25);
  });

  it('learns nothing from a short page, which is short because little was left', () => {
    const pages = new PageSizer();
    pages.record(200, 3, 5_000);
    pages.record(200, 0, 1);
    expect(pages.next()).toBe(PULL_LIMIT_DEFAULT);
  });
});
