/**
 * The provider's state lives in the database: two verifier processes on one database serve one sign-in
 * (authorized on one, redeemed on the other), signing keys rotate with an overlap, and an application's
 * sign-out ends the verifier's session too.
 */
import type { FastifyInstance } from 'fastify';
import * as oidc from 'openid-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateSigningKeys } from '../src/oidc/signing-keys.ts';
import {
  authorizationRequest,
  freePort,
  HttpBrowser,
  redeem,
  relyingParty,
  sameClientAt,
  verifiedJwt,
} from '../test-support/oidc.ts';
import { addUser, createTestApp, PASSWORD, signInAdmin, type TestApp } from '../test-support/test-app.ts';
import { databaseKinds } from '../test-support/test-database.ts';

const CALLBACK = 'https://wiki.example.test/oauth/callback';
const SIGNED_OUT = 'https://wiki.example.test/signed-out';

describe.each(databaseKinds())('OpenID Connect state shared through %s', (kind) => {
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
      name: 'Wiki',
      redirectUris: [CALLBACK],
      postLogoutRedirectUris: [SIGNED_OUT],
      confidential: true,
    });
    client = registered.json();
    await addUser(t, 'olga');
  });
  afterEach(async () => {
    await t.close();
  });

  /** A second verifier process on the same database, listening on a port of its own. */
  async function secondProcess(): Promise<{ app: FastifyInstance; origin: string }> {
    const app = await t.sibling();
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    return { app, origin: address };
  }

  async function signInThroughTheApp(rp: oidc.Configuration) {
    const request = await authorizationRequest(rp, CALLBACK);
    const browser = new HttpBrowser(origin);
    const back = (await browser.follow(request.url.href)).searchParams.get('rd') as string;
    const login = await browser.post('/api/auth/login', { username: 'olga', password: PASSWORD });
    expect((await login.json()).step).toBe('signed-in');
    return { browser, request, callback: await browser.follow(back) };
  }

  it('redeems on one process a code the other issued, and refuses it there a second time', async () => {
    const rp = await relyingParty(issuer, client.clientId, client.clientSecret);
    const { request, callback } = await signInThroughTheApp(rp);
    const other = await secondProcess();
    const rpOnOther = sameClientAt(rp, other.origin, client.clientId, client.clientSecret);
    const tokens = await redeem(rpOnOther, callback, request);
    expect(tokens.claims()).toMatchObject({ iss: issuer, nonce: request.nonce });
    const sub = tokens.claims()?.sub as string;
    expect(await oidc.fetchUserInfo(rp, tokens.access_token, sub)).toMatchObject({
      preferred_username: 'olga',
    });
    // The first process knows the code is used.
    await expect(redeem(rp, callback, request)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('keeps the old key published after a rotation, so its tokens verify, and retires it at the next', async () => {
    const rp = await relyingParty(issuer, client.clientId, client.clientSecret);
    const first = await signInThroughTheApp(rp);
    const before = await redeem(rp, first.callback, first.request);
    const oldKid = (await verifiedJwt(before.id_token as string, `${issuer}/jwks`)).header.kid;

    const rotation = await rotateSigningKeys(t.ctx.db, t.ctx.box, t.clock.now());
    expect(rotation.kept).toBe(oldKid);
    const restarted = await secondProcess();
    const jwks = `${restarted.origin}/oidc/jwks`;
    // Signed with the old key, it still verifies against what the restarted process publishes.
    expect((await verifiedJwt(before.id_token as string, jwks)).claims.sub).toBe(before.claims()?.sub);
    // The ID token is signed where the code is redeemed: on the restarted process, with the new key.
    const rpOnRestarted = sameClientAt(rp, restarted.origin, client.clientId, client.clientSecret);
    const second = await signInThroughTheApp(rp);
    const after = await redeem(rpOnRestarted, second.callback, second.request);
    const newKid = (await verifiedJwt(after.id_token as string, jwks)).header.kid;
    expect(newKid).toBe(rotation.added);
    expect(newKid).not.toBe(oldKid);

    await rotateSigningKeys(t.ctx.db, t.ctx.box, t.clock.now());
    const third = await secondProcess();
    await expect(verifiedJwt(before.id_token as string, `${third.origin}/oidc/jwks`)).rejects.toThrow(
      /no published key/,
    );
    expect((await verifiedJwt(after.id_token as string, `${third.origin}/oidc/jwks`)).header.kid).toBe(
      newKid,
    );
  });

  it("ends the verifier's session when the user confirms the application's sign-out", async () => {
    const rp = await relyingParty(issuer, client.clientId, client.clientSecret);
    const { browser, request, callback } = await signInThroughTheApp(rp);
    const tokens = await redeem(rp, callback, request);
    expect((await browser.request('GET', '/api/me')).status).toBe(200);
    const end = oidc.buildEndSessionUrl(rp, {
      id_token_hint: tokens.id_token as string,
      post_logout_redirect_uri: SIGNED_OUT,
    });
    const question = await browser.request('GET', end.href);
    const page = await question.text();
    expect(page).toContain('Wiki asks to sign you out');
    const action = /action="([^"]+)"/.exec(page)?.[1] as string;
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1] as string;
    const confirmed = await browser.submit(action, { xsrf, logout: 'yes' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(SIGNED_OUT);
    expect((await browser.request('GET', '/api/me')).status).toBe(401);
    // The next sign-in through the application asks for the password again.
    const next = await authorizationRequest(rp, CALLBACK);
    expect((await browser.follow(next.url.href)).pathname).toBe('/sign-in');
  });
});
