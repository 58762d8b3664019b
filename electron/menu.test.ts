import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { ACCELERATORS, buildMenuTemplate, type MenuOptions } from './menu';

function build(overrides: Partial<MenuOptions> = {}) {
  const actions = { syncNow: vi.fn(), lock: vi.fn(), quickHide: vi.fn(), openHelp: vi.fn() };
  const template = buildMenuTemplate({
    platform: 'linux',
    appName: 'Kindred',
    isPackaged: true,
    lockEnabled: true,
    actions,
    ...overrides,
  });
  return { template, actions };
}

/** Every item of the menu, depth first. */
function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu as MenuItemConstructorOptions[]) : []),
  ]);
}
const roles = (items: MenuItemConstructorOptions[]) => flatten(items).map((item) => item.role);
const byId = (items: MenuItemConstructorOptions[], id: string) =>
  flatten(items).find((item) => item.id === id);

describe('the application menu', () => {
  it('macOS: the app menu first, then File, Edit, View, Window, Help', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual([
      'Kindred',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'help',
    ]);
    expect(roles(template)).toEqual(
      expect.arrayContaining(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']),
    );
    expect(roles(template)).toEqual(
      expect.arrayContaining(['pasteAndMatchStyle', 'front', 'zoom']),
    );
  });

  it('Windows and Linux: no app menu; quit in File, about in Help', () => {
    for (const platform of ['win32', 'linux']) {
      const { template } = build({ platform });
      expect(template.map((menu) => menu.label ?? menu.role)).toEqual([
        'File',
        'Edit',
        'View',
        'windowMenu',
        'help',
      ]);
      expect(roles(template)).toEqual(expect.arrayContaining(['quit', 'about', 'minimize']));
      expect(roles(template)).not.toContain('services');
    }
  });

  it('has the standard editing and view roles, which bring the native shortcuts', () => {
    expect(roles(build().template)).toEqual(
      expect.arrayContaining([
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'resetZoom',
        'zoomIn',
        'zoomOut',
        'togglefullscreen',
      ]),
    );
  });

  it('a packaged build has no reload and no developer tools; a development build has both', () => {
    const developer = ['reload', 'forceReload', 'toggleDevTools'];
    for (const platform of ['darwin', 'win32', 'linux']) {
      const packaged = roles(build({ platform, isPackaged: true }).template);
      for (const role of developer) expect(packaged).not.toContain(role);
      expect(roles(build({ platform, isPackaged: false }).template)).toEqual(
        expect.arrayContaining(developer),
      );
    }
    const accelerators = flatten(build().template).map((item) => item.accelerator);
    expect(accelerators).not.toContain('CmdOrCtrl+R');
  });

  it('Sync Now, Lock and Hide Quickly call their actions with their shortcuts', () => {
    const { template, actions } = build();
    const click = (id: string) =>
      (byId(template, id)?.click as (() => void) | undefined)?.call(undefined);
    expect(byId(template, 'sync-now')?.accelerator).toBe(ACCELERATORS.syncNow);
    expect(byId(template, 'lock')?.accelerator).toBe(ACCELERATORS.lock);
    expect(byId(template, 'quick-hide')).toMatchObject({
      accelerator: ACCELERATORS.quickHide,
      registerAccelerator: false,
    });
    click('sync-now');
    click('lock');
    click('quick-hide');
    click('help');
    expect(actions.syncNow).toHaveBeenCalledOnce();
    expect(actions.lock).toHaveBeenCalledOnce();
    expect(actions.quickHide).toHaveBeenCalledOnce();
    expect(actions.openHelp).toHaveBeenCalledOnce();
  });

  it('"Lock Kindred" is greyed out until a passcode is set', () => {
    expect(byId(build({ lockEnabled: false }).template, 'lock')?.enabled).toBe(false);
    expect(byId(build({ lockEnabled: true }).template, 'lock')).toMatchObject({
      enabled: true,
      label: 'Lock Kindred',
    });
  });

  it('none of our shortcuts collides with another item', () => {
    const accelerators = flatten(build({ platform: 'darwin', isPackaged: false }).template)
      .map((item) => item.accelerator)
      .filter((a) => a !== undefined);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });
});
