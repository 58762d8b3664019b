/**
 * Sealing: AES-GCM with a 256-bit key and a fresh random 96-bit IV per write. The database and
 * the server hold only `{keyId, iv, ciphertext}`; plaintext exists only in memory on the user's
 * devices. GCM's tag makes any change to the ciphertext fail to open rather than yield garbage.
 */
export interface SealingKey {
  keyId: string;
  key: CryptoKey;
}

export interface Sealed {
  keyId: string;
  iv: string;
  ciphertext: string;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function sealJson(sealingKey: SealingKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plaintext = encoder.encode(JSON.stringify(value));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv },
    sealingKey.key,
    plaintext,
  );
  return {
    keyId: sealingKey.keyId,
    iv: toBase64(iv),
    ciphertext: toBase64(new Uint8Array(ciphertext)),
  };
}

export type OpenResult<T> = { ok: true; value: T } | { ok: false; reason: 'other-key' | 'damaged' };

/** Opens what `sealJson` sealed. Never throws: a wrong key or tampered data is a value. */
export async function openJson<T>(sealingKey: SealingKey, sealed: Sealed): Promise<OpenResult<T>> {
  if (sealed.keyId !== sealingKey.keyId) return { ok: false, reason: 'other-key' };
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(sealed.iv) },
      sealingKey.key,
      fromBase64(sealed.ciphertext),
    );
    return { ok: true, value: JSON.parse(decoder.decode(plaintext)) as T };
  } catch {
    return { ok: false, reason: 'damaged' };
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
