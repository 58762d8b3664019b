// The desktop shell's secret store as the renderer sees it through the bridge, for the journal
// key tests: a working keychain, none at all, or one holding a key this computer cannot read.
import type { BridgeResult, KindredBridge, SecretName } from '../../shared/bridge';

export function fakeShell(options: { keychain?: boolean; unreadable?: SecretName[] } = {}) {
  const secrets = new Map<string, string>();
  // Stored, but sealed by another computer's OS key (a copied data folder).
  const unreadable = new Set<string>(options.unreadable);
  const unavailable = { ok: false, error: 'unavailable' } as const;
  const bridge = {
    async getSecret(name: SecretName): Promise<BridgeResult<string | null>> {
      if (options.keychain === false) return unavailable;
      if (unreadable.has(name)) return { ok: false, error: 'unreadable' };
      return { ok: true, value: secrets.get(name) ?? null };
    },
    async setSecret(name: SecretName, value: string): Promise<BridgeResult<void>> {
      if (options.keychain === false) return unavailable;
      unreadable.delete(name);
      secrets.set(name, value);
      return { ok: true, value: undefined };
    },
  } as unknown as KindredBridge;
  return { bridge, secrets, unreadable };
}
