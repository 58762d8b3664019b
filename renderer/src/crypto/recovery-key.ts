/**
 * The recovery key: the account's raw 256-bit sealing key and its key id, written so a person can
 * print it, keep it on paper and type it on a new device.
 *
 * Layout (53 bytes): version 1 · the 16 bytes of the key id's UUID · the 32 key bytes · CRC-32 of
 * the 49 bytes before it. Written in Crockford base32 (no I, L, O, U; case-insensitive; I/L read
 * as 1 and O as 0) in groups of five. The CRC catches every single mistyped character and any
 * swap of neighbours, so a typo is reported instead of producing a wrong key.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VERSION = 1;
const PAYLOAD_BYTES = 1 + 16 + 32;
const KEY_ID_PATTERN = /^k-([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;

export interface RawSealingKey {
  keyId: string;
  raw: Uint8Array;
}

export type RecoveryKeyProblem = 'malformed' | 'typo' | 'unsupported';

export type ParsedRecoveryKey =
  { ok: true; value: RawSealingKey } | { ok: false; problem: RecoveryKeyProblem };

export const RECOVERY_KEY_PROBLEM_TEXT: Record<RecoveryKeyProblem, string> = {
  malformed: 'That does not look like a Kindred recovery key. Check that you copied all of it.',
  typo: 'The recovery key has a mistake in it (a character is wrong or missing). Please check it against your saved copy.',
  unsupported: 'This recovery key was made by a newer version of Kindred.',
};

/** True for key ids this format can carry (every key id Kindred creates: `k-<uuid>`). */
export function isRecoverableKeyId(keyId: string): boolean {
  return KEY_ID_PATTERN.test(keyId);
}

export function encodeRecoveryKey(key: RawSealingKey): string {
  const match = KEY_ID_PATTERN.exec(key.keyId);
  if (!match) throw new Error('This key id cannot be written as a recovery key.');
  if (key.raw.length !== 32) throw new Error('A sealing key has 32 bytes.');
  const bytes = new Uint8Array(PAYLOAD_BYTES + 4);
  bytes[0] = VERSION;
  bytes.set(hexToBytes(match.slice(1).join('')), 1);
  bytes.set(key.raw, 17);
  new DataView(bytes.buffer).setUint32(PAYLOAD_BYTES, crc32(bytes.subarray(0, PAYLOAD_BYTES)));
  return toBase32(bytes)
    .match(/.{1,5}/g)!
    .join('-');
}

export function parseRecoveryKey(text: string): ParsedRecoveryKey {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  const bytes = fromBase32(cleaned);
  if (!bytes || bytes.length !== PAYLOAD_BYTES + 4) return { ok: false, problem: 'malformed' };
  const expected = new DataView(bytes.buffer).getUint32(PAYLOAD_BYTES);
  if (crc32(bytes.subarray(0, PAYLOAD_BYTES)) !== expected) return { ok: false, problem: 'typo' };
  if (bytes[0] !== VERSION) return { ok: false, problem: 'unsupported' };
  const hex = bytesToHex(bytes.subarray(1, 17));
  const keyId = `k-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { ok: true, value: { keyId, raw: bytes.slice(17, 49) } };
}

function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** null when a character is not in the alphabet. Trailing padding bits are dropped. */
function fromBase32(text: string): Uint8Array | null {
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of text) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((buffer >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function hexToBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g)!, (pair) => parseInt(pair, 16));
}

function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
