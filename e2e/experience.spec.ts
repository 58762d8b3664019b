import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

const SHOTS = fileURLToPath(new URL('../test-results/screens', import.meta.url));

/** No serious or critical accessibility violations on this screen; a screenshot for people. */
async function checkScreen(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${v.id}: ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`,
    ),
    `axe on ${name}`,
  ).toEqual([]);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

test('a lung-cancer thread about a drug reaches a melanoma member who follows it, with quotes and reactions', async ({
  browser,
}) => {
  const suffix = uniqueSuffix();
  const ana = await (
    await browser.newContext({ viewport: { width: 1024, height: 700 } })
  ).newPage();
  const mel = await (
    await browser.newContext({ viewport: { width: 1024, height: 700 } })
  ).newPage();

  await signUp(ana, `lung-${suffix}`, 'Ana');
  await checkScreen(ana, 'directory');
  await joinCommunity(ana, 'Lung cancer');
  await expect(
    ana.getByRole('list', { name: 'Threads' }).getByRole('listitem').first(),
  ).toBeVisible();
  await checkScreen(ana, 'community');

  // A new thread: the brand name in the text suggests the therapy; Ana shares it to its page.
  const title = `Rash on week two of Keytruda ${suffix}`;
  await ana.getByRole('link', { name: 'New thread' }).click();
  await ana.getByLabel('Title').fill(title);
  await ana
    .getByLabel('Message')
    .fill('Started Keytruda two weeks ago and my skin itches. What helped you?');
  await ana.getByRole('button', { name: 'Tag Pembrolizumab' }).click();
  await expect(ana.getByRole('button', { name: 'Remove Pembrolizumab' })).toBeVisible();
  await ana.getByLabel(/Also show this thread on the pages of these therapies/).check();
  await checkScreen(ana, 'composer');
  await ana.getByRole('button', { name: 'Post thread' }).click();
  await expect(ana.getByRole('heading', { name: title })).toBeVisible();

  // Mel has melanoma, not lung cancer: she follows the drug and finds the thread on its page.
  await signUp(mel, `mel-${suffix}`, 'Mel');
  await joinCommunity(mel, 'Melanoma');
  await mel.getByRole('link', { name: 'Therapies' }).click();
  await mel.getByLabel('Find a therapy').fill('keytruda');
  await mel.getByRole('link', { name: 'Pembrolizumab' }).click();
  await mel.getByRole('button', { name: 'Follow this therapy' }).click();
  const shared = mel.getByRole('list', { name: 'Threads about this therapy' });
  await expect(shared.getByRole('link', { name: title })).toBeVisible({ timeout: 20_000 });
  await expect(shared.getByRole('listitem').filter({ hasText: title })).toContainText(
    'In Lung cancer',
  );
  await checkScreen(mel, 'therapy-page');

  // Reading is open to her; to reply she joins the community the conversation belongs to.
  await shared.getByRole('link', { name: title }).click();
  await expect(
    mel.getByText('This conversation belongs to Lung cancer. Join it to reply and react.'),
  ).toBeVisible();
  await mel.getByRole('button', { name: 'Join Lung cancer' }).click();
  await mel.getByRole('button', { name: 'Quote' }).first().click();
  await expect(mel.getByLabel('Your reply')).toHaveValue(/> \*\*Ana\*\* wrote:/);
  await mel.getByLabel('Your reply').press('End');
  await mel.getByLabel('Your reply').pressSequentially('An oatmeal cream helped me on nivolumab.');
  await mel.getByRole('button', { name: 'Send reply' }).click();
  await mel
    .getByRole('group', { name: 'Reactions' })
    .first()
    .getByRole('button', { name: 'Hug' })
    .click();
  await checkScreen(mel, 'thread');

  // Ana sees the quote, the reply and the hug, with who gave it.
  const replies = ana.getByRole('list', { name: 'Replies' });
  await expect(replies.getByText('An oatmeal cream helped me on nivolumab.')).toBeVisible({
    timeout: 20_000,
  });
  await expect(replies.locator('blockquote')).toContainText('What helped you?');
  const reactions = ana.getByRole('group', { name: 'Reactions' }).first();
  const hug = reactions.getByRole('button', { name: /Hug/ });
  await expect(hug).toHaveText('Hug 1');
  // Who hugged is written out for everyone, and is what a screen reader hears on the button.
  await expect(reactions.getByRole('list', { name: 'Who reacted' })).toHaveText('Hug: Mel');
  await expect(hug).toHaveAccessibleDescription('Hug: Mel');
});

test('every main screen passes the accessibility check in the dark theme too', async ({
  browser,
}) => {
  const context = await browser.newContext({
    colorScheme: 'dark',
    viewport: { width: 1024, height: 700 },
  });
  const page = await context.newPage();
  await page.goto('/');
  await checkScreen(page, 'sign-in-dark');
  await signUp(page, `dark-${uniqueSuffix()}`, 'Dara');
  await joinCommunity(page, 'Caregivers');
  await checkScreen(page, 'community-dark');
  for (const [link, name] of [
    ['Drafts', 'drafts-dark'],
    ['Outbox', 'outbox-dark'],
    ['Since last sync', 'since-dark'],
    ['Therapies', 'therapies-dark'],
    ['Journal', 'journal-dark'],
  ] as const) {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: new RegExp(`^${link}`) })
      .click();
    await checkScreen(page, name);
  }
  await page.getByRole('link', { name: 'Signed in as Dara' }).click();
  await checkScreen(page, 'profile-dark');
  await context.close();
});
