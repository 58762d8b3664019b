import { expect, test } from '@playwright/test';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

test('Enter works the control it is pressed on; j/k move focus along the threads and Enter opens one', async ({
  page,
}) => {
  await signUp(page, `keys-${uniqueSuffix()}`, 'Kai');
  await joinCommunity(page, 'Lung cancer');
  const heading = page.getByRole('heading', { level: 1, name: 'Lung cancer' });
  const threads = page.getByRole('list', { name: 'Threads' }).getByRole('link');
  await expect(threads.nth(1)).not.toHaveText('…');
  const communityUrl = page.url();

  // Enter on the crisis lines opens them, and the page stays where it is.
  const crisisLines = page.locator('details', { hasText: 'Need help now? Crisis lines' });
  await crisisLines.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(crisisLines).toHaveAttribute('open', '');
  await expect(page).toHaveURL(communityUrl);
  await expect(heading).toBeVisible();

  // With nothing focused, j lands on the first thread, then moves along: focus itself moves,
  // so a screen reader reads out each thread.
  await heading.click();
  await page.keyboard.press('j');
  await expect(threads.nth(0)).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(threads.nth(1)).toBeFocused();
  const title = (await threads.nth(1).textContent()) ?? '';
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
});
