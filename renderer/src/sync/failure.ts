/**
 * What a failed replication request means, read from the error RxDB reports on `error$`.
 *
 * RxDB reports a handler's error as plain JSON inside its own error (`parameters.errors`), which
 * keeps our ApiError's `code` and `parameters` (status, Retry-After; see api/client.ts). A pulled
 * document this app's schema refuses comes instead as a write error with status 422
 * (`parameters.writeError`): the server sends something a newer version of Kindred knows.
 */
export type Failure =
  | { kind: 'signed-out' }
  /** Replies waiting for their thread: RxDB tries again shortly, nothing is wrong. */
  | { kind: 'waiting' }
  /** No answer (offline, or too late): find out whether the server can be reached. */
  | { kind: 'network' }
  /** This version cannot store what the server sends: only an update helps. */
  | { kind: 'outdated-app' }
  | { kind: 'rate-limited'; retryAfterMs: number | null }
  | { kind: 'server-error'; retryAfterMs: number | null };

interface PlainError {
  code?: string;
  parameters?: { status?: number; retryAfterMs?: number | null };
}

interface ReportedError {
  parameters?: { errors?: PlainError[]; writeError?: { status?: number } };
}

export function classifyFailure(error: unknown): Failure {
  const parameters = (error as ReportedError | null)?.parameters;
  const errors = parameters?.errors ?? [];
  const has = (code: string) => errors.find((e) => e.code === code);
  if (has('unauthorized')) return { kind: 'signed-out' };
  if (has('waiting-for-thread')) return { kind: 'waiting' };
  if (has('network')) return { kind: 'network' };
  if (parameters?.writeError?.status === 422) return { kind: 'outdated-app' };
  const limited = has('too-many-requests');
  if (limited) return { kind: 'rate-limited', retryAfterMs: retryAfter(limited) };
  return { kind: 'server-error', retryAfterMs: retryAfter(errors[0]) };
}

function retryAfter(error: PlainError | undefined): number | null {
  const value = error?.parameters?.retryAfterMs;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
