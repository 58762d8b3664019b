/**
 * Small yes/no facts kept on this device per account ("the welcome of this community was
 * dismissed"), with a hook that re-renders every reader when one changes.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useServices } from '../app/services';

const listeners = new Set<() => void>();
const key = (userId: string, name: string) => `kindred.flag.${userId}.${name}`;

function read(userId: string, name: string): boolean {
  if (typeof localStorage === 'undefined') return false;
  return localStorage.getItem(key(userId, name)) === '1';
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The flag, and a function that sets it. */
export function useLocalFlag(name: string): [boolean, () => void] {
  const { session } = useServices();
  const value = useSyncExternalStore(subscribe, () => read(session.userId, name));
  const set = useCallback(() => {
    if (typeof localStorage !== 'undefined') localStorage.setItem(key(session.userId, name), '1');
    for (const listener of listeners) listener();
  }, [session.userId, name]);
  return [value, set];
}
