import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './client.ts';

// A real HTTP server that records what arrives and answers like the verifier does.
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const send = (status: number, payload?: unknown) => {
        response.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/json' });
        response.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      switch (request.url) {
        case '/api/auth/login':
          return send(401, {
            error: { code: 'invalid_credentials', message: 'Wrong username or password.' },
          });
        case '/api/me':
          return send(401, { error: { code: 'not_signed_in', message: 'Sign in first.' } });
        case '/api/auth/code':
          return send(400, { error: { code: 'code_used', message: 'Used.' } });
        case '/api/admin/users?query=ana&page=2&pageSize=25':
          return send(200, { items: [], total: 0, page: 2, pageSize: 25 });
        case '/api/auth/logout':
          return send(204);
        case '/api/crash':
          return send(500, { error: { code: 'internal', message: 'stack trace at line 3' } });
        default:
          return send(200, { ok: true });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function last() {
  const request = seen.at(-1);
  if (!request) throw new Error('no request reached the server');
  return request;
}

describe('the API client', () => {
  it('sends the session CSRF token on state-changing calls and not on reads', async () => {
    const client = new ApiClient({ baseUrl });
    client.setCsrfToken('token-123');
    await client.post('/api/admin/groups', { name: 'Night shift' });
    expect(last().headers['x-csrf-token']).toBe('token-123');
    expect(last().headers['content-type']).toBe('application/json');
    expect(JSON.parse(last().body)).toEqual({ name: 'Night shift' });
    await client.get('/api/admin/groups');
    expect(last().headers['x-csrf-token']).toBeUndefined();
    await client.delete('/api/admin/api-keys/3');
    expect(last().headers['x-csrf-token']).toBe('token-123');
  });

  it('builds the query string of a paged search, leaving empty filters out', async () => {
    const client = new ApiClient({ baseUrl });
    const page = await client.get('/api/admin/users', { query: 'ana', page: 2, pageSize: 25, event: '' });
    expect(last().url).toBe('/api/admin/users?query=ana&page=2&pageSize=25');
    expect(page).toEqual({ items: [], total: 0, page: 2, pageSize: 25 });
  });

  it('turns an error answer into an ApiError with the words for its code', async () => {
    const client = new ApiClient({ baseUrl });
    const error = await client.post('/api/auth/code', { code: '123456' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('code_used');
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toBe('That code has already been used. Wait for the next code.');
  });

  it('never shows the words of a server failure', async () => {
    const client = new ApiClient({ baseUrl });
    const error = (await client.get('/api/crash').catch((caught: unknown) => caught)) as ApiError;
    expect(error.message).not.toMatch(/stack/);
  });

  it('reports a lost session on a 401, but not for a wrong password', async () => {
    let lost = 0;
    const client = new ApiClient({ baseUrl, onSessionLost: () => lost++ });
    await expect(client.post('/api/auth/login', { username: 'a', password: 'b' })).rejects.toThrow(
      'Wrong username or password.',
    );
    expect(lost).toBe(0);
    client.setCsrfToken('stale');
    await expect(client.get('/api/me')).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(lost).toBe(1);
    await client.post('/api/admin/groups', {});
    expect(last().headers['x-csrf-token']).toBeUndefined();
  });

  it('answers nothing for 204 and says so plainly when the server cannot be reached', async () => {
    const client = new ApiClient({ baseUrl });
    await expect(client.post('/api/auth/logout')).resolves.toBeUndefined();
    const offline = new ApiClient({ baseUrl: 'http://127.0.0.1:1' });
    await expect(offline.get('/api/me')).rejects.toMatchObject({ code: 'network' });
  });

  it('says how long to wait when too many codes were sent, instead of "later"', async () => {
    const answer = { error: { code: 'resend_limit', message: 'x', retryAfterSeconds: 3295 } };
    const client = new ApiClient({
      fetch: async () => new Response(JSON.stringify(answer), { status: 429 }),
    });
    await expect(client.post('/api/auth/login', {})).rejects.toThrow(
      'Too many codes were sent in the last hour. Try again in 54 minutes 55 seconds.',
    );
  });
});
