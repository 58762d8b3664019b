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

/** A request with no answer by then is treated like no network; replication tries again. */
export const REQUEST_TIMEOUT_MS = 30_000;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface PushResult<T> {
  conflicts: T[];
  refusals: RowRefusal[];
}

export class ApiClient {
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
    signal?: AbortSignal,
  ): Promise<{ data: T; response: Response }> {
    let response: Response;
    try {
      response = await fetch(this.url(path), {
        method,
        headers: {
          ...this.authHeaders(),
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch {
      // Offline, refused, or timed out: to the user these all mean "not reached (yet)".
      throw new ApiError(0, 'network', 'The server could not be reached.');
    }
    if (!response.ok) throw await errorFrom(response);
    let text: string;
    try {
      text = await response.text();
    } catch {
      // The connection died halfway through the answer: the same as no answer at all (retry
      // soon), not a server error (which would back off for up to a minute).
      throw new ApiError(0, 'network', 'The server could not be reached.');
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
      )
    ).data;
  }

  async push<T>(collection: string, rows: unknown[]): Promise<PushResult<T>> {
    const { data, response } = await this.request<T[]>('POST', `/sync/${collection}/push`, rows);
    return { conflicts: data, refusals: parseRefusals(response.headers.get(REFUSALS_HEADER)) };
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> = {};
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    // Not JSON (a proxy's page, say): fall back to the status line.
  }
  const code = (body.error ?? (response.status >= 500 ? 'internal' : 'bad-request')) as ErrorCode;
  return new ApiError(
    response.status,
    code,
    body.message ?? `The server answered ${response.status}.`,
  );
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
