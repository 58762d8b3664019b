import { useState } from 'react';
import type { Membership } from '../../../shared/schemas/memberships';
import { ApiError } from '../api/client';
import { useServices } from '../app/services';
import { useLiveDocs } from './hooks';

/** The signed-in user's memberships, keyed by community id. */
export function useMyMemberships(): Map<string, Membership> {
  const { session } = useServices();
  const { docs } = useLiveDocs('memberships', { selector: { userId: session.userId } });
  return new Map(docs.map((m) => [m.communityId, m]));
}

/**
 * Join and leave go through the server (it decides: open → active, by approval → pending);
 * the membership document then arrives through the ordinary sync.
 */
export function useMembershipActions() {
  const { api, sync } = useServices();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(communityId: string, action: 'join' | 'leave') {
    setBusy(communityId);
    setError(null);
    try {
      await (action === 'join' ? api.join(communityId) : api.leave(communityId));
      sync.syncNow();
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === 'network'
          ? `You are offline. You can ${action} this community when the connection is back.`
          : `Could not ${action}: ${caught instanceof Error ? caught.message : String(caught)}`,
      );
    } finally {
      setBusy(null);
    }
  }

  return {
    busy,
    error,
    join: (id: string) => run(id, 'join'),
    leave: (id: string) => run(id, 'leave'),
  };
}
