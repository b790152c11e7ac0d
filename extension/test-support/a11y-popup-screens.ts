import { A11Y_VAULT_PASSWORD, type A11yScreen, type PageDriver } from './a11y-screens.ts';
import { DETAIL_ACCOUNTS } from './popup-details.ts';

// The popup's screens for the accessibility tests, in the order one vault meets them (a11y-screens.ts
// says how the list is walked).

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
