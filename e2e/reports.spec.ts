import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { setRole, signUp, uniqueSuffix } from './helpers';

async function openCommunity(page: Page, name: string) {
  // Roles set by the operator's command reach open streams at their next connection.
  await page.reload();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Communities' })
    .click();
  await page.getByRole('link', { name, exact: true }).click();
}

test('a member reports a reply; the moderator sees it with what it said; the author sees no trace of who reported it', async ({
  browser,
}) => {
  const s = uniqueSuffix();
  const [mo, ava, rae] = await Promise.all(
    [1, 2, 3].map(async () => (await browser.newContext()).newPage()),
  );
  await signUp(mo, `rmo-${s}`, 'Morgan');
  await signUp(ava, `rava-${s}`, 'Avery');
  await signUp(rae, `rrae-${s}`, 'Raelynn');
  setRole(`rmo-${s}`, 'melanoma', 'moderator');
  setRole(`rava-${s}`, 'melanoma', 'member');
  setRole(`rrae-${s}`, 'melanoma', 'member');
  for (const page of [mo, ava, rae]) await openCommunity(page, 'Melanoma');

  const title = `Sunscreen after surgery ${s}`;
  const advice = `Skip the dermatologist, baking soda removes moles ${s}`;
  await ava.getByRole('link', { name: 'New thread' }).click();
  await ava.getByLabel('Title').fill(title);
  await ava.getByLabel('Message').fill('Which one do you use on a scar?');
  await ava.getByRole('button', { name: 'Post thread' }).click();
  await ava.getByLabel('Your reply').fill(advice);
  await ava.getByRole('button', { name: 'Send reply' }).click();
  const avasReply = ava
    .getByRole('list', { name: 'Replies' })
    .getByRole('listitem')
    .filter({ hasText: advice });
  await expect(avasReply).toBeVisible();
  // Nobody reports their own words.
  await expect(avasReply.getByRole('button', { name: 'Report' })).toHaveCount(0);

  await rae.getByRole('list', { name: 'Threads' }).getByRole('link', { name: title }).click();
  const reply = rae
    .getByRole('list', { name: 'Replies' })
    .getByRole('listitem')
    .filter({ hasText: advice });
  const report = reply.getByRole('button', { name: 'Report' });
  await report.click();
  const dialog = rae.getByRole('dialog', { name: 'Report this reply' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio')).toHaveCount(6);
  const axe = await new AxeBuilder({ page: rae }).include('.report-dialog').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual(
    [],
  );
  await dialog.getByRole('radio', { name: 'Medical misinformation' }).check();
  await dialog.getByLabel('Note for the moderators (optional)').fill('This could hurt someone.');
  await dialog.getByRole('button', { name: 'Send report' }).click();
  await expect(dialog.getByRole('status')).toContainText(
    'Reported — thank you. Moderators will look at it. The author will not know who reported it.',
  );
  await rae.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const reported = reply.getByRole('button', { name: 'Reported' });
  await expect(reported).toBeVisible();
  await expect(reported).toBeFocused();

  await mo.getByRole('button', { name: 'Sync now' }).click();
  await mo.getByRole('link', { name: /^Review/ }).click();
  const item = mo
    .getByRole('list', { name: 'Open reports' })
    .getByRole('listitem')
    .filter({ hasText: advice });
  await expect(item).toBeVisible({ timeout: 20_000 });
  await expect(item).toContainText('Medical misinformation');
  await expect(item).toContainText('This could hurt someone.');
  await expect(item).toContainText('by Raelynn', { timeout: 20_000 });
  await expect(item.getByRole('figure')).toContainText(advice);
  await expect(item.getByRole('link', { name: 'open the thread' })).toBeVisible();

  // The author: nothing says that, or by whom, the reply was reported.
  await ava.reload();
  await expect(ava.getByRole('article')).toContainText(advice);
  await expect(ava.getByRole('article')).not.toContainText('Raelynn');
  await expect(ava.getByText(/Reported/)).toHaveCount(0);

  // Keep: the report is handled, on this and every moderator's device.
  await item.getByRole('button', { name: 'Keep' }).click();
  await expect(item).toHaveCount(0);
  await expect(mo.getByText('No open reports.')).toBeVisible();

  // Reporting someone in crisis also shows where to get help at once.
  await rae.getByRole('button', { name: 'Report', exact: true }).first().click();
  const threadDialog = rae.getByRole('dialog', { name: 'Report this thread' });
  await threadDialog.getByRole('radio', { name: 'Self-harm or crisis' }).check();
  await threadDialog.getByRole('button', { name: 'Send report' }).click();
  await expect(threadDialog.getByRole('complementary', { name: 'Need help now?' })).toBeVisible();
});
