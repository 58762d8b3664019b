import { type Page, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_URL } from './ports';

export async function signUp(
  page: Page,
  username: string,
  displayName: string,
  role = 'A patient',
) {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByRole('radio', { name: role, exact: true }).check();
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByText('Server', { exact: true }).click();
  await page.getByLabel('Server address').fill(SERVER_URL);
  await page.getByRole('button', { name: 'Create account' }).last().click();
  await expect(page.getByText(`Signed in as ${displayName}`)).toBeVisible();
}

/** Signs in to an existing account (the sign-in screen must be showing). */
export async function signIn(page: Page, username: string, displayName: string) {
  await page.getByRole('tab', { name: 'Sign in' }).click();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByText('Server', { exact: true }).click();
  await page.getByLabel('Server address').fill(SERVER_URL);
  await page.getByRole('button', { name: 'Sign in' }).last().click();
  await expect(page.getByText(`Signed in as ${displayName}`)).toBeVisible();
}

/** Joins from the directory and opens the community page. */
export async function joinCommunity(page: Page, name: string) {
  await page.getByRole('link', { name: 'Communities' }).click();
  await page.getByRole('button', { name: `Join ${name}` }).click();
  await expect(page.getByRole('button', { name: `Leave ${name}` })).toBeVisible();
  await page.getByRole('link', { name, exact: true }).click();
}

export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** Runs the server's admin command on the end-to-end database (roles: as an operator would). */
export function setRole(
  username: string,
  community: string,
  role: 'member' | 'moderator' | 'partner',
) {
  const db = join(process.env.KINDRED_E2E_DATA_DIR ?? '', 'kindred.sqlite');
  execFileSync(
    'npx',
    [
      'tsx',
      'sync-server/admin.ts',
      'set-role',
      '--community',
      community,
      '--user',
      username,
      '--role',
      role,
      '--db',
      db,
    ],
    {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: 'pipe',
    },
  );
}
