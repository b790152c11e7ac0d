import { beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../shared/index.ts';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { findGroupByName } from '../src/accounts/groups.ts';
import { createUser } from '../src/accounts/user-admin.ts';
import { updateSettings } from '../src/settings/settings.ts';
import { horizontalOverflow, usePagesSession } from '../test-support/browser/pages-session.ts';

// The user's story through the real pages, a real verifier on a temporary SQLite file and Debian's
// Chromium, from where the admin's story (admin-console.browser.test.ts) leaves off: 2FA is on for
// the organisation and for an Agent-group user, who sees the banner, sets up with the wizard
// (computing codes from the shown setup key with the shared module) and signs in with codes.

const AGENT_PASSWORD = 'agent correct horse battery';
const STEP_MS = 30_000;

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('two-factor setup and sign-in in Chromium', () => {
  const s = usePagesSession('first admin password', { clipboard: true });
  let agentSecret: Uint8Array | undefined;

  beforeAll(async () => {
    // What the admin did in their story: 2FA on system-wide and for this user of the Agent group.
    const { db, clock } = s.verifier;
    await updateSettings(
      db,
      { twoFactorEnabled: true, organisationName: 'Example Support' },
      { at: clock.now(), actor: 'test' },
    );
    const agents = await findGroupByName(db, 'Agent');
    if (!agents) throw new Error('The default Agent group is missing.');
    const fields = { email: 'agent@example.test', displayName: 'Support Agent', source: 'local' as const };
    const user = { username: 'agent', groupId: agents.id, password: AGENT_PASSWORD, ...fields };
    await createUser(db, { ...user, twoFactorEnabled: true }, clock.now());
  });

  function codeNow(offsetSteps = 0): string {
    if (!agentSecret) throw new Error('The setup key has not been read yet.');
    return totp({ secret: agentSecret, time: s.verifier.clock.now() + offsetSteps * STEP_MS });
  }

  /** The refusal shown once the page has rendered the answer to a code: field emptied, not busy. */
  async function settledCodeAnswer(): Promise<string> {
    const shown = await s.page.waitForFunction(() => {
      const input = document.querySelector<HTMLInputElement>('#code');
      const busy = [...document.querySelectorAll('button')].some((b) => b.textContent === 'Checking…');
      if (busy || (input && input.value !== '')) return undefined;
      return document.querySelector('#code-error')?.textContent?.trim() || undefined;
    });
    return String(await shown.jsonValue());
  }

  /** A code valid for no step near the server's time. */
  function wrongCode(): string {
    const nearby = new Set([-2, -1, 0, 1, 2].map((offset) => codeNow(offset)));
    let wrong = 100000;
    while (nearby.has(String(wrong))) wrong++;
    return String(wrong);
  }

  it('shows a Pending user the banner that cannot be dismissed, then walks them through the setup wizard', async () => {
    await s.signIn('agent', AGENT_PASSWORD);
    const banner = s.page.getByRole('region', { name: 'Two-factor authentication setup' });
    await banner.waitFor();
    expect(await banner.textContent()).toContain(
      'Your admin has enabled two-factor authentication for your account. Set it up now.',
    );
    expect(await banner.getByRole('button').count()).toBe(0);
    await s.expectAccessible('the home page with the banner');
    await s.shoot('07-banner');

    await banner.getByRole('link', { name: 'Set it up now.' }).click();
    await s.page.getByRole('button', { name: 'Get started' }).click();
    await s.heading('Install an authenticator').waitFor();
    await s.page.getByText(/browser extension for Chrome and Firefox/).waitFor();
    await s.expectAccessible('Install an authenticator');
    await s.page.getByRole('button', { name: 'Skip, I already have one' }).click();

    await s.heading('Scan the QR code').waitFor();
    await s.page.locator('.qr svg path').first().waitFor();
    const grouped = (await s.page.locator('#setup-key').textContent()) ?? '';
    expect(grouped).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    agentSecret = base32Decode(grouped.replaceAll(' ', ''));
    await s.expectAccessible('Scan the QR code');
    await s.shoot('08-scan-qr-code');

    await s.page.getByRole('button', { name: 'Copy code' }).click();
    await s.page.getByText('Copied.').waitFor();
    expect(await s.page.evaluate(() => navigator.clipboard.readText())).toBe(grouped.replaceAll(' ', ''));

    // Reloading the page, or going back and coming again, shows the key already scanned.
    await s.page.reload();
    await s.heading('Scan the QR code').waitFor();
    expect(await s.page.locator('#setup-key').textContent()).toBe(grouped);
    await s.page.getByRole('button', { name: 'Back' }).click();
    await s.heading('Install an authenticator').waitFor();
    await s.page.getByRole('button', { name: 'Next' }).click();
    await s.heading('Scan the QR code').waitFor();
    expect(await s.page.locator('#setup-key').textContent()).toBe(grouped);

    // Only an explicit request replaces it, after a warning; the replaced key's code is then refused
    // with that cause named before the clock.
    const scanned = base32Decode(grouped.replaceAll(' ', ''));
    await s.page.getByRole('button', { name: 'Show a new key' }).click();
    await s.page.getByText('The key you already scanned will stop working.').waitFor();
    await s.expectAccessible('Scan the QR code with the new-key warning');
    await s.page.getByRole('button', { name: 'Yes, show a new key' }).click();
    await s.page.getByText(/A new key is shown/).waitFor();
    const replaced = (await s.page.locator('#setup-key').textContent()) ?? '';
    expect(replaced).not.toBe(grouped);
    agentSecret = base32Decode(replaced.replaceAll(' ', ''));
    await s.page.getByRole('button', { name: 'Next' }).click();
    await s.heading('Verify configuration').waitFor();
    await s.page
      .getByLabel('Code from your authenticator')
      .fill(totp({ secret: scanned, time: s.verifier.clock.now() }));
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.page.getByText(/If you chose “Show a new key”, only the newest key works/).waitFor();

    // The setup session lasts 15 minutes, the key 30: a user who signs in again within them is
    // shown the key they have; after them, a new one.
    const toScanPage = async () => {
      await s.signIn('agent', AGENT_PASSWORD);
      await s.page.getByRole('link', { name: 'Set it up now.' }).click();
      await s.page.getByRole('button', { name: 'Get started' }).click();
      await s.page.getByRole('button', { name: 'Skip, I already have one' }).click();
      await s.heading('Scan the QR code').waitFor();
      return (await s.page.locator('#setup-key').textContent()) ?? '';
    };
    s.verifier.clock.advance(16 * 60_000);
    expect(await toScanPage()).toBe(replaced);
    s.verifier.clock.advance(16 * 60_000);
    const renewed = await toScanPage();
    expect(renewed).not.toBe(replaced);
    agentSecret = base32Decode(renewed.replaceAll(' ', ''));

    await s.page.getByRole('button', { name: 'Next' }).click();
    await s.heading('Verify configuration').waitFor();
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.page.getByText('Enter the code from your authenticator.').waitFor();
    await s.page.getByLabel('Code from your authenticator').fill(codeNow());
    await s.expectAccessible('Verify configuration');
    await s.page.getByRole('button', { name: 'Confirm' }).click();

    await s.heading('Setup successful').waitFor();
    await s.page
      .getByRole('region', { name: 'Two-factor authentication setup' })
      .waitFor({ state: 'detached' });
    await s.expectAccessible('Setup successful');
    await s.shoot('09-setup-successful');
    const me = await s.page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
  });

  it('signs the user in again with their password and the next code', async () => {
    await s.page.getByRole('link', { name: 'Go to sign in' }).click();
    await s.heading('Sign in').waitFor();
    await s.page.getByLabel('Username').fill('agent');
    await s.page.getByLabel('Password').fill(AGENT_PASSWORD);
    await s.page.getByRole('button', { name: 'Sign in' }).click();
    await s.heading('Two-factor authentication').waitFor();

    const field = s.page.getByLabel('Authentication code');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    expect(await field.getAttribute('maxlength')).toBe('6');
    await field.pressSequentially('12ab3 4-56789');
    expect(await field.inputValue()).toBe('123456');
    await field.fill('');
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.page.getByText('Enter the code from your authenticator.').waitFor();
    await s.expectAccessible('the two-factor page');
    await s.shoot('10-two-factor-code');

    s.verifier.clock.advance(STEP_MS);
    await field.fill(codeNow());
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Welcome, Support Agent').waitFor();
    await s.page.locator('.badge', { hasText: 'Activated' }).waitFor();
    await s.page
      .getByRole('region', { name: 'Two-factor authentication setup' })
      .waitFor({ state: 'detached' });
    await s.signOut();
  });

  it('refuses a code that was already used, and a wrong one with the clock help', async () => {
    await s.signIn('agent', AGENT_PASSWORD);
    await s.heading('Two-factor authentication').waitFor();
    const field = s.page.getByLabel('Authentication code');
    await field.fill(codeNow());
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.page.getByText('That code has already been used. Wait for the next code.').waitFor();

    await field.fill(wrongCode());
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.page
      .getByText(/That code is not right\. Check your device’s time is set automatically/)
      .waitFor();
    await s.page.getByText(/switch from Manual to Automatic/).waitFor();
    await s.expectAccessible('the two-factor page with the clock help');
    await s.shoot('11-code-refused');

    s.verifier.clock.advance(STEP_MS);
    await field.fill(codeNow());
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Welcome, Support Agent').waitFor();
    await s.signOut();
  });

  it('voids the challenge after ten wrong codes and offers the way back to sign in', async () => {
    await s.signIn('agent', AGENT_PASSWORD);
    await s.heading('Two-factor authentication').waitFor();
    const field = s.page.getByLabel('Authentication code');
    const answers: string[] = [];
    for (let attempt = 1; attempt <= 10; attempt++) {
      // Step past the growing per-account delay so each wrong code is really checked.
      s.verifier.clock.advance(20_000);
      await field.fill(wrongCode());
      const answer = s.page.waitForResponse((response) => response.url().endsWith('/api/auth/code'));
      await s.page.getByRole('button', { name: 'Confirm' }).click();
      await answer;
      answers.push(await settledCodeAnswer());
    }
    expect(answers).toEqual([
      ...Array(9).fill(expect.stringMatching(/^That code is not right\./)),
      'Too many wrong codes or the sign-in took too long. Sign in again.',
    ]);
    expect(await field.count()).toBe(0);
    await s.expectAccessible('the two-factor page with a void challenge');
    await s.page.getByRole('link', { name: 'Back to sign in' }).click();
    await s.heading('Sign in').waitFor();
    // Let the per-account delay run out before the next sign-in.
    s.verifier.clock.advance(10 * 60_000);
  });

  it('fits the two-factor page on a 360-pixel-wide phone screen with a dark system theme', async () => {
    const small = await s.openPhone();
    await s.signIn('agent', AGENT_PASSWORD, small);
    await small.getByRole('heading', { level: 1, name: 'Two-factor authentication' }).waitFor();
    expect(await horizontalOverflow(small)).toBeLessThanOrEqual(0);
    const background = await small.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(244, 246, 249)');
    await small.getByLabel('Authentication code').fill('123');
    await s.expectAccessible('the dark two-factor page', small);
    await s.shoot('12-two-factor-phone-dark', small);
    await small.context().close();
    expect(s.cspViolations).toEqual([]);
  });
});
