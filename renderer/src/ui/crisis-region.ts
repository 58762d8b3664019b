/**
 * The user's region for crisis lines: chosen in their profile, kept on this device only (where
 * someone lives is theirs to tell; the lines must show with no network anyway).
 */
import { useCallback, useSyncExternalStore } from 'react';
import { type CrisisRegionId, isCrisisRegionId } from '../../../shared/crisis';
import { useServices } from '../app/services';

const key = (userId: string) => `kindred.crisis-region.${userId}`;
const listeners = new Set<() => void>();

export function loadCrisisRegion(userId: string): CrisisRegionId | null {
  if (typeof localStorage === 'undefined') return null;
  const value = localStorage.getItem(key(userId));
  return isCrisisRegionId(value) ? value : null;
}

export function saveCrisisRegion(userId: string, region: CrisisRegionId | null): void {
  if (typeof localStorage === 'undefined') return;
  if (region) localStorage.setItem(key(userId), region);
  else localStorage.removeItem(key(userId));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useCrisisRegion(): [
  CrisisRegionId | null,
  (region: CrisisRegionId | null) => void,
] {
  const { session } = useServices();
  const region = useSyncExternalStore(subscribe, () => loadCrisisRegion(session.userId));
  const set = useCallback(
    (next: CrisisRegionId | null) => saveCrisisRegion(session.userId, next),
    [session.userId],
  );
  return [region, set];
}
