import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

test('@mention suggestions work from the keyboard, pass the accessibility check, and show up marked in the post', async ({
  page,
}) => {
  await signUp(page, `mentions-${uniqueSuffix()}`, 'Noor');
  await joinCommunity(page, 'Lung cancer');
  await page.getByRole('link', { name: /Starting osimertinib next week/ }).click();

  const reply = page.getByLabel('Your reply');
  await reply.click();
  await reply.pressSequentially('Thanks @');
  const list = page.getByRole('listbox', { name: 'Mention a member' });
  const options = list.getByRole('option');
  await expect(list).toBeVisible();
  expect(await options.count()).toBeGreaterThanOrEqual(2);

  // The first suggestion is highlighted, and the text field (which keeps focus) points at it.
  const highlighted = list.getByRole('option', { selected: true });
  const pointsAt = async () =>
    page.locator(`[id="${await reply.getAttribute('aria-activedescendant')}"]`);
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(await pointsAt()).toHaveText((await options.first().textContent()) ?? '');

  // No serious or critical problems with the list open (no buttons nested inside options).
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  // Arrows move the highlight, and wrap around at the ends; focus never leaves the text.
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(await pointsAt()).toHaveText((await options.nth(1).textContent()) ?? '');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(options.last()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(reply).toBeFocused();

  // Enter inserts the highlighted member and closes the list; typing goes on after the name.
  const chosen = ((await highlighted.textContent()) ?? '').slice(1);
  await page.keyboard.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(reply).toHaveValue(`Thanks @${chosen} `);
  await expect(reply).not.toHaveAttribute('aria-activedescendant');
  await page.keyboard.type('for the tip');

  // Esc closes the list but stays in the reply, and the list stays closed while typing on.
  await page.keyboard.type(' @');
  await expect(list).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(reply).toBeFocused();
  await page.keyboard.type('x');
  await expect(list).toHaveCount(0);
  await expect(reply).toHaveValue(`Thanks @${chosen} for the tip @x`);

  // The sent reply shows the mention marked.
  await page.getByRole('button', { name: 'Send reply' }).click();
  const mention = page.getByRole('list', { name: 'Replies' }).locator('strong.mention').first();
  await expect(mention).toHaveText(`@${chosen.split(' ')[0]}`);
});
