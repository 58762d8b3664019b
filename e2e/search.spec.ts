import { expect, test } from '@playwright/test';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

test('a brand name finds the thread that names the generic, with the match highlighted', async ({
  page,
}) => {
  await signUp(page, `sofia-${uniqueSuffix()}`, 'Sofia');
  await joinCommunity(page, 'Lung cancer');
  await expect(
    page.getByRole('list', { name: 'Threads' }).getByRole('listitem').first(),
  ).toBeVisible();

  // "/" jumps to the one search box, from any screen.
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search everything' });
  await expect(box).toBeFocused();
  await box.fill('Tagrisso');
  await expect(page).toHaveURL(/#\/search\/Tagrisso$/);

  const threads = page.getByRole('list', { name: 'Threads' });
  const result = threads.getByRole('listitem').filter({ hasText: 'Starting osimertinib' });
  await expect(result).toBeVisible();
  await expect(result.locator('mark').first()).toHaveText(/osimertinib/i);
  // The therapy itself is found too, under its own heading.
  await expect(page.getByRole('list', { name: 'Therapies' })).toContainText('Osimertinib');

  await result.getByRole('link').click();
  await expect(page.getByRole('heading', { name: /Starting osimertinib next week/ })).toBeVisible();

  // Ctrl+K works too, on any screen.
  await page.keyboard.press('Control+k');
  await expect(box).toBeFocused();
});
