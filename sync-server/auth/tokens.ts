import { createHash, randomBytes } from 'node:crypto';

/** Sessions last 90 days; logout revokes at once. */
export const TOKEN_LIFETIME_MS = 90 * 24 * 60 * 60 * 1000;

/** 32 random bytes: unguessable, and shown to the client only once. */
export const newToken = () => randomBytes(32).toString('base64url');

/** Only this digest is stored: a leaked database holds no usable token. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A user id: random, URL-safe, and free of ':' (membership ids join ids with ':'). */
export const newUserId = () => `u_${randomBytes(12).toString('base64url')}`;

/** The token of an `Authorization: Bearer <token>` header, or null. Query strings never count. */
export function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header);
  return match ? match[1]! : null;
}
