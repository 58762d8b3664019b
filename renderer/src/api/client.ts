/**
 * HTTP client for the sync server's API (the CONTRACT in docs/protocol.md). Every failure comes
 * back as an ApiError with the server's code and human message, or 'network' when the server
 * could not be reached at all.
 */
import {
  API_BASE,
  type AuthResponse,
  type ErrorBody,
  type ErrorCode,
  type LoginRequest,
  type MembershipResponse,
  REFUSALS_HEADER,
  type RegisterRequest,
  type RowRefusal,
} from '../../../shared/protocol';
import type {
  PartnerContentRequest,
  PartnerContentResponse,
} from '../../../shared/partner-content';

export type ApiErrorCode = ErrorCode | 'network';

/**
 * How long a request may take before Kindred gives up on it and treats it like no network: the
 * replication sends the same rows again later, and the server stores a replayed row only once,
 * so giving up on a push whose answer is merely late never duplicates anything.
 *
 * Sized for a poor link (a waiting room, a train), not a good one:
 * - a pull page of 1,000 documents is about 400 KB on the wire (bench/results/first-sync.json:
 *   23.6 MB compressed for 60,000 documents); 120 s lets it arrive at ~3.5 KB/s (~28 kbit/s,
 *   GPRS class), ten times slower than the benchmark's "poor link". A page that still does not
 *   make it shrinks before it is asked again (sync/page-size.ts), so a slow link never loops;
 * - a push gets 60 s plus its body at 2 KB/s (uplinks are the slow direction): 90 s for 50
 *   replies, longer for a big sealed journal entry, which cannot be split;
 * - anything else (sign-in, join, partner content) is small: 30 s.
 */
export interface RequestTimeouts {
  requestMs: number;
  pullMs: number;
  pushBaseMs: number;
  uplinkBytesPerSecond: number;
}

export const DEFAULT_TIMEOUTS: Readonly<RequestTimeouts> = {
  requestMs: 30_000,
  pullMs: 120_000,
  pushBaseMs: 60_000,
  uplinkBytesPerSecond: 2_000,
};

export class ApiError extends Error {
  /**
   * RxDB reports a failed replication request as plain JSON that keeps only name, message,
   * code, parameters and extensions of the error: the status and the server's Retry-After
   * travel here so that the sync engine can tell the user when it tries again.
   */
  readonly parameters: { status: number; retryAfterMs: number | null };

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.parameters = { status, retryAfterMs };
  }
}

export interface PushResult<T> {
  conflicts: T[];
  refusals: RowRefusal[];
}

export class ApiClient {
  /** Tests shorten these to see a stuck request given up on in seconds. */
  timeouts: RequestTimeouts = { ...DEFAULT_TIMEOUTS };

  constructor(
    readonly serverUrl: string,
    private token: string | null = null,
  ) {}

  setToken(token: string | null): void {
    this.token = token;
  }

  url(path: string): string {
    return `${this.serverUrl.replace(/\/+$/, '')}${API_BASE}${path}`;
  }

  authHeaders(): Record<string, string> {
    return this.token ? { Authorization: `Bearer ${this.token}` } : {};
  }

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<{ data: T; response: Response }> {
    const json = body === undefined ? undefined : JSON.stringify(body);
    // The timeout covers the whole exchange, the answer's body included: a connection that
    // stalls halfway through a page is as lost as one that never answers.
    const deadline = AbortSignal.timeout(options.timeoutMs ?? this.timeouts.requestMs);
    const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers: {
          ...this.authHeaders(),
          ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: json,
        signal,
      });
    } catch {
      // Offline, refused, or timed out: to the user these all mean "not reached (yet)".
      throw notReached(deadline);
    }
    if (!response.ok) throw await errorFrom(response);
    let text: string;
    try {
      text = await response.text();
    } catch {
      // The connection died (or stalled past the deadline) halfway through the answer: the same
      // as no answer at all (retry soon), not a server error (which would back off for longer).
      throw notReached(deadline);
    }
    return { data: (text ? JSON.parse(text) : undefined) as T, response };
  }

  async register(request: RegisterRequest): Promise<AuthResponse> {
    return (await this.request<AuthResponse>('POST', '/auth/register', request)).data;
  }

  async login(request: LoginRequest): Promise<AuthResponse> {
    return (await this.request<AuthResponse>('POST', '/auth/login', request)).data;
  }

  async logout(): Promise<void> {
    await this.request<void>('POST', '/auth/logout');
  }

  async join(communityId: string): Promise<MembershipResponse> {
    return (
      await this.request<MembershipResponse>(
        'POST',
        `/communities/${encodeURIComponent(communityId)}/join`,
      )
    ).data;
  }

  async leave(communityId: string): Promise<MembershipResponse> {
    return (
      await this.request<MembershipResponse>(
        'POST',
        `/communities/${encodeURIComponent(communityId)}/leave`,
      )
    ).data;
  }

  /** Partners and moderators edit the community's own texts, links and crisis lines. */
  async updatePartnerContent(
    communityId: string,
    edit: PartnerContentRequest,
  ): Promise<PartnerContentResponse> {
    return (
      await this.request<PartnerContentResponse>(
        'PUT',
        `/communities/${encodeURIComponent(communityId)}/partner-content`,
        edit,
      )
    ).data;
  }

  async pull<T>(
    collection: string,
    checkpoint: unknown,
    limit: number,
  ): Promise<{ documents: T[]; checkpoint: unknown }> {
    const query = new URLSearchParams({ limit: String(limit) });
    if (checkpoint !== undefined && checkpoint !== null)
      query.set('checkpoint', JSON.stringify(checkpoint));
    return (
      await this.request<{ documents: T[]; checkpoint: unknown }>(
        'GET',
        `/sync/${collection}/pull?${query}`,
        undefined,
        { timeoutMs: this.timeouts.pullMs },
      )
    ).data;
  }

  async push<T>(collection: string, rows: unknown[]): Promise<PushResult<T>> {
    const { data, response } = await this.request<T[]>('POST', `/sync/${collection}/push`, rows, {
      timeoutMs: this.pushTimeoutMs(rows),
    });
    return { conflicts: data, refusals: parseRefusals(response.headers.get(REFUSALS_HEADER)) };
  }

  /** A push's time grows with its body: it cannot be split the way a pull page shrinks. */
  pushTimeoutMs(rows: unknown[]): number {
    const bytes = new TextEncoder().encode(JSON.stringify(rows)).length;
    const { pushBaseMs, uplinkBytesPerSecond } = this.timeouts;
    return Math.round(pushBaseMs + (bytes / uplinkBytesPerSecond) * 1_000);
  }
}

function notReached(deadline: AbortSignal): ApiError {
  return new ApiError(
    0,
    'network',
    deadline.aborted ? 'The server did not answer in time.' : 'The server could not be reached.',
  );
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> = {};
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    // Not JSON (a proxy's page, say): fall back to the status line.
  }
  const code = (body.error ?? fallbackCode(response.status)) as ErrorCode;
  return new ApiError(
    response.status,
    code,
    body.message ?? `The server answered ${response.status}.`,
    retryAfterMs(response.headers.get('retry-after')),
  );
}

/** The code of an answer without our JSON body (a proxy's or load balancer's page). */
function fallbackCode(status: number): ErrorCode {
  if (status === 429) return 'too-many-requests';
  if (status === 503) return 'unavailable';
  return status >= 500 ? 'internal' : 'bad-request';
}

/** Retry-After is either seconds or an HTTP date. */
function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function parseRefusals(header: string | null): RowRefusal[] {
  if (!header) return [];
  try {
    const value: unknown = JSON.parse(header);
    return Array.isArray(value) ? (value as RowRefusal[]) : [];
  } catch {
    return [];
  }
}
