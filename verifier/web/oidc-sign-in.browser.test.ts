import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { findGroupByName } from '../src/accounts/groups.ts';
import { createUser } from '../src/accounts/user-admin.ts';
import { usePagesSession } from '../test-support/browser/pages-session.ts';
import { freePort } from '../test-support/oidc.ts';

// An application at http://localhost:<port> (another site than the verifier at 127.0.0.1, so the
// browser keeps the verifier's SameSite=Strict session cookie off the cross-site redirects) signs its
// users in through the verifier's OpenID Connect provider, in Chromium. The admin registers it on the
// console page; the user signs in on the verifier's own pages and comes back with a code.

const FIRST_ADMIN_PASSWORD = 'first admin password';
const ADMIN_PASSWORD = 'admin chose this password';
const PASSWORD = 'wiki reader password';
const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

const verifierPort = await freePort();
const issuer = `http://127.0.0.1:${verifierPort}/oidc`;

/** The relying party: /login sends to the provider, /callback redeems the code and shows who came back. */
function relyingPartyApp(client: () => { id: string; secret: string }, port: () => number): Server {
  const pending = new Map<string, { verifier: string; nonce: string }>();
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', `http://localhost:${port()}`);
    const redirectUri = `http://localhost:${port()}/callback`;
    const { id, secret } = client();
    const config = await oidc.discovery(new URL(issuer), id, undefined, oidc.ClientSecretBasic(secret), {
      execute: [oidc.allowInsecureRequests],
    });
    if (url.pathname === '/login') {
      const verifier = oidc.randomPKCECodeVerifier();
      const nonce = oidc.randomNonce();
      const state = oidc.randomState();
      pending.set(state, { verifier, nonce });
      const to = oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email groups',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        nonce,
        state,
      });
      response.writeHead(302, { location: to.href }).end();
      return;
    }
    const state = url.searchParams.get('state') ?? '';
    const expected = pending.get(state);
    response.setHeader('content-type', 'text/html');
    if (url.pathname !== '/callback' || !expected) {
      response.end('<!doctype html><title>Wiki</title><h1>Not signed in</h1>');
      return;
    }
    const tokens = await oidc.authorizationCodeGrant(config, url, {
      pkceCodeVerifier: expected.verifier,
      expectedNonce: expected.nonce,
      expectedState: state,
    });
    const claims = tokens.claims();
    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims?.sub as string);
    response.end(
      `<!doctype html><title>Wiki</title><h1>Hello ${String(info.name)}</h1><p id="amr">${((claims?.amr ?? []) as string[]).join(' ')}</p><p id="groups">${(info.groups as string[]).join(' ')}</p>`,
    );
  });
}

run('an application signing in through OpenID Connect in Chromium', () => {
  const s = usePagesSession(FIRST_ADMIN_PASSWORD, {
    env: {
      PORT: String(verifierPort),
      PUBLIC_URL: `http://127.0.0.1:${verifierPort}`,
      OIDC_PROVIDER: 'true',
    },
  });
  let registered = { id: '', secret: '' };
  let appPort = 0;
  const app = relyingPartyApp(
    () => registered,
    () => appPort,
  );
  beforeAll(async () => {
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    appPort = (app.address() as AddressInfo).port;
    const { db, clock } = s.verifier;
    const agents = await findGroupByName(db, 'Agent');
    await createUser(
      db,
      {
        username: 'reader',
        email: 'reader@example.test',
        displayName: 'Wiki Reader',
        source: 'local',
        groupId: agents?.id ?? 0,
        password: PASSWORD,
        twoFactorEnabled: false,
      },
      clock.now(),
    );
  });
  afterAll(async () => {
    await new Promise((resolve) => app.close(resolve));
  });

  it('lets the admin register the application and see its secret once', async () => {
    await s.changeFirstAdminPassword(FIRST_ADMIN_PASSWORD, ADMIN_PASSWORD);
    await s.page.getByRole('link', { name: 'Admin console' }).first().click();
    await s.nav('OpenID Connect');
    await s.heading('OpenID Connect').waitFor();
    await s.page.getByText(`${issuer}/.well-known/openid-configuration`).waitFor();
    await s.page.getByLabel('Application name').fill('Wiki');
    await s.page.getByLabel('Redirect URIs').fill('http://wiki.example.test/callback');
    await s.page.getByRole('button', { name: 'Register application' }).click();
    await s.page.getByText('must use https://').waitFor();
    await s.page.getByLabel('Redirect URIs').fill(`http://localhost:${appPort}/callback`);
    await s.page.getByRole('button', { name: 'Register application' }).click();
    const secret = (await s.page.locator('#new-client-secret').textContent()) ?? '';
    const id = (await s.page.locator('#new-client-id').textContent()) ?? '';
    expect(secret.length).toBeGreaterThanOrEqual(43);
    registered = { id, secret };
    await s.page.getByRole('rowheader', { name: 'Wiki' }).waitFor();
    await s.expectAccessible('the OpenID Connect page');
    await s.page.getByRole('button', { name: 'Done' }).click();
    await s.page.reload();
    await s.page.getByRole('rowheader', { name: 'Wiki' }).waitFor();
    expect(await s.page.getByText(secret).count()).toBe(0);
    await s.signOut();
  });

  it("signs the user in on the verifier's pages and back into the application, then again at once", async () => {
    await s.page.goto(`http://localhost:${appPort}/login`);
    await s.heading('Sign in').waitFor();
    await s.page.getByLabel('Username').fill('reader');
    await s.page.getByLabel('Password').fill(PASSWORD);
    await s.page.getByRole('button', { name: 'Sign in' }).click();
    await s.heading('Hello Wiki Reader').waitFor();
    expect(await s.page.locator('#amr').textContent()).toBe('pwd');
    expect(await s.page.locator('#groups').textContent()).toBe('Agent');
    // Already signed in to the verifier: the application's next sign-in needs no typing.
    await s.page.goto(`http://localhost:${appPort}/login`);
    await s.heading('Hello Wiki Reader').waitFor();
  });
});
