import { type Page, expect, test } from '@playwright/test';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

const VIEWPORT = { width: 1024, height: 700 };

/** Opens a thread from the community page, as a member would come back to it. */
async function openFromCommunity(page: Page, title: string) {
  await page.getByRole('link', { name: '← Back to the community' }).click();
  await page.getByRole('list', { name: 'Threads' }).getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('coming back to a thread shows what is new since the last visit, scrolled into view, and later returns to where reading stopped', async ({
  browser,
}) => {
  const suffix = uniqueSuffix();
  const ana = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
  const ben = await (await browser.newContext({ viewport: VIEWPORT })).newPage();

  // Ana starts a thread long enough that its replies are below the fold, and reads it.
  await signUp(ana, `ana-read-${suffix}`, 'Ana');
  await joinCommunity(ana, 'Caregivers');
  const title = `Nights at the hospital ${suffix}`;
  const body = Array.from(
    { length: 30 },
    (_, i) => `Night ${i + 1}: the chairs are hard and the machines beep.`,
  ).join('\n\n');
  await ana.getByRole('link', { name: 'New thread' }).click();
  await ana.getByLabel('Title').fill(title);
  await ana.getByLabel('Message').fill(body);
  await ana.getByRole('button', { name: 'Post thread' }).click();
  await expect(ana.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await openFromCommunity(ana, title);
  await expect(ana.getByText('No replies yet')).toBeVisible();
  await ana.getByRole('link', { name: '← Back to the community' }).click();

  // Ben replies while Ana is elsewhere.
  await signUp(ben, `ben-read-${suffix}`, 'Ben');
  await joinCommunity(ben, 'Caregivers');
  await ben.getByRole('list', { name: 'Threads' }).getByRole('link', { name: title }).click();
  const answer = 'Ask the night nurse for a recliner: they have a few.';
  await ben.getByLabel('Your reply').fill(answer);
  await ben.getByRole('button', { name: 'Send reply' }).click();

  const row = ana.getByRole('list', { name: 'Threads' }).getByRole('listitem').filter({
    hasText: title,
  });
  await expect(row).toContainText('1 reply', { timeout: 20_000 });
  await expect(row).toContainText('Unread');

  // Ana comes back: the marker stands before Ben's reply, and the page is scrolled to it.
  await row.getByRole('link', { name: title }).click();
  const replies = ana.getByRole('list', { name: 'Replies' });
  const bensReply = replies.getByRole('listitem').filter({ hasText: answer });
  const marker = bensReply.getByText('New since your last visit');
  await expect(marker).toBeVisible();
  await expect(marker).toBeInViewport();
  await expect(bensReply.getByText(answer)).toBeInViewport();
  expect(await ana.evaluate(() => window.scrollY)).toBeGreaterThan(0);

  // The next visit has nothing new: no marker, and the page comes back to where she stopped.
  await openFromCommunity(ana, title);
  await expect(replies.getByText(answer)).toBeVisible();
  await expect(ana.getByText('New since your last visit')).toHaveCount(0);
  await expect(replies.getByText(answer)).toBeInViewport();
});
