import { type Page, expect, test } from '@playwright/test';
import { setRole, signUp, uniqueSuffix } from './helpers';

async function openCommunity(page: Page, name: string) {
  await page.reload(); // starts every page from the same place after the roles were set
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Communities' })
    .click();
  await page.getByRole('link', { name, exact: true }).click();
}

test('a reply a moderator declined opens again from Drafts with its full text, and can be fixed and sent', async ({
  browser,
}) => {
  const s = uniqueSuffix();
  const [mo, nia] = await Promise.all(
    [1, 2].map(async () => (await browser.newContext()).newPage()),
  );
  await signUp(mo, `mo-${s}`, 'Mo');
  await signUp(nia, `nia-${s}`, 'Nia');
  setRole(`mo-${s}`, 'ehlers-danlos', 'moderator');
  setRole(`nia-${s}`, 'ehlers-danlos', 'member');
  for (const page of [mo, nia]) await openCommunity(page, 'Ehlers-Danlos syndrome');

  // Nia is new here: her thread and her reply both wait for review.
  await nia.getByRole('link', { name: 'New thread' }).click();
  await nia.getByLabel('Title').fill(`Physio that does not hurt ${s}`);
  await nia.getByLabel('Message').fill('What has worked for you?');
  await nia.getByRole('button', { name: 'Post thread' }).click();
  const declinedText =
    `Ask for Dr. Example at the clinic on Elm Street ${s}.\n\n` +
    'She was the only one who listened, and the second paragraph matters too.';
  await nia.getByLabel('Your reply').fill(declinedText);
  await nia.getByRole('button', { name: 'Send reply' }).click();
  await expect(nia.getByLabel('Your reply')).toHaveValue('');

  await mo.getByRole('button', { name: 'Sync now' }).click();
  await mo.getByRole('link', { name: /^Review/ }).click();
  const item = mo
    .getByRole('list', { name: 'Waiting for review' })
    .getByRole('listitem')
    .filter({ hasText: `Dr. Example at the clinic on Elm Street ${s}` });
  await item.getByRole('button', { name: 'Decline…' }).click({ timeout: 20_000 });
  await item.getByLabel('Reason, shown to the author with their text').fill('No names of doctors');
  await item.getByRole('button', { name: 'Decline', exact: true }).click();

  // The text comes back to Nia as a draft, labelled for what it is.
  await nia.getByRole('button', { name: 'Sync now' }).click();
  await nia
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Drafts/ })
    .click();
  const draft = nia
    .getByRole('list', { name: 'Drafts' })
    .getByRole('listitem')
    .filter({ hasText: 'Declined by a moderator' });
  await expect(draft).toBeVisible({ timeout: 20_000 });
  await draft.getByRole('link').click();

  // It opens in the thread's composer, whole; fixed and sent, it leaves the drafts.
  const composer = nia.getByLabel('Your reply');
  await expect(composer).toHaveValue(declinedText);
  const fixed = declinedText.replace(
    `Dr. Example at the clinic on Elm Street ${s}`,
    `the clinic ${s}`,
  );
  await composer.fill(fixed);
  await nia.getByRole('button', { name: 'Send reply' }).click();
  await expect(
    nia.getByRole('list', { name: 'Replies' }).getByText(`Ask for the clinic ${s}.`),
  ).toBeVisible();
  await expect(composer).toHaveValue('');
  await nia
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Drafts/ })
    .click();
  await expect(nia.getByRole('heading', { name: 'Drafts' })).toBeVisible();
  await expect(nia.getByText('Declined by a moderator')).toHaveCount(0);
});
