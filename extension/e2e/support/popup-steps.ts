import { sleep, type Tab, waitUntil } from './scenario-tab.ts';

/** One row of the popup's account list as the user reads it. */
export interface ShownAccount {
  id: string;
  issuer: string;
  name: string;
  code: string;
}

/** The popup page of the test build, open in a tab of its own (what the toolbar popup shows). */
export class Popup {
  constructor(readonly tab: Tab) {}

  async setPassword(password: string): Promise<void> {
    await this.tab.driver.bringToFront();
    await this.tab.fill('Password', password);
    await this.tab.fill('Confirm password', password);
    await this.tab.click('button', 'Set password');
    await this.tab.waitForText('No accounts yet');
  }

  async accounts(): Promise<ShownAccount[]> {
    return this.tab.driver.evaluate(
      () =>
        [...document.querySelectorAll('li.account')].map((row) => ({
          id: row.getAttribute('data-account-id') ?? '',
          issuer: row.querySelector('.issuer')?.textContent ?? '',
          name: row.querySelector('.name')?.textContent ?? '',
          code: (row.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\s/g, ''),
        })),
      undefined,
    );
  }

  async account(id: string): Promise<ShownAccount> {
    const found = (await this.accounts()).find((account) => account.id === id);
    if (!found) throw new Error(`The popup no longer lists account ${id}.`);
    return found;
  }

  /** Waits until the list holds `count` accounts and returns them. */
  async waitForAccounts(count: number): Promise<ShownAccount[]> {
    return waitUntil(`${count} account(s) in the popup`, async () => {
      const shown = await this.accounts();
      return shown.length === count && shown.every((account) => /^\d{6}$/.test(account.code)) && shown;
    });
  }

  /** Waits until the account shows a code other than `used`: the next time step has begun. */
  async waitForNextCode(id: string, used: string): Promise<string> {
    return waitUntil(
      'the next code in the popup',
      async () => {
        const { code } = await this.account(id);
        return code !== used && code;
      },
      35_000,
    );
  }

  /** Clicks the account's code, as the user does to copy it; the popup confirms with "Copied". */
  async copyCode(id: string): Promise<string> {
    await this.tab.driver.bringToFront();
    // Far enough from a step boundary that the copied code is still the one shown when it is pasted.
    const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
    if (secondsLeft < 4) await sleep(secondsLeft * 1000 + 300);
    const { code } = await this.account(id);
    const row = `li[data-account-id="${id}"]`;
    await this.tab.driver.click(`${row} .code-button`);
    await waitUntil('"Copied" on the account', async () => (await this.tab.count(`${row} .copied`)) === 1);
    return code;
  }

  /** Answers the scan result with one of its buttons (Add, Replace, Keep both, Cancel). */
  async answerScan(choice: 'Add' | 'Replace' | 'Keep both' | 'Cancel'): Promise<void> {
    await this.tab.clickBehind(choice);
    await waitUntil('the scan result to close', async () => (await this.tab.count('.scan-result')) === 0);
  }

  async screenshot(path: string): Promise<void> {
    await this.tab.driver.screenshot(path, 'body');
  }
}
