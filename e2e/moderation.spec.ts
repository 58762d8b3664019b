import { type Page, expect, test } from '@playwright/test';
import { setRole, signUp, uniqueSuffix } from './helpers';

async function openCommunity(page: Page, name: string) {
  // Roles set by the operator's command reach open streams live (members.spec.ts relies on
  // it); the reload only starts every page from the same place.
  await page.reload();
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Communities' })
    .click();
  await page.getByRole('link', { name, exact: true }).click();
}

test('a new member’s first thread waits for review, the moderator approves it, and then members see it', async ({
  browser,
}) => {
  const s = uniqueSuffix();
  const [mo, nia, oli] = await Promise.all(
    [1, 2, 3].map(async () => (await browser.newContext()).newPage()),
  );
  await signUp(mo, `mo-${s}`, 'Mo');
  await signUp(nia, `nia-${s}`, 'Nia');
  await signUp(oli, `oli-${s}`, 'Oli');
  // The partner made Mo a moderator; Nia's and Oli's requests to join were accepted.
  setRole(`mo-${s}`, 'ehlers-danlos', 'moderator');
  setRole(`nia-${s}`, 'ehlers-danlos', 'member');
  setRole(`oli-${s}`, 'ehlers-danlos', 'member');
  for (const page of [mo, nia, oli]) await openCommunity(page, 'Ehlers-Danlos syndrome');

  const title = `Bracing for a partial dislocation ${s}`;
  await nia.getByRole('link', { name: 'New thread' }).click();
  await nia.getByLabel('Title').fill(title);
  await nia.getByLabel('Message').fill('Which wrist braces do you use for typing?');
  await nia.getByRole('button', { name: 'Post thread' }).click();
  await expect(nia.getByTestId('delivery')).toHaveText('Awaiting review', { timeout: 20_000 });

  await mo.getByRole('button', { name: 'Sync now' }).click();
  await mo.getByRole('link', { name: /^Review/ }).click();
  const item = mo
    .getByRole('list', { name: 'Waiting for review' })
    .getByRole('listitem')
    .filter({ hasText: title });
  await expect(item).toBeVisible({ timeout: 20_000 });
  // Until then, other members do not see it.
  await expect(
    oli.getByRole('list', { name: 'Threads' }).getByRole('link', { name: title }),
  ).toHaveCount(0);
  await item.getByRole('button', { name: 'Approve' }).click();

  await expect(
    oli.getByRole('list', { name: 'Threads' }).getByRole('link', { name: title }),
  ).toBeVisible({
    timeout: 20_000,
  });
  await expect(nia.getByTestId('delivery')).toHaveText('Published', { timeout: 20_000 });
});

test('crisis language in a reply brings a gentle offer of help, without blocking the post', async ({
  page,
}) => {
  await signUp(page, `cr-${uniqueSuffix()}`, 'Cy');
  await page.getByRole('button', { name: 'Join Caregivers' }).click();
  await page.getByRole('link', { name: 'Caregivers', exact: true }).click();
  await page.getByRole('list', { name: 'Threads' }).getByRole('link').first().click();
  await page.getByLabel('Your reply').fill('Some nights I feel like I cannot go on');
  await expect(page.getByRole('complementary', { name: 'Need help now?' })).toContainText('988');
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(
    page.getByRole('list', { name: 'Replies' }).getByText('Some nights I feel like I cannot go on'),
  ).toBeVisible();
});
