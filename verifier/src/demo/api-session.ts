import type { FastifyInstance, InjectOptions } from 'fastify';

/**
 * One browser-like session against the verifier's JSON API without a port (`app.inject`): keeps the
 * session cookie and sends the CSRF token, as the pages do.
 */
export class ApiSession {
  private cookie = '';
  private csrfToken = '';

  constructor(private readonly app: FastifyInstance) {}

  async call<T>(method: InjectOptions['method'], url: string, payload?: object): Promise<T> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response = await this.app.inject({ method, url, payload, headers });
    const sid = response.cookies.find((cookie) => cookie.name === 'sid');
    if (sid) this.cookie = sid.value ? `sid=${sid.value}` : '';
    const body = response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {};
    if (response.statusCode >= 400) {
      const error = body.error as { message?: string } | undefined;
      throw new Error(`${method} ${url} answered ${response.statusCode}: ${error?.message ?? response.body}`);
    }
    if (typeof body.csrfToken === 'string') this.csrfToken = body.csrfToken;
    return body as T;
  }
}
