/**
 * Errors a store raises that callers may act on. Anything else a store throws is a bug or a
 * broken invariant and is answered as a generic 500.
 */

/**
 * The database cannot be reached or is restarting: the request may succeed if retried later.
 * Answered as 503 with Retry-After; the store recovers by itself when the database is back.
 */
export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
}
