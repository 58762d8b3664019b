import { useEffect, useState } from 'react';
import type { KindredBridge, LockStatus } from '../../../shared/bridge';
import { getBridge } from './bridge';
import { NO_LOCK } from './native';

/**
 * The app lock's status, kept current: null until the shell has answered (hide content until
 * then, or a locked app would flash what it guards), NO_LOCK where there is no app lock.
 */
export function useLockStatus(bridge: KindredBridge = getBridge()): LockStatus | null {
  const [status, setStatus] = useState<LockStatus | null>(null);
  useEffect(() => {
    let active = true;
    const stop = bridge.onLockChange((next) => setStatus(next));
    // Replies and pushed changes travel in order over one IPC pipe: the latest to arrive wins.
    void bridge.lockStatus().then(
      (result) => active && setStatus(result.ok ? result.value : NO_LOCK),
      () => active && setStatus(NO_LOCK),
    );
    return () => {
      active = false;
      stop();
    };
  }, [bridge]);
  return status;
}
