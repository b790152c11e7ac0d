import { sleep, type Tab, waitUntil } from './scenario-tab.ts';

export const ADMIN_NAV = 'nav[aria-label="Administration"]';

/** A verifier's pages in one tab, used the way an admin or a user uses them. */
export class VerifierPages {
  constructor(
    readonly tab: Tab,
    readonly url: string,
  ) {}

  /**
   * Signs in with username and password. When the per-account delay after wrong codes still runs,
   * the page says how long to wait; the user waits that long and tries again.
   */
  async signIn(username: string, password: string): Promise<void> {
    await this.tab.driver.bringToFront();
    await this.tab.driver.goto(`${this.url}/sign-in`);
    for (let attempt = 0; attempt < 3; attempt++) {
      await this.tab.fill('Username', username);
      await this.tab.fill('Password', password);
      await this.tab.click('button', 'Sign in');
      const outcome = await waitUntil('the answer to the sign-in', () =>
        this.tab.driver.evaluate(() => {
          if (location.pathname !== '/sign-in') return 'moved on';
          // biome-ignore lint/performance/useDomNodeTextContent: the test reads the text as shown, without hidden parts
          return /Wait [^,.]*? and try again/.exec(document.body.innerText)?.[0];
        }, undefined),
      );
      if (outcome === 'moved on') return;
      await sleep(toldToWaitMs(outcome) + 500);
    }
    throw new Error(`${username} could not sign in after waiting out the delay.`);
  }

  async signOut(): Promise<void> {
    await this.tab.click('button', 'Sign out');
    await this.tab.waitForHeading('Sign in');
  }

  async openAdmin(section: 'Users' | 'System Settings'): Promise<void> {
    await this.tab.click('link', 'Admin console');
    await this.tab.click('link', section, ADMIN_NAV);
    await this.tab.waitForHeading(section);
  }

  /** The first admin sign-in: the one-time password must be replaced before anything else. */
  async firstAdminSignIn(firstPassword: string, newPassword: string): Promise<void> {
    await this.signIn('admin', firstPassword);
    await this.tab.waitForHeading('Choose a new password');
    await this.tab.fill('Current password', firstPassword);
    await this.tab.fill('New password', newPassword);
    await this.tab.fill('New password again', newPassword);
    await this.tab.click('button', 'Change password');
    await this.tab.waitForHeading('Welcome, Administrator');
  }

  async turnOnTwoFactorSystemWide(organisation: string): Promise<void> {
    await this.openAdmin('System Settings');
    await this.tab.setChecked('2FA enabled', true);
    await this.tab.fill('Organisation name', organisation);
    await this.tab.click('button', 'Save');
    await this.tab.waitForText('Settings saved.');
  }

  async addUserWithTwoFactor(user: UserFields): Promise<void> {
    await this.openAdmin('Users');
    await this.tab.click('link', 'Add user');
    await this.tab.waitForHeading('Add user');
    await this.tab.fill('Username', user.username);
    await this.tab.fill('Display name', user.displayName);
    await this.tab.fill('E-mail', user.email);
    await this.tab.select('Security access group', user.group);
    await this.tab.fill('Password', user.password);
    await this.tab.setChecked('2FA enabled', true);
    await this.tab.click('button', 'Add user');
    await this.tab.waitForHeading('Users');
  }

  /** The user's row in the Users table, as text (its 2FA status is a word in it). */
  async userRow(displayName: string): Promise<string> {
    return waitUntil(`the row of ${displayName}`, () =>
      this.tab.driver.evaluate(
        (name) =>
          [...document.querySelectorAll('tbody tr')]
            .map((row) => (row.textContent ?? '').replace(/\s+/g, ' '))
            .find((text) => text.includes(name)),
        displayName,
      ),
    );
  }

  /** Lost device: on the Edit user page, 2FA enabled off and saved, then on and saved again. */
  async resetLostDevice(displayName: string): Promise<void> {
    await this.openAdmin('Users');
    await this.tab.click('link', displayName);
    await this.tab.waitForHeading('Edit user');
    for (const on of [false, true]) {
      await this.tab.setChecked('2FA enabled', on);
      await this.tab.click('button', 'Save');
      await this.tab.waitForText('Changes saved.');
      await this.tab.waitForText(on ? 'Pending' : 'Disabled');
    }
  }

  /** From the home page's banner through the wizard to the QR code; answers the setup key shown. */
  async openWizardToQrCode(): Promise<string> {
    await this.tab.click('link', 'Set it up now.');
    await this.tab.click('button', 'Get started');
    await this.tab.waitForHeading('Install an authenticator');
    await this.tab.click('button', 'Next');
    await this.tab.waitForHeading('Scan the QR code');
    await this.tab.waitFor('.qr svg path');
    return (await this.tab.text('#setup-key')).replaceAll(' ', '');
  }

  /** Clicks the code field and pastes what the clipboard holds, with the browser's own Ctrl+V. */
  async pasteCode(label: string): Promise<string> {
    await this.tab.driver.bringToFront();
    const field = await this.tab.find('field', label);
    await this.tab.driver.fill(field, '');
    await this.tab.driver.click(field);
    await this.tab.driver.pasteFromClipboard();
    return this.tab.value(label);
  }

  /**
   * Presses Confirm under the code field and answers what the page says next: the message under the
   * field (a refused code clears the field), or "page: <heading>" when the page moved on.
   */
  async confirmCode(label: string): Promise<string> {
    const field = await this.tab.find('field', label);
    await this.tab.click('button', 'Confirm');
    return waitUntil('the answer to the code', () =>
      this.tab.driver.evaluate((selector) => {
        const input = document.querySelector<HTMLInputElement>(selector);
        const busy = [...document.querySelectorAll('button')].some((b) => b.textContent === 'Checking…');
        if (busy || (input && input.value !== '')) return undefined;
        const message = document.querySelector('#code-error, #setup-error')?.textContent?.trim();
        if (message) return message;
        return input ? undefined : `page: ${document.querySelector('h1')?.textContent ?? ''}`;
      }, field),
    );
  }
}

export interface UserFields {
  username: string;
  displayName: string;
  email: string;
  group: string;
  password: string;
}

/** How long a page's "Wait 1 minute 4 seconds, …" tells the user to wait, in milliseconds (0 if it does not). */
export function toldToWaitMs(text: string): number {
  const wait = /Wait (?:(\d+) minutes? ?)?(?:(\d+) seconds?)?/.exec(text);
  return wait ? (Number(wait[1] ?? 0) * 60 + Number(wait[2] ?? 0)) * 1000 : 0;
}
