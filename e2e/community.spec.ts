import { type Page, expect, test } from '@playwright/test';
import { joinCommunity, signUp } from './helpers';
import { SERVER_URL } from './ports';

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
