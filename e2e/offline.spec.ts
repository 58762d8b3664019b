import { expect, test } from '@playwright/test';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

test('a thread and two replies written offline survive a reload, then go out once and reach another member', async ({
  browser,
}) => {
  const suffix = uniqueSuffix();
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await contextA.newPage();
  const b = await contextB.newPage();

  await signUp(a, `offline-a-${suffix}`, 'Amara');
  await joinCommunity(a, 'Caregivers');
  await expect(a.locator('html')).toHaveAttribute('data-offline-ready', 'true');
  await signUp(b, `offline-b-${suffix}`, 'Bo');
  await joinCommunity(b, 'Caregivers');

  // The clinic waiting room: no network at all.
  await contextA.setOffline(true);
  await expect(a.getByTestId('connection')).toContainText('Offline');

  const title = `Questions for the night nurse ${suffix}`;
  await a.getByRole('link', { name: 'New thread' }).click();
  await a.getByLabel('Title').fill(title);
  await a.getByLabel('Message').fill('What do you ask before a hospital discharge?');
  await a.getByRole('button', { name: 'Post thread' }).click();
  await expect(a.getByRole('heading', { name: title })).toBeVisible();
  for (const text of ['Ask for the medication list on paper.', 'Ask who to call at night.']) {
    await a.getByLabel('Your reply').fill(text);
    await a.getByRole('button', { name: 'Send reply' }).click();
    await expect(a.getByRole('list', { name: 'Replies' }).getByText(text)).toBeVisible();
  }
  await expect(a.getByTestId('delivery')).toHaveText(Array(3).fill('Saved on this device'));
  await expect(a.getByTestId('waiting')).toHaveText('3 items waiting to send');

  // Still offline: the app opens again from the device, and so does everything written.
  await a.reload();
  await expect(a.getByRole('heading', { name: title })).toBeVisible();
  await expect(a.getByTestId('delivery')).toHaveText(Array(3).fill('Saved on this device'));

  await contextA.setOffline(false);
  await expect(a.getByTestId('delivery')).toHaveText(Array(3).fill('Published'), {
    timeout: 20_000,
  });
  await expect(a.getByTestId('waiting')).toHaveCount(0);

  // The other member gets it live, each post once.
  const threadsB = b.getByRole('list', { name: 'Threads' });
  await expect(threadsB.getByRole('link', { name: title })).toHaveCount(1);
  await threadsB.getByRole('link', { name: title }).click();
  const repliesB = b.getByRole('list', { name: 'Replies' });
  await expect(repliesB.getByRole('listitem')).toHaveCount(2);
  await expect(repliesB.getByText('Ask who to call at night.')).toHaveCount(1);

  await contextA.close();
  await contextB.close();
});

test('a draft typed and then the window closed abruptly is there on reopening', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, `drafter-${uniqueSuffix()}`, 'Dee');
  await joinCommunity(page, 'Arthritis');
  await page.getByRole('link', { name: 'New thread' }).click();
  await page.getByLabel('Title').fill('Hands in the morning');
  await page.getByLabel('Message').fill('Stiff for an hour after waking, and');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  await again.goto('/');
  await again.getByRole('link', { name: /Drafts/ }).click();
  await again.getByRole('link', { name: 'Hands in the morning' }).click();
  await expect(again.getByLabel('Title')).toHaveValue('Hands in the morning');
  await expect(again.getByLabel('Message')).toHaveValue('Stiff for an hour after waking, and');
  await context.close();
});
