import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { findGroupByName } from '../src/accounts/groups.ts';
import { createUser } from '../src/accounts/user-admin.ts';
import { usePagesSession } from '../test-support/browser/pages-session.ts';

// A reverse proxy sent the visitor to /sign-in?rd=<the app's address>: after the last sign-in step
// the real pages in Chromium go back there, but only where the verifier's check allows. `localhost`
// is the protected app's host here; 127.0.0.1 (the verifier's own) is not protected.

const PASSWORD = 'wiki reader password';
const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

let app: Server;
let appPort = 0;
beforeAll(async () => {
  app = createServer((_request, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>Protected app</title><h1>Protected app</h1>');
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  appPort = (app.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => app?.close(resolve));
});

run('the sign-in page and its return target in Chromium', () => {
  const s = usePagesSession('first admin password', {
    env: {
      FORWARD_AUTH_DOMAINS: 'localhost',
      FORWARD_AUTH_SIGN_IN_URL: 'http://127.0.0.1/sign-in',
    },
  });

  beforeAll(async () => {
    const { db, clock } = s.verifier;
    const agents = await findGroupByName(db, 'Agent');
    const fields = { email: 'reader@example.test', displayName: 'Wiki Reader', source: 'local' as const };
    await createUser(
      db,
      {
        username: 'reader',
        groupId: agents?.id ?? 0,
        password: PASSWORD,
        twoFactorEnabled: false,
        ...fields,
      },
      clock.now(),
    );
  });

  it('goes back to the protected app after sign-in, and at once when already signed in', async () => {
    const target = `http://localhost:${appPort}/pages/start?lang=en&x=1`;
    await s.page.goto(s.url(`/sign-in?rd=${encodeURIComponent(target)}`));
    await s.page.getByLabel('Username').fill('reader');
    await s.page.getByLabel('Password').fill(PASSWORD);
    await s.page.getByRole('button', { name: 'Sign in' }).click();
    await s.page.waitForURL(target);
    await s.page.getByRole('heading', { name: 'Protected app' }).waitFor();
    // Signed in already: the sign-in address sends the browser straight back.
    await s.page.goto(s.url(`/sign-in?rd=${encodeURIComponent(target)}`));
    await s.page.waitForURL(target);
  });

  it('stays on the verifier when the return target is not a protected app', async () => {
    const foreign = `http://127.0.0.1:${appPort}/`;
    await s.page.goto(s.url(`/sign-in?rd=${encodeURIComponent(foreign)}`));
    await s.heading('Welcome, Wiki Reader').waitFor();
    // Give a wrong redirect every chance to happen before checking it did not.
    await s.page.waitForTimeout(500);
    expect(new URL(s.page.url()).port).not.toBe(String(appPort));
  });
});
