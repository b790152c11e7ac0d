import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totp } from '../../shared/index.ts';
import { browserAvailable, CHROMIUM } from '../../shared/test-support/browsers.ts';
import { findGroupByName } from '../src/accounts/groups.ts';
import { createUser } from '../src/accounts/user-admin.ts';
import { updateSettings } from '../src/settings/settings.ts';
import { usePagesSession } from '../test-support/browser/pages-session.ts';

// A user sets up the authenticator in the real wizard and is shown ten recovery codes once at the
// end; with the phone gone, they sign in with one, and the same code is refused the next time.

const PASSWORD = 'recovery correct horse battery';
const CODE_SHAPE = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;

const run = browserAvailable(CHROMIUM) ? describe : describe.skip;

run('recovery codes in Chromium', () => {
  const s = usePagesSession('first admin password', { clipboard: true });
  let codes: string[] = [];
  let secret: Uint8Array | undefined;

  beforeAll(async () => {
    const { db, clock } = s.verifier;
    await updateSettings(
      db,
      { twoFactorEnabled: true, organisationName: 'Example Support' },
      { at: clock.now(), actor: 'test' },
    );
    const agents = await findGroupByName(db, 'Agent');
    if (!agents) throw new Error('The default Agent group is missing.');
    await createUser(
      db,
      {
        username: 'rita',
        email: 'rita@example.test',
        displayName: 'Rita Agent',
        source: 'local',
        groupId: agents.id,
        password: PASSWORD,
        twoFactorEnabled: true,
      },
      clock.now(),
    );
  });

  async function toCodeStep() {
    await s.signIn('rita', PASSWORD);
    await s.heading('Two-factor authentication').waitFor();
  }

  it('ends the setup with ten recovery codes shown once, to copy and download', async () => {
    await s.signIn('rita', PASSWORD);
    await s.page.getByRole('link', { name: 'Set it up now.' }).click();
    await s.page.getByRole('button', { name: 'Get started' }).click();
    await s.page.getByRole('button', { name: 'Skip, I already have one' }).click();
    await s.heading('Scan the QR code').waitFor();
    const key = (await s.page.locator('#setup-key').textContent()) ?? '';
    secret = base32Decode(key.replaceAll(' ', ''));
    await s.page.getByRole('button', { name: 'Next' }).click();
    await s.heading('Verify configuration').waitFor();
    await s.page
      .getByLabel('Code from your authenticator')
      .fill(totp({ secret, time: s.verifier.clock.now() }));
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Setup successful').waitFor();

    const list = s.page.locator('.recovery-code-list code');
    await list.first().waitFor();
    codes = await list.allTextContents();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(CODE_SHAPE);
    await s.expectAccessible('Setup successful with recovery codes');
    await s.shoot('22-setup-recovery-codes');

    await s.page.getByRole('button', { name: 'Copy codes' }).click();
    await s.page.getByText('Copied.').waitFor();
    expect(await s.page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join('\n'));

    const [download] = await Promise.all([
      s.page.waitForEvent('download'),
      s.page.getByRole('link', { name: 'Download as text' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('recovery-codes.txt');
    const text = await readFile((await download.path()) as string, 'utf8');
    for (const code of codes) expect(text).toContain(code);
    expect(text).toContain('Recovery codes for rita at Example Support');

    // Shown once: a reload of the page shows none.
    await s.page.reload();
    await s.heading('Setup successful').waitFor();
    expect(await s.page.locator('.recovery-code-list').count()).toBe(0);
  });

  it('signs in with a recovery code in place of the authenticator code, and shows the codes left', async () => {
    s.verifier.clock.advance(60_000);
    await toCodeStep();
    await s.page.getByRole('button', { name: 'Use a recovery code' }).click();
    const field = s.page.getByLabel('Recovery code');
    await field.waitFor();
    await s.expectAccessible('the recovery code step');
    await field.fill((codes[0] as string).toLowerCase().replaceAll('-', ' '));
    await s.shoot('23-sign-in-recovery-code');
    await s.page.getByRole('button', { name: 'Sign in with recovery code' }).click();
    await s.heading('Welcome, Rita Agent').waitFor();
    const panel = s.page.getByRole('region', { name: 'Recovery codes' });
    await panel.getByText('9 recovery codes left.').waitFor();
    await s.expectAccessible('Home with the recovery codes panel');
    await s.shoot('24-home-recovery-codes');
    await s.signOut();
  });

  it('refuses the same recovery code the second time, and says why', async () => {
    await toCodeStep();
    await s.page.getByRole('button', { name: 'Use a recovery code' }).click();
    await s.page.getByLabel('Recovery code').fill(codes[0] as string);
    await s.page.getByRole('button', { name: 'Sign in with recovery code' }).click();
    await s.page.getByText('That recovery code has already been used. Each code works once.').waitFor();
    await s.expectAccessible('a used recovery code refused');
    await s.shoot('25-recovery-code-used');
  });

  it('makes a new set on Home with the password and a current code, nudging when few are left', async () => {
    await s.page.getByRole('button', { name: 'Use my authenticator instead' }).click();
    s.verifier.clock.advance(60_000);
    await s.page
      .getByLabel('Authentication code')
      .fill(totp({ secret: secret as Uint8Array, time: s.verifier.clock.now() }));
    await s.page.getByRole('button', { name: 'Confirm' }).click();
    await s.heading('Welcome, Rita Agent').waitFor();
    // Use up all but two, as a user who kept signing in with them would have.
    await s.verifier.db
      .updateTable('recovery_codes')
      .set({ used_at: s.verifier.clock.now() })
      .where('used_at', 'is', null)
      .where(
        'code_id',
        'not in',
        codes.slice(8).map((code) => code.slice(0, 5)),
      )
      .execute();
    await s.page.reload();
    const panel = s.page.getByRole('region', { name: 'Recovery codes' });
    await panel.getByText('You are running out of recovery codes. Make new ones now.').waitFor();
    await panel.getByRole('button', { name: 'Make new recovery codes' }).click();
    await panel.getByLabel('Current password').fill(PASSWORD);
    s.verifier.clock.advance(60_000);
    await panel
      .getByLabel('Authentication code')
      .fill(totp({ secret: secret as Uint8Array, time: s.verifier.clock.now() }));
    await s.expectAccessible('the new recovery codes form');
    await panel.getByRole('button', { name: 'Make new codes' }).click();
    await panel.getByText('New recovery codes are ready; the old ones no longer work.').waitFor();
    const fresh = await panel.locator('.recovery-code-list code').allTextContents();
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => codes.includes(code))).toBe(false);
    await panel.getByText('10 recovery codes left.').waitFor();
    await s.expectAccessible('Home with new recovery codes');
  });
});
