import { messageFor, waitMessage } from './errors.ts';

/** A refused request: the contract's error code, the words to show, and the HTTP status. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly retryAfterSeconds?: number,
    /** Extra fields of the error object (e.g. `errors` of a refused CSV import). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface ClientOptions {
  /** Origin to call; empty for the page's own origin. */
  baseUrl?: string;
  /** Called when the server says the session is gone (401 on a call that needed one). */
  onSessionLost?: () => void;
  fetch?: typeof fetch;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls that answer 401 for a wrong password rather than for a lost session. */
const credentialCalls = new Set(['/api/auth/login', '/api/auth/password', '/api/recovery-codes/regenerate']);

/**
 * Thin JSON client for the verifier. Remembers the session's CSRF token and sends it on every
 * state-changing call, turns error bodies into ApiError, and reports a lost session once.
 */
export class ApiClient {
  private csrfToken: string | null = null;
  private readonly baseUrl: string;
  private readonly doFetch: typeof fetch;

  constructor(private readonly options: ClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? '';
    this.doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  setCsrfToken(token: string | null): void {
    this.csrfToken = token;
  }

  get<T>(path: string, query?: Record<string, string | number | undefined>): Promise<T> {
    return this.request<T>('GET', path + queryString(query));
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let response: Response;
    try {
      response = await this.doFetch(this.baseUrl + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError('network', messageFor('network'), 0);
    }
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      return (text ? JSON.parse(text) : undefined) as T;
    }
    const error = await readError(response);
    if (response.status === 401 && !credentialCalls.has(path)) {
      this.csrfToken = null;
      this.options.onSessionLost?.();
    }
    throw error;
  }
}

async function readError(response: Response): Promise<ApiError> {
  let code = response.status >= 500 ? 'server_error' : `http_${response.status}`;
  let serverMessage: string | undefined;
  let retryAfterSeconds: number | undefined;
  let details: Record<string, unknown> = {};
  try {
    const body = (await response.json()) as {
      error?: { code?: unknown; message?: unknown; retryAfterSeconds?: unknown };
    };
    if (body.error && typeof body.error === 'object') details = body.error as Record<string, unknown>;
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string' && response.status < 500) serverMessage = body.error.message;
    if (typeof body.error?.retryAfterSeconds === 'number') retryAfterSeconds = body.error.retryAfterSeconds;
  } catch {
    // Not JSON (a proxy's page, for instance): the status alone decides the words.
  }
  if (response.status === 404 && !serverMessage) code = 'not_found';
  const words =
    (retryAfterSeconds && waitMessage(code, retryAfterSeconds)) || messageFor(code, serverMessage);
  return new ApiError(code, words, response.status, retryAfterSeconds, details);
}

function queryString(query?: Record<string, string | number | undefined>): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
