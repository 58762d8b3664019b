/**
 * Settings of the desktop app: the app lock and opening at login. In a web browser there is no
 * desktop shell to keep them, so the page says so instead of showing controls that cannot work.
 */
import { useEffect, useState } from 'react';
import type { AppInfo, KindredBridge } from '../../../shared/bridge';
import { getBridge, isDesktop } from '../platform/bridge';
import { AppLockSettings } from './AppLockSettings';
import { OpenAtLoginSetting } from './OpenAtLoginSetting';
import { DESKTOP_ONLY_TEXT } from './settings-text';

export interface SettingsPageProps {
  /** Defaults to the shell's; a test can pass its own. */
  bridge?: KindredBridge;
  desktop?: boolean;
}

export function SettingsPage({ bridge = getBridge(), desktop = isDesktop() }: SettingsPageProps) {
  const [platform, setPlatform] = useState<AppInfo['platform']>('other');
  useEffect(() => {
    if (!desktop) return;
    let active = true;
    void bridge.appInfo().then(
      (info) => active && setPlatform(info.platform),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [bridge, desktop]);

  return (
    <div className="settings">
      <h1>Settings</h1>
      {desktop ? (
        <>
          <AppLockSettings bridge={bridge} platform={platform} />
          <OpenAtLoginSetting bridge={bridge} />
        </>
      ) : (
        <section className="settings-section" aria-labelledby="settings-desktop-title">
          <h2 id="settings-desktop-title">Desktop app features</h2>
          <p>{DESKTOP_ONLY_TEXT}</p>
        </section>
      )}
    </div>
  );
}
