import type { ReactNode } from 'react';
import { LockScreen } from './LockScreen';
import { useLockStatus } from './useLockStatus';

/**
 * Shows its children only while the app is unlocked. Locked (or before the shell has said),
 * they stay mounted, so no half-written reply is lost, but are not displayed, not focusable,
 * not in the accessibility tree and not found by find-in-page: display none and inert.
 */
export function AppLockGate({ children }: { children: ReactNode }) {
  const status = useLockStatus();
  const hidden = status === null || status.locked;
  return (
    <>
      <div style={{ display: hidden ? 'none' : 'contents' }} inert={hidden} aria-hidden={hidden}>
        {children}
      </div>
      {status?.locked === true && <LockScreen status={status} />}
    </>
  );
}
