import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:net';
import * as oidc from 'openid-client';

/** A loopback port free right now, for a verifier whose issuer must name its port before it listens. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A browser over plain HTTP: keeps every cookie the verifier and its provider set (by name; the test
 * talks to one origin), sends the CSRF token the sign-in answers carry, and follows redirects by hand
 * so the test sees each stop.
 */
export class HttpBrowser {
  readonly jar = new Map<string, string>();
  private csrf: string | undefined;
  constructor(private readonly origin: string) {}

  async request(method: string, url: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.jar.size > 0) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrf) headers['x-csrf-token'] = this.csrf;
    const response = await fetch(new URL(url, this.origin), {
      method,
      headers,
      redirect: 'manual',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    this.keepCookies(response);
    if (response.headers.get('content-type')?.includes('json')) {
      const json = (await response.clone().json()) as { csrfToken?: unknown };
      if (typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    }
    return response;
  }

  private keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0/i.test(a),
      );
      if (value === '' || expired) this.jar.delete(name);
      else this.jar.set(name, value);
    }
  }

  post = (url: string, body: unknown = {}) => this.request('POST', url, body);

  /** Submits an HTML form as a browser does (application/x-www-form-urlencoded). */
  async submit(url: string, fields: Record<string, string>): Promise<Response> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(new URL(url, this.origin), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    this.keepCookies(response);
    return response;
  }

  /**
   * Follows redirects from `url` while they stay on the verifier; returns where the browser stopped:
   * an address elsewhere (the application's callback) or the verifier's sign-in page.
   */
  async follow(url: string): Promise<URL> {
    let next = new URL(url, this.origin);
    for (let hops = 0; hops < 10; hops++) {
      if (next.origin !== this.origin || next.pathname === '/sign-in') return next;
      const response = await this.request('GET', next.href);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        throw new Error(`stopped at ${next.href} with ${response.status}: ${await response.text()}`);
      }
      next = new URL(location, next);
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/** The same relying party talking to another verifier process (`origin`) for its token and userinfo calls. */
export function sameClientAt(
  config: oidc.Configuration,
  origin: string,
  clientId: string,
  clientSecret: string,
) {
  const metadata = JSON.parse(JSON.stringify(config.serverMetadata())) as oidc.ServerMetadata;
  const moved = (url: string | undefined) => (url ? `${origin}${new URL(url).pathname}` : undefined);
  const other = new oidc.Configuration(
    {
      ...metadata,
      token_endpoint: moved(metadata.token_endpoint),
      userinfo_endpoint: moved(metadata.userinfo_endpoint),
    },
    clientId,
    undefined,
    oidc.ClientSecretBasic(clientSecret),
  );
  oidc.allowInsecureRequests(other);
  return other;
}

/** A confidential relying party written with openid-client, as an application would configure it. */
export async function relyingParty(issuer: string, clientId: string, clientSecret: string) {
  return oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
    execute: [oidc.allowInsecureRequests],
  });
}

export interface AuthorizationRequest {
  url: URL;
  codeVerifier: string;
  nonce: string;
  state: string;
}

export async function authorizationRequest(
  config: oidc.Configuration,
  redirectUri: string,
  scope = 'openid profile email groups',
): Promise<AuthorizationRequest> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    nonce,
    state,
  });
  return { url, codeVerifier, nonce, state };
}

export async function redeem(config: oidc.Configuration, callback: URL, request: AuthorizationRequest) {
  return oidc.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: request.codeVerifier,
    expectedNonce: request.nonce,
    expectedState: request.state,
  });
}

/**
 * Checks a JWT's RS256 signature against the provider's published keys with node:crypto alone (the
 * relying party library trusts the token endpoint's TLS and does not); returns its header and claims.
 */
export async function verifiedJwt(jwt: string, jwksUri: string) {
  const [head = '', body = '', signature = ''] = jwt.split('.');
  const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg: string; kid: string };
  const { keys } = (await (await fetch(jwksUri)).json()) as {
    keys: Array<{ kid: string } & Record<string, unknown>>;
  };
  const jwk = keys.find((key) => key.kid === header.kid);
  if (!jwk) throw new Error(`no published key ${header.kid}`);
  if (header.alg !== 'RS256') throw new Error(`unexpected alg ${header.alg}`);
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${head}.${body}`),
    createPublicKey({ key: jwk as import('node:crypto').webcrypto.JsonWebKey, format: 'jwk' }),
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) throw new Error('signature does not verify');
  return { header, claims: JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown> };
}
