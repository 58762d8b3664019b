// The lock screen rendered to HTML in Node (no DOM here): what it shows for a given status.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LockStatus } from '../../../shared/bridge';
import { AppLockGate } from './AppLockGate';
import { LockScreen } from './LockScreen';

const locked: LockStatus = { enabled: true, locked: true, failedAttempts: 0, retryInMs: 0 };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the lock screen', () => {
  it('asks for the passcode in a full-window dialog', () => {
    const html = renderToStaticMarkup(createElement(LockScreen, { status: locked }));
    expect(html).toContain('role="dialog"');
    expect(html).toContain('position:fixed');
    expect(html).toContain('type="password"');
    expect(html).toContain('Kindred is locked');
    expect(html).not.toMatch(/<input[^>]*disabled/); // the field is usable
  });

  it('during the back-off, says how long to wait and disables the field', () => {
    const html = renderToStaticMarkup(
      createElement(LockScreen, { status: { ...locked, failedAttempts: 4, retryInMs: 10_000 } }),
    );
    expect(html).toContain('You can try again in 10 seconds.');
    expect(html).toMatch(/<input[^>]*disabled=""/);
  });

  it('the gate hides the app until the shell has said it is unlocked', () => {
    vi.stubGlobal('window', {});
    const html = renderToStaticMarkup(
      createElement(AppLockGate, null, createElement('p', null, 'my journal entry')),
    );
    // First render: status unknown, so the content is there but not displayed and inert.
    expect(html).toMatch(/<div style="display:none" inert="" aria-hidden="true"><p>my journal/);
  });
});
