import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page, expect, test } from '@playwright/test';
import { joinCommunity, signUp, uniqueSuffix } from './helpers';

/** No serious or critical accessibility violations on what the page shows now. */
async function expectAccessible(page: Page, name: string) {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe on ${name}`,
  ).toEqual([]);
}

async function openSettings(page: Page) {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
}

interface FakeShellOptions {
  platform: 'darwin' | 'win32' | 'linux';
  /** Whether the OS lets the app register itself to open at login (not on Linux). */
  loginItems: boolean;
}

/**
 * A stand-in for the desktop shell's `window.kindred` (the Electron binary cannot run here),
 * keeping the bridge's contract: results as values, the lock pushed through onLockChange, the
 * passcode checked by the "shell" and never handed back. It records what the page asked for.
 */
function installFakeShell({ platform, loginItems }: FakeShellOptions) {
  type Status = { enabled: boolean; locked: boolean; failedAttempts: number; retryInMs: number };
  let passcode: string | null = null;
  let locked = false;
  let failures = 0;
  let openAtLogin = false;
  const secrets = new Map<string, string>();
  const lockListeners = new Set<(status: Status) => void>();
  const record = { badges: [] as number[], openAtLogin: [] as boolean[], unlocks: 0 };
  const status = (): Status => ({
    enabled: passcode !== null,
    locked,
    failedAttempts: failures,
    retryInMs: 0,
  });
  const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });
  const fail = (error: string) => Promise.resolve({ ok: false as const, error });
  const changed = () => {
    for (const listener of lockListeners) listener(status());
  };
  Object.assign(window, {
    fakeShell: record,
    kindred: {
      appInfo: () => Promise.resolve({ version: 'e2e', platform }),
      getSecret: (name: string) => ok(secrets.get(name) ?? null),
      setSecret: (name: string, value: string) => (secrets.set(name, value), ok(undefined)),
      deleteSecret: (name: string) => (secrets.delete(name), ok(undefined)),
      openExternal: () => ok(undefined),
      onShellEvent: () => () => undefined,
      notify: () => ok(undefined),
      onOpenThread: () => () => undefined,
      setBadgeCount: (count: number) => (record.badges.push(count), ok(undefined)),
      getOpenAtLogin: () => (loginItems ? ok(openAtLogin) : fail('unavailable')),
      setOpenAtLogin: (on: boolean) => {
        if (!loginItems) return fail('unavailable');
        openAtLogin = on;
        record.openAtLogin.push(on);
        return ok(undefined);
      },
      lockStatus: () => ok(status()),
      // Exactly `{ current, next }`; with a passcode set, `current` must be it (a wrong try counts).
      setLockPasscode: (change: { current: string | null; next: string | null }) => {
        if (locked) return fail('not-allowed');
        const valid = (code: unknown) =>
          code === null ||
          (typeof code === 'string' &&
            code.trim() !== '' &&
            code.length >= 4 &&
            code.length <= 128);
        if (Object.keys(change).sort().join(',') !== 'current,next')
          return fail('invalid-argument');
        if (!valid(change.current) || !valid(change.next)) return fail('invalid-argument');
        if (passcode !== null && change.current !== passcode) {
          failures += 1;
          changed();
          return ok({ changed: false, reason: 'wrong-passcode', status: status() });
        }
        passcode = change.next;
        failures = 0;
        changed();
        return ok({ changed: true, status: status() });
      },
      unlock: (code: string) => {
        record.unlocks += 1;
        if (passcode === null) return ok({ unlocked: true, status: status() });
        if (code !== passcode) {
          failures += 1;
          changed();
          return ok({ unlocked: false, reason: 'wrong-passcode', status: status() });
        }
        failures = 0;
        locked = false;
        changed();
        return ok({ unlocked: true, status: status() });
      },
      lock: () => {
        if (passcode !== null && !locked) {
          locked = true;
          changed();
        }
        return ok(status());
      },
      onLockChange: (listener: (status: Status) => void) => {
        lockListeners.add(listener);
        return () => lockListeners.delete(listener);
      },
      saveFile: () => fail('unavailable'),
    },
  });
}

async function desktopPage(browser: Browser, options: FakeShellOptions, colorScheme = 'light') {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 760 },
    colorScheme: colorScheme as 'light' | 'dark',
  });
  await context.addInitScript(installFakeShell, options);
  const page = await context.newPage();
  const logged: string[] = [];
  page.on('console', (message) => logged.push(message.text()));
  return { page, logged };
}

const unlocks = (page: Page) =>
  page.evaluate(() => (window as unknown as { fakeShell: { unlocks: number } }).fakeShell.unlocks);

const badges = (page: Page) =>
  page.evaluate(() => (window as unknown as { fakeShell: { badges: number[] } }).fakeShell.badges);

test('in the web build, Settings explains that these are desktop features, in both themes', async ({
  page,
}) => {
  await signUp(page, `web-settings-${uniqueSuffix()}`, 'Wen');
  await openSettings(page);
  await expect(page.getByText(/features of the Kindred desktop app/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Set a passcode' })).toHaveCount(0);
  await expect(page.getByRole('checkbox')).toHaveCount(0);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page, `settings-web-${colorScheme}`);
  }
});

test('in the desktop app, the passcode is set, checked, changed and removed from Settings', async ({
  browser,
}) => {
  const { page, logged } = await desktopPage(browser, { platform: 'win32', loginItems: true });
  await signUp(page, `lock-${uniqueSuffix()}`, 'Lou');
  await openSettings(page);
  await expect(page.getByText(/^App lock is off/)).toBeVisible();
  await expect(page.getByText(/features of the Kindred desktop app/)).toHaveCount(0);
  // The quick-hide shortcut, as pressed on this platform.
  await expect(page.locator('.settings-shortcuts dt').first()).toHaveText('Ctrl+Shift+H');
  await expectAccessible(page, 'settings-desktop');

  // Set: the form takes the focus; a mismatch is said in words, on the field to fix.
  await page.getByRole('button', { name: 'Set a passcode' }).click();
  await expect(page.getByLabel('New passcode', { exact: true })).toBeFocused();
  await page.getByLabel('New passcode', { exact: true }).fill('blue heron 7');
  await page.getByLabel('New passcode again').fill('blue heron 8');
  await page.getByRole('button', { name: 'Set passcode' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not the same' })).toBeVisible();
  await expect(page.getByLabel('New passcode again')).toBeFocused();
  await expect(page.getByLabel('New passcode again')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'settings-passcode-error');
  await page.getByLabel('New passcode again').fill('blue heron 7');
  await page.getByLabel('New passcode again').press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Passcode set.' })).toBeVisible();
  await expect(page.getByText(/^App lock is on/)).toBeFocused();
  await expect(page.getByLabel('New passcode', { exact: true })).toHaveCount(0);

  // Change: the current passcode is checked by the shell first.
  await page.getByRole('button', { name: 'Change passcode' }).click();
  await expect(page.getByLabel('Current passcode')).toBeFocused();
  await page.getByLabel('Current passcode').fill('red fox 1');
  await page.getByLabel('New passcode', { exact: true }).fill('green owl 4');
  await page.getByLabel('New passcode again').fill('green owl 4');
  await page.getByRole('button', { name: 'Change passcode' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'not your current passcode' }),
  ).toBeVisible();
  await expect(page.getByLabel('Current passcode')).toBeFocused();
  await expect(page.getByLabel('Current passcode')).toHaveValue('');
  await expect(page.getByText(/1 wrong try since the last unlock/)).toBeVisible();
  await page.getByLabel('Current passcode').fill('blue heron 7');
  await page.getByRole('button', { name: 'Change passcode' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Passcode changed.' })).toBeVisible();
  // The shell checked the current passcode as part of the change: Settings never unlocks.
  expect(await unlocks(page)).toBe(0);

  // Lock now: the lock screen takes over; the new passcode opens it again.
  await page.getByRole('button', { name: 'Lock now' }).click();
  const lockScreen = page.getByRole('dialog', { name: 'Kindred is locked' });
  await expect(lockScreen).toBeVisible();
  await lockScreen.getByLabel('Enter your passcode to continue.').fill('green owl 4');
  await lockScreen.getByRole('button', { name: 'Unlock' }).click();
  await expect(lockScreen).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  // Remove, by keyboard only; Escape closes a form without changing anything.
  await page.getByRole('button', { name: 'Remove passcode' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByLabel('Current passcode')).toHaveCount(0);
  await expect(page.getByText(/^App lock is on/)).toBeFocused();
  await page.keyboard.press('Tab'); // Change passcode
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Remove passcode' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Current passcode')).toBeFocused();
  await page.keyboard.type('green owl 4');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Passcode removed.' })).toBeVisible();
  await expect(page.getByText(/^App lock is off/)).toBeVisible();

  // No passcode is left in the page or reached the console.
  const html = await page.content();
  for (const secret of ['blue heron', 'green owl', 'red fox']) {
    expect(html).not.toContain(secret);
    expect(logged.join('\n')).not.toContain(secret);
  }
});

test('open at login is a checkbox where the OS allows it and explained where it does not', async ({
  browser,
}) => {
  const windows = await desktopPage(browser, { platform: 'darwin', loginItems: true }, 'dark');
  await signUp(windows.page, `login-${uniqueSuffix()}`, 'Liv');
  await openSettings(windows.page);
  const toggle = windows.page.getByRole('checkbox', { name: 'Open Kindred at login' });
  await expect(toggle).not.toBeChecked();
  await toggle.press('Space');
  await expect(toggle).toBeChecked();
  expect(
    await windows.page.evaluate(
      () => (window as unknown as { fakeShell: { openAtLogin: boolean[] } }).fakeShell.openAtLogin,
    ),
  ).toEqual([true]);
  await expect(windows.page.locator('.settings-shortcuts dt').first()).toHaveText(
    'Command+Shift+H',
  );
  await expectAccessible(windows.page, 'settings-desktop-dark');

  const linux = await desktopPage(browser, { platform: 'linux', loginItems: false });
  await signUp(linux.page, `linux-${uniqueSuffix()}`, 'Lin');
  await openSettings(linux.page);
  await expect(linux.page.getByText(/does not let apps add themselves to startup/)).toBeVisible();
  await expect(linux.page.getByRole('checkbox')).toHaveCount(0);
});

test('the app icon counts replies to my thread until I read them', async ({ browser }) => {
  const suffix = uniqueSuffix();
  const { page: dee } = await desktopPage(browser, { platform: 'win32', loginItems: true });
  await signUp(dee, `badge-${suffix}`, 'Dee');
  await joinCommunity(dee, 'Caregivers');
  const title = `Evenings are hard ${suffix}`;
  await dee.getByRole('link', { name: 'New thread' }).click();
  await dee.getByLabel('Title').fill(title);
  await dee.getByLabel('Message').fill('How do you wind down after a long day of caring?');
  await dee.getByRole('button', { name: 'Post thread' }).click();
  await expect(dee.getByRole('heading', { name: title })).toBeVisible();
  await openSettings(dee); // away from the thread, so a reply arrives unread
  await expect.poll(() => badges(dee)).toEqual([0]);

  const rae = await (await browser.newContext()).newPage();
  await signUp(rae, `rae-${suffix}`, 'Rae');
  await joinCommunity(rae, 'Caregivers');
  await rae.getByRole('link', { name: title }).click();
  await rae.getByLabel('Your reply').fill('A short walk, and tea.');
  await rae.getByRole('button', { name: 'Send reply' }).click();

  await expect.poll(() => badges(dee), { timeout: 30_000 }).toEqual([0, 1]);
  await dee.getByRole('link', { name: 'Communities' }).click();
  await dee.getByRole('link', { name: 'Caregivers', exact: true }).click();
  await dee.getByRole('link', { name: title }).click();
  await expect(dee.getByText('A short walk, and tea.')).toBeVisible();
  await expect.poll(() => badges(dee)).toEqual([0, 1, 0]);
});
