import { type A11yScreen, FILE_PASSWORD } from './a11y-screens.ts';

// The transfer page's screens for the accessibility tests, after the popup's (a11y-screens.ts says
// how the list is walked).

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
