import { expect, test } from '@playwright/test';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

// A member who reads with a 24px default font (one and a half times the usual) on a small screen.
test.use({ viewport: { width: 1024, height: 700 } });
test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      const style = document.createElement('style');
      style.textContent = 'html { font-size: 24px; }';
      document.head.append(style);
    });
  });
});

/** Where each row's text really sits, next to the row's own box. */
async function rowLayout(page: import('@playwright/test').Page) {
  return page.getByRole('list', { name: 'Threads' }).evaluate((list) =>
    [...list.querySelectorAll('li')].map((row) => {
      const box = row.getBoundingClientRect();
      const parts = [...row.children].map((child) => child.getBoundingClientRect());
      return {
        title: row.querySelector('a')?.textContent ?? '',
        rowTop: box.top,
        rowBottom: box.bottom,
        rowRight: box.right,
        textTop: Math.min(...parts.map((part) => part.top)),
        textBottom: Math.max(...parts.map((part) => part.bottom)),
        textRight: Math.max(...parts.map((part) => part.right)),
      };
    }),
  );
}

test('with larger text at 1024×700, thread rows grow to fit their titles and nothing scrolls sideways', async ({
  page,
}) => {
  const suffix = uniqueSuffix();
  await signUp(page, `big-text-${suffix}`, 'Bea');
  await joinCommunity(page, 'Lung cancer');

  // A long title with a word too long for any line: it is the newest thread, so the first row.
  const title = `My scan results after the second round ${'and-what-the-oncologist-said-'.repeat(4)}${suffix} and what comes next for the family`;
  await page.getByRole('link', { name: 'New thread' }).click();
  await page.getByLabel('Title').fill(title);
  await page
    .getByLabel('Message')
    .fill('Long story, short question: did anyone else wait this long?');
  await page.getByRole('button', { name: 'Post thread' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await page.getByRole('link', { name: '← Back to the community' }).click();

  const threads = page.getByRole('list', { name: 'Threads' });
  await expect(threads.getByRole('link').first()).toHaveText(title);
  await expect(threads.getByRole('link').nth(3)).not.toHaveText('…');

  // Wait for the measured layout to settle, then compare each row with the next.
  await expect
    .poll(async () => {
      const rows = await rowLayout(page);
      return rows.every((row, i) => i === 0 || rows[i - 1]!.rowBottom <= row.rowTop + 0.5);
    })
    .toBe(true);
  const rows = await rowLayout(page);
  expect(rows.length).toBeGreaterThan(3);
  for (const [i, row] of rows.entries()) {
    // Each row's text stays inside its row, so it cannot run into the next one...
    expect(row.textTop, `row ${i} "${row.title}" top`).toBeGreaterThanOrEqual(row.rowTop - 0.5);
    expect(row.textBottom, `row ${i} "${row.title}" bottom`).toBeLessThanOrEqual(
      row.rowBottom + 0.5,
    );
    expect(row.textRight, `row ${i} "${row.title}" right`).toBeLessThanOrEqual(row.rowRight + 0.5);
    // ...and the rows themselves follow one another without overlapping.
    if (i > 0) expect(rows[i - 1]!.rowBottom).toBeLessThanOrEqual(row.rowTop + 0.5);
  }
  // The long title wrapped instead of being cut to one fixed-height line.
  expect(rows[0]!.textBottom - rows[0]!.textTop).toBeGreaterThan(3 * 24);

  const sideways = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  expect(sideways.scroll, 'no horizontal scroll').toBeLessThanOrEqual(sideways.width);
});

test('the skip link and every new screen put focus on the screen’s heading', async ({ page }) => {
  await signUp(page, `skip-${uniqueSuffix()}`, 'Sam');

  // The first Tab stop is "Skip to content", shown when focused; it lands on the heading.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Communities' })).toBeFocused();
  await expect(page).toHaveURL(/#\/$|\/$/);

  // Opening another screen moves focus to its heading, so a screen reader announces it.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Therapies' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Therapies' })).toBeFocused();
});
