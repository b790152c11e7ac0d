import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { base32Decode } from '../../shared/index.ts';
import { twoFasEncrypted, twoFasService } from './foreign-files.ts';
import { DETAIL_ACCOUNTS } from './popup-details.ts';
import { backupOf, otp } from './transfer-fixtures.ts';

// Every screen of the popup and of the transfer page, in the order one vault meets them, with the
// steps that reach each from the one before. The popup's list ends locked, a wrong password typed;
// `unlockPopup` opens it again before the transfer page. The Chromium and Firefox accessibility tests walk this
// one list through their own driver, so both browsers visit the same screens in the same way.

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
const FILE_PASSWORD = 'the file password';

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

/** Adds one account through the popup's Add manually form and waits for its row. */
async function addByHand(popup: PageDriver, account: (typeof DETAIL_ACCOUNTS)[number]): Promise<void> {
  await popup.clickButton('Add manually');
  await popup.fill('input[name="secret"]', account.secret);
  await popup.fill('input[name="issuer"]', account.issuer);
  await popup.fill('input[name="account"]', account.account);
  await popup.click('form button[type="submit"]');
}

export const POPUP_SCREENS: readonly A11yScreen[] = [
  {
    page: 'popup',
    name: 'setup',
    reach: ({ popup }) => popup.waitFor('input[name="confirm"]'),
  },
  {
    page: 'popup',
    name: 'setup: too short a password',
    async reach({ popup }) {
      await popup.fill('input[name="password"]', 'short');
      await popup.fill('input[name="confirm"]', 'short');
      await popup.clickButton('Set password');
      await popup.waitFor('form .error');
    },
  },
  {
    page: 'popup',
    name: 'setup: without a password',
    async reach({ popup }) {
      await popup.clickButton('Continue without a password…');
      await popup.waitFor('section[aria-label="Use without a password"]');
    },
  },
  {
    page: 'popup',
    name: 'codes',
    async reach({ popup }) {
      await popup.clickButton('Back');
      await popup.fill('input[name="password"]', A11Y_VAULT_PASSWORD);
      await popup.fill('input[name="confirm"]', A11Y_VAULT_PASSWORD);
      await popup.clickButton('Set password');
      await popup.waitFor('.empty');
      for (const [index, account] of DETAIL_ACCOUNTS.entries()) {
        await addByHand(popup, account);
        await popup.waitFor(`li.account:nth-child(${index + 1})`);
      }
    },
  },
  {
    page: 'popup',
    name: 'add manually',
    async reach({ popup }) {
      await popup.clickButton('Add manually');
      await popup.waitFor('input[name="secret"]');
    },
  },
  {
    page: 'popup',
    name: 'scan result: already in your list',
    async reach({ popup }) {
      const [github] = DETAIL_ACCOUNTS;
      await popup.fill('input[name="secret"]', github.secret);
      await popup.fill('input[name="issuer"]', github.issuer);
      await popup.fill('input[name="account"]', github.account);
      await popup.click('form button[type="submit"]');
      await popup.waitFor('.scan-result [role="alert"]');
    },
  },
  {
    page: 'popup',
    name: 'edit account',
    async reach({ popup }) {
      // Cancel leaves the prompt for the form it came from, then the form for the list.
      await popup.clickButton('Cancel');
      await popup.waitFor('form.account-form');
      await popup.clickButton('Cancel');
      await popup.click('[aria-label="Edit GitHub (alice)"]');
      await popup.waitFor('fieldset.placement');
    },
  },
  {
    page: 'popup',
    name: 'edit account: confirm delete',
    async reach({ popup }) {
      await popup.clickButton('Delete…');
      await popup.waitFor('[role="alertdialog"]');
    },
  },
  {
    page: 'popup',
    name: 'settings',
    async reach({ popup }) {
      await popup.clickButton('Keep it');
      await popup.clickButton('Cancel');
      await popup.clickButton('Settings');
      await popup.fill('input[name="next"]', 'weak');
      await popup.waitFor('.settings .password-hint.too-short');
    },
  },
  {
    page: 'popup',
    name: 'unlock: wrong password',
    async reach({ popup }) {
      await popup.clickButton('Done');
      await popup.clickButton('Lock now');
      await popup.fill('input[name="password"]', 'not the password');
      await popup.clickButton('Unlock');
      await popup.waitFor('form[aria-label="Unlock"] .error');
    },
  },
];

export const TRANSFER_PAGE_SCREENS: readonly A11yScreen[] = [
  {
    page: 'transfer',
    name: 'back up',
    keyboard: true,
    reach: ({ transfer }) => transfer.waitFor('form[aria-label="Make a backup"]'),
  },
  {
    page: 'transfer',
    name: 'back up: saved',
    keyboard: true,
    async reach({ transfer }) {
      await transfer.fill('input[name="password"]', 'a backup password');
      await transfer.fill('input[name="confirm"]', 'a backup password');
      await transfer.clickButton('Save encrypted backup');
      await transfer.waitFor('[role="status"] a[download]');
    },
  },
  {
    page: 'transfer',
    name: 'restore',
    keyboard: true,
    async reach({ transfer }) {
      await transfer.clickButton('Restore');
      await transfer.waitFor('form[aria-label="Restore"]');
    },
  },
  {
    page: 'transfer',
    name: 'restore: preview',
    async reach({ transfer, files }) {
      await transfer.upload('input[name="file"]', files.backup);
      await transfer.fill('input[name="password"]', 'correct horse battery');
      await transfer.clickButton('Open backup');
      await transfer.waitFor('section.preview fieldset');
    },
  },
  {
    page: 'transfer',
    name: 'import',
    keyboard: true,
    async reach({ transfer }) {
      await transfer.clickButton('Cancel');
      await transfer.clickButton('Import');
      await transfer.waitFor('form[aria-label="Import"] textarea');
    },
  },
  {
    page: 'transfer',
    name: 'import: file password',
    async reach({ transfer, files }) {
      await transfer.upload('form[aria-label="Import"] input[type="file"]', files.encryptedTwoFas);
      await transfer.clickButton('Preview import');
      await transfer.waitFor('form[aria-label="Import password"]');
    },
  },
  {
    page: 'transfer',
    name: 'import: preview',
    async reach({ transfer }) {
      await transfer.fill('input[name="password"]', FILE_PASSWORD);
      await transfer.clickButton('Continue');
      await transfer.waitFor('section.preview ul.skipped');
    },
  },
  {
    page: 'transfer',
    name: 'export',
    async reach({ transfer }) {
      await transfer.clickButton('Cancel');
      await transfer.clickButton('Export');
      await transfer.waitFor('ul.export-accounts');
    },
  },
  {
    page: 'transfer',
    name: 'export: one account, warning',
    async reach({ transfer }) {
      await transfer.click('[aria-label="Show QR code of GitHub (alice)"]');
      await transfer.waitFor('[role="alertdialog"][aria-label="Show the secret key"]');
    },
  },
  {
    page: 'transfer',
    name: 'export: one account, QR code and link',
    keyboard: true,
    async reach({ transfer }) {
      await transfer.clickButton('Show QR code and link');
      await transfer.waitFor('.account-qr textarea');
    },
  },
  {
    page: 'transfer',
    name: 'export: phone, warning',
    async reach({ transfer }) {
      await transfer.clickButton('Hide');
      await transfer.clickButton('Export all to a phone…');
      await transfer.waitFor('[role="alertdialog"][aria-label="Show export QR codes"]');
    },
  },
  {
    page: 'transfer',
    name: 'export: phone QR codes',
    async reach({ transfer }) {
      await transfer.clickButton('Show export QR codes');
      await transfer.waitFor('.phone-export svg.qr');
    },
  },
  {
    page: 'transfer',
    name: 'export: plain text and other apps, unlocked',
    keyboard: true,
    async reach({ transfer }) {
      await transfer.clickButton('Hide QR codes');
      await transfer.click('.plain-export input[type="checkbox"]');
      await transfer.click('.app-export > label.choice input[type="checkbox"]');
      const aegis = 'form[aria-label="Encrypted Aegis vault"]';
      await transfer.fill(`${aegis} label:nth-of-type(1) input`, 'one password');
      await transfer.fill(`${aegis} label:nth-of-type(2) input`, 'another');
      await transfer.waitFor('form[aria-label="Encrypted Aegis vault"] [role="alert"]');
    },
  },
  {
    page: 'transfer',
    name: 'transfer page locked',
    async reach({ popup, transfer }) {
      await popup.clickButton('Lock now');
      await transfer.waitFor('form[aria-label="Unlock"]');
    },
  },
];

/** From the locked popup back to the codes. */
export async function unlockPopup(popup: PageDriver): Promise<void> {
  await popup.fill('input[name="password"]', A11Y_VAULT_PASSWORD);
  await popup.clickButton('Unlock');
  await popup.waitFor('li.account');
}
