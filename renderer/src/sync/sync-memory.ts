/** What the sync engine remembers between sessions: when it last heard from the server. */
export interface SyncMemory {
  lastSyncedAt: number | null;
  firstSyncDone: boolean;
}

const EMPTY: SyncMemory = { lastSyncedAt: null, firstSyncDone: false };
const key = (scope: string) => `kindred.sync.${scope}`;

export function loadSyncMemory(scope: string): SyncMemory {
  if (typeof localStorage === 'undefined') return EMPTY;
  try {
    const value = JSON.parse(
      localStorage.getItem(key(scope)) ?? 'null',
    ) as Partial<SyncMemory> | null;
    return {
      lastSyncedAt: typeof value?.lastSyncedAt === 'number' ? value.lastSyncedAt : null,
      firstSyncDone: value?.firstSyncDone === true,
    };
  } catch {
    return EMPTY;
  }
}

export function saveSyncMemory(scope: string, memory: SyncMemory): void {
  if (typeof localStorage === 'undefined') return;
  localStorage.setItem(key(scope), JSON.stringify(memory));
}
