// The Settings screen without a DOM: the passcode form's checks and words, and what the page
// renders first in the desktop app and in a web browser. Typing and submitting are exercised in
// Chromium by e2e/settings.spec.ts.
import { readFileSync } from 'node:fs';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { KindredBridge, LockPasscodeChangeResult, LockStatus } from '../../shared/bridge';
import { PasscodeForm } from '../src/settings/PasscodeForm';
import { SettingsPage } from '../src/settings/SettingsPage';
import {
  DESKTOP_ONLY_TEXT,
  SHORTCUT_KEYS,
  checkPasscodeForm,
  lockStatusText,
  passcodeChangeProblem,
  shortcutKeys,
} from '../src/settings/settings-text';

const status = (over: Partial<LockStatus> = {}): LockStatus => ({
  enabled: true,
  locked: false,
  failedAttempts: 0,
  retryInMs: 0,
  ...over,
});

describe('the passcode form checks what was typed before the shell sees it', () => {
  const values = (current: string, next: string, repeat: string) => ({ current, next, repeat });

  it('setting needs a passcode of 4 to 128 characters, typed the same twice', () => {
    expect(checkPasscodeForm('set', values('', '', ''))).toMatchObject({ field: 'next' });
    expect(checkPasscodeForm('set', values('', '123', '123'))).toMatchObject({
      field: 'next',
      message: expect.stringContaining('4 to 128 characters'),
    });
    expect(checkPasscodeForm('set', values('', '    ', '    '))).toMatchObject({ field: 'next' });
    expect(checkPasscodeForm('set', values('', 'x'.repeat(129), 'x'.repeat(129)))).toMatchObject({
      field: 'next',
    });
    expect(checkPasscodeForm('set', values('', '2468', '2469'))).toMatchObject({
      field: 'repeat',
      message: expect.stringContaining('not the same'),
    });
    expect(checkPasscodeForm('set', values('', '2468', '2468'))).toBeNull();
  });

  it('changing and removing first need the current passcode', () => {
    expect(checkPasscodeForm('change', values('', '2468', '2468'))).toMatchObject({
      field: 'current',
    });
    expect(checkPasscodeForm('remove', values('', '', ''))).toMatchObject({ field: 'current' });
    expect(checkPasscodeForm('remove', values('1357', '', ''))).toBeNull();
    expect(checkPasscodeForm('change', values('1357', '2468', '2468'))).toBeNull();
  });

  it('a current passcode that could never have been set is wrong without asking the shell', () => {
    for (const current of ['135', '    ', 'x'.repeat(129)]) {
      expect(checkPasscodeForm('remove', values(current, '', ''))).toEqual({
        field: 'current',
        message: 'That is not your current passcode.',
      });
    }
  });

  it('says in words why the shell refused a change, on the field to fix, never echoing it', () => {
    const refused = (
      reason: 'wrong-passcode' | 'wait',
      retryInMs: number,
    ): { ok: true; value: LockPasscodeChangeResult } => ({
      ok: true,
      value: { changed: false, reason, status: status({ retryInMs }) },
    });
    expect(
      passcodeChangeProblem('change', { ok: true, value: { changed: true, status: status() } }),
    ).toBeNull();
    expect(passcodeChangeProblem('change', refused('wrong-passcode', 0))).toEqual({
      field: 'current',
      message: 'That is not your current passcode.',
    });
    expect(passcodeChangeProblem('remove', refused('wrong-passcode', 5_000))).toMatchObject({
      field: 'current',
      message: expect.stringContaining('try again in 5 seconds'),
    });
    expect(passcodeChangeProblem('remove', refused('wait', 60_000))).toMatchObject({
      field: 'current',
      message: expect.stringContaining('1 minute'),
    });
    expect(passcodeChangeProblem('set', { ok: false, error: 'not-allowed' })).toEqual({
      field: 'next',
      message: expect.stringMatching(/locked/),
    });
    expect(passcodeChangeProblem('change', { ok: false, error: 'unavailable' })).toEqual({
      field: 'current',
      message: expect.stringMatching(/Nothing was changed/),
    });
  });

  it('describes the lock as it is, wrong tries included', () => {
    expect(lockStatusText(status({ enabled: false }))).toMatch(/^App lock is off/);
    expect(lockStatusText(status())).toMatch(/^App lock is on/);
    expect(lockStatusText(status({ failedAttempts: 2 }))).toContain('2 wrong tries');
  });
});

describe('the shortcuts shown are the shell’s', () => {
  it('match the accelerators of the application menu', () => {
    const menu = readFileSync(new URL('../../electron/menu.ts', import.meta.url), 'utf8');
    expect(menu).toContain(`quickHide: 'CmdOrCtrl+${SHORTCUT_KEYS.quickHide.join('+')}'`);
    expect(menu).toContain(`lock: 'CmdOrCtrl+${SHORTCUT_KEYS.lock.join('+')}'`);
    expect(shortcutKeys('quickHide', 'darwin')).toEqual(['Command', 'Shift', 'H']);
    expect(shortcutKeys('quickHide', 'win32')).toEqual(['Ctrl', 'Shift', 'H']);
  });
});

describe('the Settings page as first rendered', () => {
  const unused = () => {
    throw new Error('not called while rendering');
  };
  const bridge = {
    appInfo: vi.fn(unused),
    lockStatus: vi.fn(unused),
    getOpenAtLogin: vi.fn(unused),
  } as unknown as KindredBridge;

  it('in a web browser, says these are desktop features and offers no passcode field', () => {
    const html = renderToStaticMarkup(createElement(SettingsPage, { bridge, desktop: false }));
    expect(html).toContain(DESKTOP_ONLY_TEXT.split('.')[0]);
    expect(html).toContain('features of the Kindred desktop app');
    expect(html).not.toContain('<input');
    expect(html).not.toContain('Set a passcode');
  });

  it('in the desktop app, waits for the shell before offering anything', () => {
    const html = renderToStaticMarkup(createElement(SettingsPage, { bridge, desktop: true }));
    expect(html).toContain('App lock');
    expect(html).toContain('Checking the app lock…');
    expect(html).not.toContain('Set a passcode'); // not before the shell says there is none
    expect(html).toContain('<kbd>Ctrl</kbd>');
  });

  it('labels every passcode field, hides what is typed, and asks only what each action needs', () => {
    const fields = (mode: 'set' | 'change' | 'remove') => {
      const html = renderToStaticMarkup(
        createElement(PasscodeForm, { mode, bridge, onDone: unused, onCancel: unused }),
      );
      const labels = [...html.matchAll(/<label for="([^"]+)">([^<]+)<input[^>]*\sid="([^"]+)"/g)];
      for (const [, forId, , inputId] of labels) expect(forId).toBe(inputId);
      expect(html.match(/<input/g)).toHaveLength(labels.length);
      expect(html.match(/type="password"/g)).toHaveLength(labels.length);
      return labels.map(([, , label]) => label);
    };
    expect(fields('set')).toEqual(['New passcode', 'New passcode again']);
    expect(fields('change')).toEqual(['Current passcode', 'New passcode', 'New passcode again']);
    expect(fields('remove')).toEqual(['Current passcode']);
  });
});
