import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, CHROMIUM } from '../../../shared/test-support/browsers.ts';
import { buildExtension } from '../../build/targets.ts';
import { BACKUP_TEST_ACCOUNTS, VAULT_PASSWORD } from '../../test-support/backup-accounts.ts';
import {
  addByHand,
  codesOf,
  extensionId,
  freshInstall,
  launch,
  popupUrl,
} from '../../test-support/chromium-extension.ts';
import { readableWithoutKey } from '../../test-support/readable-without-key.ts';
import {
  carrySyncArea,
  changeAndSync,
  forgetThisInstall,
  openSyncSettings,
  readSyncArea,
  syncAreaWrittenSince,
  syncStatus,
  tooManyToSync,
} from '../../test-support/sync-profiles.ts';

// Two Chromium profiles stand for two computers signed into one browser account. Chromium offers
// no sync server here (--disable-sync), so the test carries the synced items between the profiles
// itself: it reads the real storage.sync in one profile's extension page and sets the items in the
// other's (test-support/sync-profiles.ts), as the browser's sync would deliver them.

const [EXAMPLE, BANK] = BACKUP_TEST_ACCOUNTS;
const SHOP = { ...EXAMPLE, secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', issuer: 'Shop', account: 'ana-shop' };
const MAIL = { ...BANK, secret: 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK', issuer: 'Mail', account: 'ana-mail' };
const names = async (popup: Page) => (await codesOf(popup)).map((row) => row.split('|')[1]).sort();

async function turnSyncOn(popup: Page): Promise<void> {
  await openSyncSettings(popup);
  await popup.getByLabel('Sync accounts through this browser’s account (sealed with your vault key)').check();
  await syncStatus(popup).getByText('Sync is on').waitFor();
  await popup.getByRole('button', { name: 'Done' }).click();
}

/** After a copy, the receiving profile has merged once its list shows exactly these accounts. */
async function showsExactly(popup: Page, expected: string[]): Promise<void> {
  await expect.poll(() => names(popup), { timeout: 60_000 }).toEqual([...expected].sort());
}

describe.skipIf(!browserAvailable(CHROMIUM))('sync through storage.sync in Chromium', () => {
  let extensionDir: string;
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    extensionDir = await buildExtension('chrome', true);
    for (const name of ['first', 'second'])
      profiles.push(await mkdtemp(join(tmpdir(), `authenticator-sync-${name}-`)));
  });

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    for (const profile of profiles) await rm(profile, { recursive: true, force: true });
  });

  it('two profiles edit at once, one deletes, the other reinstalls: nothing lost, nothing brought back, the quota reported', async () => {
    const first = await freshInstall(extensionDir, profiles[0] as string);
    contexts.push(first.context);
    for (const account of [EXAMPLE, BANK]) await addByHand(first.popup, account);
    await turnSyncOn(first.popup);
    const synced = await readSyncArea(first.popup);
    expect(Object.keys(synced)).toContain('sync-manifest');
    expect(readableWithoutKey(synced, [EXAMPLE.secret, BANK.secret, EXAMPLE.account, BANK.account])).toEqual(
      [],
    );

    // The second computer: a new profile whose sync area receives the first one's items.
    const context = await launch(extensionDir, profiles[1] as string);
    contexts.push(context);
    const id = await extensionId(context);
    const second = await context.newPage();
    await second.goto(popupUrl(id));
    await carrySyncArea(first.popup, second);
    await second
      .getByRole('button', { name: 'Bring back accounts synced with this browser’s account…' })
      .click();
    await second.getByText('synced through this browser’s account were found').waitFor();
    await second.getByLabel('Password', { exact: true }).fill('not the vault password');
    await second.getByRole('button', { name: 'Unlock' }).click();
    await second.getByText('Wrong password').waitFor();
    await second.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
    await second.getByRole('button', { name: 'Unlock' }).click();
    await showsExactly(second, [EXAMPLE.account, BANK.account]);

    // Both edit before either hears of the other: the first adds Shop, the second adds Mail and
    // deletes Bank.
    await changeAndSync(first.popup, () => addByHand(first.popup, SHOP));
    await changeAndSync(second, () => addByHand(second, MAIL));
    await changeAndSync(second, async () => {
      await second.getByRole('button', { name: `Edit ${BANK.issuer} (${BANK.account})` }).click();
      await second.getByRole('button', { name: 'Delete…' }).click();
      await second.getByRole('button', { name: 'Delete for good' }).click();
    });
    await showsExactly(second, [EXAMPLE.account, MAIL.account]);

    const merged = [EXAMPLE.account, SHOP.account, MAIL.account];
    const carried = await carrySyncArea(first.popup, second);
    await showsExactly(second, merged);
    await syncAreaWrittenSince(second, carried);
    await carrySyncArea(second, first.popup);
    await showsExactly(first.popup, merged);

    // The first computer reinstalls the extension: its storage.local is gone, sync still holds the
    // sealed accounts, and the vault password brings them back without the deleted one.
    await forgetThisInstall(first.popup);
    await first.popup.reload();
    await first.popup
      .getByRole('button', { name: 'Bring back accounts synced with this browser’s account…' })
      .click();
    await first.popup.getByText('synced through this browser’s account were found').waitFor();
    await first.popup.getByLabel('Password', { exact: true }).fill(VAULT_PASSWORD);
    await first.popup.getByRole('button', { name: 'Unlock' }).click();
    await showsExactly(first.popup, merged);
    expect(await names(first.popup)).not.toContain(BANK.account);

    // The second computer imports far more than storage.sync holds: sync pauses with the size, the
    // accounts stay on that computer, and the synced copy is left as it was.
    const before = JSON.stringify(await readSyncArea(second));
    const transfer = await context.newPage();
    await transfer.goto(`chrome-extension://${id}/extension/transfer.html#import`);
    await transfer.getByLabel('Or paste the exported text').fill(tooManyToSync());
    await transfer.getByRole('button', { name: 'Preview import' }).click();
    await transfer.getByRole('heading', { name: '200 accounts found' }).waitFor();
    await transfer.getByRole('button', { name: 'Import 200 accounts' }).click();
    await expect.poll(async () => (await codesOf(second)).length, { timeout: 60_000 }).toBe(203);
    await openSyncSettings(second);
    await syncStatus(second)
      .getByText(/^Sync is paused: your accounts need \d{3} KB, the browser allows 100 KB\./)
      .waitFor({ timeout: 60_000 });
    expect(JSON.stringify(await readSyncArea(second))).toBe(before);
  });
});
