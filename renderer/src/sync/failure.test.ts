import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { classifyFailure } from './failure';

/** A failed request as RxDB reports it on error$: our error as plain JSON inside its own. */
function reported(error: ApiError) {
  const { name, message, code, parameters } = error;
  return { code: 'RC_PUSH', parameters: { errors: [{ name, message, code, parameters }] } };
}

describe('what a failed replication request means', () => {
  it('tells a server that asked to slow down, with its Retry-After, from a failing one', () => {
    expect(classifyFailure(reported(new ApiError(429, 'too-many-requests', 'x', 30_000)))).toEqual({
      kind: 'rate-limited',
      retryAfterMs: 30_000,
    });
    expect(classifyFailure(reported(new ApiError(503, 'unavailable', 'x')))).toEqual({
      kind: 'server-error',
      retryAfterMs: null,
    });
  });

  it('treats no answer (offline, timed out) as a question of reachability, not an error', () => {
    expect(classifyFailure(reported(new ApiError(0, 'network', 'x')))).toEqual({
      kind: 'network',
    });
    expect(classifyFailure(reported(new ApiError(401, 'unauthorized', 'x')))).toEqual({
      kind: 'signed-out',
    });
  });

  it('recognises a pulled document this version’s schema refuses', () => {
    const schemaRefused = { code: 'RC_PULL', parameters: { writeError: { status: 422 } } };
    expect(classifyFailure(schemaRefused)).toEqual({ kind: 'outdated-app' });
  });
});
