import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { joinCommunity, setRole, signUp, uniqueSuffix } from './helpers';

/** No serious or critical accessibility violations on this screen. */
async function expectAccessible(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${name}`,
  ).toEqual([]);
}

async function openCommunity(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Communities' })
    .click();
  await page.getByRole('link', { name, exact: true }).click();
}

test('a moderator approves a request to join an approval-only community, then removes a member, who is told why', async ({
  browser,
}) => {
  const s = uniqueSuffix();
  const community = 'Acinic cell carcinoma';
  const [mo, kai, ana] = await Promise.all(
    [1, 2, 3].map(async () => (await browser.newContext()).newPage()),
  );
  await signUp(mo, `mem-mo-${s}`, `Mo ${s}`);
  await signUp(kai, `mem-kai-${s}`, `Kai ${s}`);
  await signUp(ana, `mem-ana-${s}`, `Ana ${s}`);
  // The operator's command, while the apps are open: the roles reach them live.
  setRole(`mem-mo-${s}`, 'acinic-cell-carcinoma', 'moderator');
  setRole(`mem-ana-${s}`, 'acinic-cell-carcinoma', 'member');

  await kai.getByRole('button', { name: `Ask to join ${community}` }).click();
  await expect(
    kai.getByRole('listitem', { name: community }).getByText('Request pending'),
  ).toBeVisible();

  await openCommunity(mo, community);
  await mo.getByRole('link', { name: /^Members and requests/ }).click();
  const requests = mo.getByRole('list', { name: /^Requests to join/ });
  const request = requests.getByRole('listitem', { name: `Kai ${s}` });
  await expect(request).toBeVisible({ timeout: 20_000 });
  await expectAccessible(mo, 'members');
  await request.getByRole('button', { name: 'Approve' }).click();

  // Kai is in: the directory offers to leave, the community page to write.
  await expect(kai.getByRole('button', { name: `Leave ${community}` })).toBeVisible({
    timeout: 20_000,
  });
  const members = mo.getByRole('list', { name: /members?$/ });
  await expect(members.getByRole('listitem', { name: `Kai ${s}` })).toBeVisible({
    timeout: 20_000,
  });

  // Removing takes a reason and a confirmation, all from the keyboard.
  const row = members.getByRole('listitem', { name: `Ana ${s}` });
  await row.getByRole('button', { name: 'Remove from community…' }).click();
  const reason = row.getByLabel(/Why you remove them/);
  await expect(reason).toBeFocused();
  await reason.fill('Shared another member’s private details');
  await reason.press('Enter');
  const confirm = row.getByRole('alertdialog', { name: `Remove Ana ${s}?` });
  await expect(confirm).toContainText('They lose access at once');
  await expect(confirm.getByRole('button', { name: `Remove Ana ${s}` })).toBeFocused();
  await expectAccessible(mo, 'members, confirming a removal');
  await mo.keyboard.press('Enter');

  await expect(
    mo.getByRole('list', { name: /^Removed or declined/ }).getByRole('listitem', {
      name: `Ana ${s}`,
    }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(
    ana
      .getByRole('list', { name: 'Membership notices' })
      .getByText(
        `You were removed from ${community} by its moderators: Shared another member’s private details`,
      ),
  ).toBeVisible({ timeout: 20_000 });
  await expect(ana.getByRole('listitem', { name: community })).toContainText(
    'Removed by moderators',
  );
});

test('a partner edits the welcome message (keeping it through a lost connection), and a new member sees it on joining', async ({
  browser,
}) => {
  const s = uniqueSuffix();
  const context = await browser.newContext();
  const pat = await context.newPage();
  const nel = await (await browser.newContext()).newPage();
  await signUp(pat, `mem-pat-${s}`, `Pat ${s}`);
  setRole(`mem-pat-${s}`, 'melanoma', 'partner');
  await openCommunity(pat, 'Melanoma');
  await pat.getByRole('link', { name: 'Edit guidelines, welcome and links' }).click();

  const welcome = `Welcome, ${s}! Start by **introducing yourself** in the newcomers thread.`;
  await pat.getByLabel(/^Welcome message/).fill(welcome);
  await pat.getByRole('button', { name: 'Add a resource' }).click();
  await pat.getByLabel('Title of resource 1').fill('Sun safety guide');
  await pat.getByLabel('Link of resource 1').fill('https://example.org/sun-safety');
  await expectAccessible(pat, 'partner tools');

  // Offline: saving fails with a clear message, and the text is still there after a reload.
  await context.setOffline(true);
  await pat.getByRole('button', { name: 'Save changes' }).click();
  await expect(pat.getByRole('alert')).toContainText('You are offline');
  await context.setOffline(false);
  await pat.reload();
  await expect(pat.getByText(/Your unsaved changes from .* are back/)).toBeVisible();
  await expect(pat.getByLabel(/^Welcome message/)).toHaveValue(welcome);
  await pat.getByRole('button', { name: 'Save changes' }).click();
  await expect(pat.getByText('Saved. Members receive it with their next sync.')).toBeVisible();

  await signUp(nel, `mem-nel-${s}`, `Nel ${s}`);
  await joinCommunity(nel, 'Melanoma');
  const panel = nel.getByRole('complementary', { name: 'Welcome to Melanoma' });
  await expect(panel).toContainText(`Welcome, ${s}! Start by introducing yourself`, {
    timeout: 20_000,
  });
  await expect(nel.getByRole('link', { name: 'Sun safety guide' })).toBeVisible();
  await expectAccessible(nel, 'community page with a welcome');
  await panel.getByRole('button', { name: 'Dismiss welcome' }).click();
  await expect(panel).toHaveCount(0);
  // Findable again on the community page.
  await nel.getByText('Welcome message', { exact: true }).click();
  await expect(nel.getByText(`Welcome, ${s}! Start by introducing yourself`)).toBeVisible();
});
