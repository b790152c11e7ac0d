/**
 * The OpenID Connect provider as a relying party meets it: openid-client runs the authorization code flow
 * with PKCE against a verifier listening on a loopback port, the browser's part done with plain HTTP
 * requests and cookies through the verifier's own sign-in and code steps.
 */
import * as oidc from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authorizationRequest,
  freePort,
  HttpBrowser,
  redeem,
  relyingParty,
  verifiedJwt,
} from '../test-support/oidc.ts';
import {
  addUser,
  codeFor,
  createTestApp,
  enableSystemTwoFactor,
  enroll,
  PASSWORD,
  signInAdmin,
  type TestApp,
} from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const CALLBACK = 'https://grafana.example.test/login/generic_oauth';

describe.each(databaseKinds())('OpenID Connect provider on %s', (kind) => {
  let t: TestApp;
  let origin: string;
  let issuer: string;
  let client: { clientId: string; clientSecret: string };

  beforeEach(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    issuer = `${origin}/oidc`;
    t = await createTestApp(kind, { oidcIssuer: issuer });
    await t.app.listen({ host: '127.0.0.1', port });
    const admin = await signInAdmin(t);
    const registered = await admin.post('/api/admin/oidc/clients', {
      name: 'Grafana',
      redirectUris: [CALLBACK],
      confidential: true,
    });
    expect(registered.statusCode).toBe(201);
    client = registered.json();
  });
  afterEach(async () => {
    await t.close();
  });

  /** A user with an authenticator, signed in with the password only (the code step ahead). */
  async function passwordGiven(browser: HttpBrowser, username: string) {
    await enableSystemTwoFactor(t);
    await addUser(t, username, { twoFactorEnabled: true });
    const secret = await enroll(t, username);
    t.clock.advance(30_000);
    const login = await browser.post('/api/auth/login', { username, password: PASSWORD });
    expect((await login.json()).step).toBe('code');
    return secret;
  }

  it('signs a user in with password and code: a verified ID token with amr and nonce, userinfo with groups', async () => {
    const rp = await relyingParty(issuer, client.clientId, client.clientSecret);
    const request = await authorizationRequest(rp, CALLBACK);
    const browser = new HttpBrowser(origin);

    // 1. Not signed in: the provider hands over to the verifier's sign-in, which is to come back.
    const signIn = await browser.follow(request.url.href);
    expect(signIn.pathname).toBe('/sign-in');
    const back = signIn.searchParams.get('rd') as string;
    expect(back).toMatch(/^\/oidc\/interaction\/[\w-]+$/);

    // 2. Password given, code not yet: coming back is sent to sign-in again, no code.
    const secret = await passwordGiven(browser, 'dana');
    const again = await browser.follow(back);
    expect(again.pathname).toBe('/sign-in');
    expect(again.searchParams.has('code')).toBe(false);

    // 3. Code given: the application receives its code.
    const code = await browser.post('/api/auth/code', { code: codeFor(secret, t.clock.now()) });
    expect((await code.json()).step).toBe('signed-in');
    const callback = await browser.follow(back);
    expect(`${callback.origin}${callback.pathname}`).toBe(CALLBACK);
    expect(callback.searchParams.get('state')).toBe(request.state);

    // 4. The relying party redeems it; the ID token is signed by a published key and says how.
    const tokens = await redeem(rp, callback, request);
    const { claims, header } = await verifiedJwt(
      tokens.id_token as string,
      rp.serverMetadata().jwks_uri as string,
    );
    expect(header.alg).toBe('RS256');
    expect(claims).toMatchObject({
      iss: issuer,
      aud: client.clientId,
      nonce: request.nonce,
      amr: ['pwd', 'otp', 'mfa'],
      acr: 'urn:verifier:acr:two-factor',
    });
    const sub = claims.sub as string;
    const info = await oidc.fetchUserInfo(rp, tokens.access_token, sub);
    expect(info).toMatchObject({
      sub,
      name: 'dana',
      preferred_username: 'dana',
      email: 'dana@example.test',
      groups: ['Agent'],
    });

    // 5. The issue is in the audit log, naming the user and the application.
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'oidc.token_issued')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'dana', target: 'Grafana' });

    // 6. The same code again is refused, and what it gave is revoked with it.
    await expect(redeem(rp, callback, request)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.fetchUserInfo(rp, tokens.access_token, sub)).rejects.toBeDefined();
    const refused = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('event', '=', 'oidc.token_refused')
      .execute();
    expect(refused.map((e) => JSON.parse(e.detail ?? '{}').error)).toEqual(['invalid_grant']);
  });

  it('gives a user whose 2FA is not set up yet no code', async () => {
    await enableSystemTwoFactor(t);
    await addUser(t, 'pat', { twoFactorEnabled: true });
    const rp = await relyingParty(issuer, client.clientId, client.clientSecret);
    const request = await authorizationRequest(rp, CALLBACK);
    const browser = new HttpBrowser(origin);
    const back = (await browser.follow(request.url.href)).searchParams.get('rd') as string;
    const login = await browser.post('/api/auth/login', { username: 'pat', password: PASSWORD });
    expect((await login.json()).step).toBe('setup');
    const stop = await browser.follow(back);
    expect(stop.pathname).toBe('/sign-in');
  });

  it('says pwd only for a user the policy asks no code of', async () => {
    await addUser(t, 'olga');
    const rp = await relyingParty(issuer, client.clientId, client.clientSecret);
    const request = await authorizationRequest(rp, CALLBACK);
    const browser = new HttpBrowser(origin);
    const back = (await browser.follow(request.url.href)).searchParams.get('rd') as string;
    const login = await browser.post('/api/auth/login', { username: 'olga', password: PASSWORD });
    expect((await login.json()).step).toBe('signed-in');
    const tokens = await redeem(rp, await browser.follow(back), request);
    expect(tokens.claims()).toMatchObject({ amr: ['pwd'], acr: 'urn:verifier:acr:password' });
  });

  it('refuses an authorization request without PKCE, and a wrong client secret', async () => {
    const rp = await relyingParty(issuer, client.clientId, client.clientSecret);
    const request = await authorizationRequest(rp, CALLBACK);
    const withoutPkce = new URL(request.url);
    withoutPkce.searchParams.delete('code_challenge');
    withoutPkce.searchParams.delete('code_challenge_method');
    const stop = await new HttpBrowser(origin).follow(withoutPkce.href);
    expect(stop.searchParams.get('error')).toBe('invalid_request');
    expect(stop.searchParams.get('error_description')).toMatch(/PKCE/);

    await addUser(t, 'olga');
    const browser = new HttpBrowser(origin);
    const back = (await browser.follow(request.url.href)).searchParams.get('rd') as string;
    await browser.post('/api/auth/login', { username: 'olga', password: PASSWORD });
    const callback = await browser.follow(back);
    const impostor = await relyingParty(issuer, client.clientId, `${client.clientSecret}x`);
    await expect(redeem(impostor, callback, request)).rejects.toMatchObject({
      status: 401,
      cause: [{ parameters: { error: 'invalid_client' } }],
    });
  });
});
