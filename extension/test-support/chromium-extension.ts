import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { BACKUP_TEST_ACCOUNTS, READ_CODES, VAULT_PASSWORD } from './backup-accounts.ts';
import { CHROMIUM } from './browsers.ts';

// Driving the test build of the extension in Chromium, for the backup and import tests.

export async function launch(extensionDir: string, userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A freshly installed extension in a new profile, its popup page open and a vault password set. */
export async function freshInstall(
  extensionDir: string,
  profile: string,
): Promise<{ context: BrowserContext; popup: Page; id: string }> {
  const context = await launch(extensionDir, profile);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${id}/extension/popup.html`);
  await popup.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
  await popup.getByLabel('Confirm password').fill(VAULT_PASSWORD);
  await popup.getByRole('button', { name: 'Set password' }).click();
  await popup.getByText('No accounts yet').waitFor();
  return { context, popup, id };
}

export async function addByHand(popup: Page, account: (typeof BACKUP_TEST_ACCOUNTS)[number]): Promise<void> {
  await popup.getByRole('button', { name: 'Add manually' }).click();
  await popup.getByLabel('Secret key').fill(account.secret);
  await popup.getByLabel('Issuer').fill(account.issuer);
  await popup.getByLabel('Account name').fill(account.account);
  await popup.getByLabel('Algorithm').selectOption(account.algorithm);
  await popup.getByLabel('Digits').selectOption(account.digits);
  await popup.getByLabel('Period (s)').fill(account.period);
  await popup.getByRole('button', { name: 'Add', exact: true }).click();
  await popup.getByText(account.account, { exact: true }).waitFor();
}

/** The popup's rows, as `Issuer|account|code`. */
export const codesOf = (popup: Page) => popup.evaluate(READ_CODES) as Promise<string[]>;
