import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: ~100 ms and 32 MiB per guess on a laptop; stored with the hash so it can grow. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const KEY_LENGTH = 32;

function derive(passcode: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    ...params,
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly too small.
    maxmem: 256 * params.N * params.r,
  };
  return new Promise((resolve, reject) => {
    // NFC: the same passcode typed on another keyboard layout or OS gives the same bytes.
    scrypt(passcode.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export interface PasscodeHash {
  salt: string;
  hash: string;
  params: ScryptParams;
}

export async function hashPasscode(
  passcode: string,
  params: ScryptParams = DEFAULT_SCRYPT,
): Promise<PasscodeHash> {
  const salt = randomBytes(16);
  const key = await derive(passcode, salt, params);
  return { salt: salt.toString('base64'), hash: key.toString('base64'), params };
}

export async function verifyPasscode(passcode: string, stored: PasscodeHash): Promise<boolean> {
  const expected = Buffer.from(stored.hash, 'base64');
  const key = await derive(passcode, Buffer.from(stored.salt, 'base64'), stored.params);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Only parameters we would have written ourselves: a tampered file cannot ask for 1 TiB. */
export function isScryptParams(value: unknown): value is ScryptParams {
  const { N, r, p } = (value ?? {}) as Partial<Record<string, unknown>>;
  return (
    typeof N === 'number' &&
    Number.isInteger(N) &&
    N >= 2 &&
    N <= 2 ** 20 &&
    (N & (N - 1)) === 0 &&
    r === 8 &&
    p === 1
  );
}
