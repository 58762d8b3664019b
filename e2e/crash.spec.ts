import { chromium, expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { joinCommunity, signIn, signUp, uniqueSuffix } from './helpers';
import { APP_URL } from './ports';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The main Chromium process using this profile (helpers have `--type=`; it has not). */
function browserProcessOf(profile: string): number | null {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const main = lines.find(
    (line) => line.includes(`--user-data-dir=${profile}`) && !line.includes('--type='),
  );
  return main ? Number(main.trim().split(/\s+/)[0]) : null;
}

test('the browser killed in the middle of typing: the draft is there after a restart', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'kindred-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      baseURL: APP_URL,
    });
  try {
    const first = await launch();
    const page = first.pages()[0] ?? (await first.newPage());
    const username = `crash-${uniqueSuffix()}`;
    await signUp(page, username, 'Kai');
    await joinCommunity(page, 'Diabetes');
    await page.getByRole('link', { name: 'New thread' }).click();
    await page.getByLabel('Title').fill('Night-time lows');
    await page.getByLabel('Message').pressSequentially('Woke at 3 am shaking again, and');
    await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
    // Keep typing, then the power goes: no unload, no goodbye, the process is gone.
    await page.getByLabel('Message').pressSequentially(' the sensor');
    const pid = browserProcessOf(profile);
    expect(pid, 'the browser process of this profile').not.toBeNull();
    process.kill(pid!, 'SIGKILL');
    await first.close().catch(() => undefined);

    const second = await launch();
    const again = second.pages()[0] ?? (await second.newPage());
    await again.goto('/');
    // Chromium writes localStorage to disk lazily, so a kill seconds after signing up can cost
    // the "who is signed in" record (then the member signs in again); the draft itself lives in
    // IndexedDB, whose commits are on disk.
    const signInShown = await again
      .getByRole('tab', { name: 'Sign in' })
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (signInShown) await signIn(again, username, 'Kai');
    await again.getByRole('link', { name: /Drafts/ }).click();
    await again.getByRole('link', { name: 'Night-time lows' }).click();
    // Everything up to the last save is there (the words typed in the last 300 ms may not be).
    await expect(again.getByLabel('Message')).toHaveValue(/^Woke at 3 am shaking again, and/);
    await second.close();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
});
