import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { base32Decode } from '../../shared/index.ts';
import { twoFasEncrypted, twoFasService } from './foreign-files.ts';
import { DETAIL_ACCOUNTS } from './popup-details.ts';
import { backupOf, otp } from './transfer-fixtures.ts';

// Every screen of the popup (a11y-popup-screens.ts) and of the transfer page (a11y-transfer-screens.ts),
// in the order one vault meets them, with the steps that reach each from the one before. The popup's
// list ends locked, a wrong password typed; `unlockPopup` opens it again before the transfer page. The
// Chromium and Firefox accessibility tests walk these lists through their own driver, so both browsers
// visit the same screens in the same way. This module holds what both lists share.

/** What a screen's steps do on a page, whichever automation drives the browser. */
export interface PageDriver {
  evaluate(expression: string): Promise<unknown>;
  /** A real click on the element the CSS selector finds. */
  click(selector: string): Promise<void>;
  /** A real click on the button whose visible text is exactly `text`. */
  clickButton(text: string): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  upload(selector: string, file: string): Promise<void>;
  /** Resolves once the CSS selector finds a visible element. */
  waitFor(selector: string): Promise<void>;
  /** Presses one key on the page's keyboard (`Tab`, `Shift+Tab`). */
  press(key: string): Promise<void>;
}

export interface ScreenPages {
  popup: PageDriver;
  /** The transfer page; open from the first transfer screen on. */
  transfer: PageDriver;
  files: ScreenFiles;
}

export interface A11yScreen {
  page: 'popup' | 'transfer';
  name: string;
  /** Goes from the screen before this one in the list to this one, and waits until it shows. */
  reach(pages: ScreenPages): Promise<void>;
  /** Also walked with the Tab key: every control reached, in order, with a visible focus ring. */
  keyboard?: boolean;
}

export const A11Y_VAULT_PASSWORD = 'correct horse battery';
/** The password of the encrypted 2FAS file the import screens open. */
export const FILE_PASSWORD = 'the file password';

/** The files the transfer screens open, written into `dir`. */
export interface ScreenFiles {
  backup: string;
  encryptedTwoFas: string;
}

export async function writeScreenFiles(dir: string): Promise<ScreenFiles> {
  const [github] = DETAIL_ACCOUNTS;
  // One account of the vault and one new one, so the preview shows both rows and the duplicate choice.
  const inVaultAlready = {
    ...otp(1),
    secret: base32Decode(github.secret),
    issuer: 'GitHub',
    account: 'alice',
  };
  const backup = join(dir, 'authenticator-backup.json');
  await writeFile(backup, await backupOf([inVaultAlready, otp(2)]));
  const services = [
    twoFasService({ type: 'totp', secret: github.secret, issuer: 'GitHub', account: 'alice' }),
    twoFasService({ type: 'totp', secret: 'GEZDGNBVGY3TQOJQ', issuer: 'Mail', account: 'mia' }),
    // Not a base32 key: listed as skipped with its reason.
    twoFasService({ type: 'totp', secret: 'not a key!', issuer: 'Broken', account: 'bob' }),
  ];
  const encryptedTwoFas = join(dir, 'phone.2fas');
  await writeFile(encryptedTwoFas, JSON.stringify(twoFasEncrypted(FILE_PASSWORD, services)));
  return { backup, encryptedTwoFas };
}
/** From the locked popup back to the codes. */
export async function unlockPopup(popup: PageDriver): Promise<void> {
  await popup.fill('input[name="password"]', A11Y_VAULT_PASSWORD);
  await popup.clickButton('Unlock');
  await popup.waitFor('li.account');
}
