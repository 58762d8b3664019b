import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';
import { SERVER_URL } from './ports';

const members = (n: number) => `${n} ${n === 1 ? 'member' : 'members'}`;

async function joinLungCancer(page: Page) {
  await joinCommunity(page, 'Lung cancer');
}

test('a thread posted by one member reaches another live, and the reply comes back', async ({
  browser,
}) => {
  const suffix = Date.now().toString(36);
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await contextA.newPage();
  const b = await contextB.newPage();

  await signUp(a, `ana-${suffix}`, 'Ana');
  await joinLungCancer(a);
  // The demo history of the community arrives with the join.
  await expect(
    a.getByRole('list', { name: 'Threads' }).getByRole('listitem').first(),
  ).toBeVisible();

  await signUp(b, `ben-${suffix}`, 'Ben');
  await joinLungCancer(b);
  const threadsB = b.getByRole('list', { name: 'Threads' });
  await expect(threadsB.getByRole('listitem').first()).toBeVisible();

  const title = `Fatigue on week three of treatment ${suffix}`;
  await a.getByRole('link', { name: 'New thread' }).click();
  await a.getByLabel('Title').fill(title);
  await a
    .getByLabel('Message')
    .fill('Has anyone found **anything** that helps with the tiredness?');
  await a.getByRole('button', { name: 'Post thread' }).click();
  await expect(a.getByRole('heading', { name: title })).toBeVisible();

  // B is still on the community page and never reloads: the thread arrives over the live stream.
  await expect(threadsB.getByRole('link', { name: title })).toBeVisible();
  await threadsB.getByRole('link', { name: title }).click();
  await expect(b.getByText('anything')).toBeVisible();
  await b.getByLabel('Your reply').fill('Short walks after lunch helped me more than naps.');
  await b.getByRole('button', { name: 'Send reply' }).click();

  await expect(
    a.getByRole('list', { name: 'Replies' }).getByText('Short walks after lunch'),
  ).toBeVisible();
  await expect(a.getByRole('list', { name: 'Replies' }).getByText('Ben')).toBeVisible();

  // After a reload the writing is still there, read from the device's own database.
  await a.reload();
  await expect(a.getByRole('heading', { name: title })).toBeVisible();
  await expect(a.getByText('Short walks after lunch')).toBeVisible();

  await contextA.close();
  await contextB.close();
});

test('wrong credentials are explained in words and the form keeps what was typed', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill('nobody-here');
  await page.getByLabel('Password').fill('not the password');
  await page.getByText('Server', { exact: true }).click();
  await page.getByLabel('Server address').fill(SERVER_URL);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await expect(page.getByRole('alert')).toHaveText('Username or password is not right.');
  await expect(page.getByLabel('Username')).toHaveValue('nobody-here');
});

test('the directory shows member counts to newcomers and finds conditions as people type them', async ({
  page,
}) => {
  const suffix = uniqueSuffix();
  await signUp(page, `dia-${suffix}`, 'Dia');
  await page.getByRole('link', { name: 'Communities' }).click();
  const diabetes = page.getByRole('listitem', { name: 'Diabetes', exact: true });
  const lungs = page.getByRole('listitem', { name: 'Lung cancer', exact: true });

  // Before joining, the count is there: it comes with the community, not with memberships.
  const count = diabetes.getByTestId('member-count');
  await expect(count).toHaveText(/^\d+ members?$/);
  const before = Number.parseInt((await count.textContent()) ?? '', 10);
  await expect(diabetes).toContainText('Type 2 diabetes');

  // Typed with spaces, the hyphenated tag `type-2-diabetes` is found; other communities go.
  const search = page.getByLabel('Find a community');
  await search.fill('type 2 diabetes');
  await expect(diabetes).toBeVisible();
  await expect(lungs).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'found' })).toHaveText(
    '1 community found',
  );
  // The filters are labelled and announced: no serious or critical accessibility violation.
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([]);
  // The description is searched too.
  await search.fill('glucose');
  await expect(diabetes).toBeVisible();
  await expect(lungs).toHaveCount(0);

  // Or pick the condition from the list.
  await search.fill('');
  await page.getByLabel('Condition').selectOption({ label: 'Non-small cell lung cancer' });
  await expect(lungs).toBeVisible();
  await expect(diabetes).toHaveCount(0);
  await page.getByLabel('Condition').selectOption({ label: 'All conditions' });

  await diabetes.getByRole('button', { name: 'Join Diabetes' }).click();
  await expect(diabetes.getByRole('button', { name: 'Leave Diabetes' })).toBeVisible();
  await expect(count).toHaveText(members(before + 1));
  await diabetes.getByRole('button', { name: 'Leave Diabetes' }).click();
  await expect(count).toHaveText(members(before));
});
