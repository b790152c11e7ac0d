import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../shared/test-support/browsers.ts';
import { READ_CODES, VAULT_PASSWORD } from './backup-accounts.ts';
import type { TypedAccount } from './typed-account.ts';

// Driving the test build of the extension in Chromium: launching it, finding its id, opening its popup.

export interface LaunchOptions {
  /** The page size; `null` lets the window size decide. Playwright's 1280×720 when left out. */
  viewport?: { width: number; height: number } | null;
  /** More Chromium switches, such as a window size or a device scale factor. */
  args?: string[];
  /** The system theme the pages see through `prefers-color-scheme`. */
  colorScheme?: 'light' | 'dark';
  /** The browser's interface language (`--lang` and LANGUAGE), which picks the extension's catalogue. */
  language?: string;
}

/** Chromium with the unpacked extension loaded, in the given profile folder. */
export function launch(
  extensionDir: string,
  userDataDir: string,
  { args = [], language, ...options }: LaunchOptions = {},
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    ...options,
    ...(language && { env: { ...process.env, LANGUAGE: language }, locale: language }),
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(language ? [`--lang=${language}`] : []),
      ...args,
    ],
  });
}

/** The extension's id, read from its service worker's address. */
export async function extensionId(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  return new URL(worker.url()).host;
}

/** The popup's address; `query` adds a search string such as `?tab-mode=1`. */
export const popupUrl = (id: string, query = '') => `chrome-extension://${id}/extension/popup.html${query}`;

/** A freshly installed extension in a new profile, its popup page open and a vault password set. */
export async function freshInstall(
  extensionDir: string,
  profile: string,
): Promise<{ context: BrowserContext; popup: Page; id: string }> {
  const context = await launch(extensionDir, profile);
  const id = await extensionId(context);
  const popup = await context.newPage();
  await popup.goto(popupUrl(id));
  await popup.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
  await popup.getByLabel('Confirm password').fill(VAULT_PASSWORD);
  await popup.getByRole('button', { name: 'Set password' }).click();
  await popup.getByText('No accounts yet').waitFor();
  return { context, popup, id };
}

export type { TypedAccount };

export async function addByHand(popup: Page, account: TypedAccount): Promise<void> {
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
