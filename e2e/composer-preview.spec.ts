import { expect, test } from '@playwright/test';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

const TEXT = 'Questions for the **oncologist**:\n\n- scan dates\n- side effects';

test('on a wide window the new-thread preview is live beside the text', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUp(page, `preview-${uniqueSuffix()}`, 'Pia');
  await joinCommunity(page, 'Melanoma');
  await page.getByRole('link', { name: 'New thread' }).click();
  await page.getByLabel('Message').fill(TEXT);
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.locator('strong')).toHaveText('oncologist');
  await expect(preview.getByRole('listitem')).toHaveText(['scan dates', 'side effects']);
  // Still writing: the text box stays where it is, beside the preview.
  await expect(page.getByLabel('Message')).toBeVisible();
  await expect(page.getByRole('tab')).toHaveCount(0);
});

test('on a narrow window Write and Preview are tabs that the arrow keys move between', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await signUp(page, `preview-${uniqueSuffix()}`, 'Pia');
  await joinCommunity(page, 'Melanoma');
  await page.getByRole('link', { name: 'New thread' }).click();
  await page.getByLabel('Message').fill(TEXT);

  const write = page.getByRole('tab', { name: 'Write' });
  const preview = page.getByRole('tab', { name: 'Preview' });
  await expect(write).toHaveAttribute('aria-selected', 'true');
  await write.focus();
  await page.keyboard.press('ArrowRight');
  await expect(preview).toBeFocused();
  await expect(preview).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel', { name: 'Preview' });
  await expect(panel.locator('strong')).toHaveText('oncologist');

  // Back to writing: the text is all still there.
  await page.keyboard.press('ArrowLeft');
  await expect(write).toBeFocused();
  await expect(page.getByLabel('Message')).toHaveValue(TEXT);
});
