import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { base32Encode } from '../../shared/index.ts';

// Sync between two browser profiles, as the browser tests do it. These browsers offer no sync
// server here, so the tests carry the synced items from one profile to the other themselves: read
// every item of the real storage.sync in an extension page of one profile, and set them with the
// real storage.sync in the other, as the browser's sync delivers another computer's items. The
// extension in the receiving profile sees them through storage.onChanged, as it would from sync.

/** A page of the extension (either browser's API), driven through Playwright's or Puppeteer's `evaluate`. */
export type ExtensionPage = Page | PuppeteerPage;

type PageFunction = (arg: Record<string, unknown>) => unknown;

/** Both libraries' `evaluate(fn, arg)` run the function in the page with one serialisable argument. */
function inPage<R>(page: ExtensionPage, fn: PageFunction, arg: Record<string, unknown> = {}): Promise<R> {
  return (page.evaluate as unknown as (f: PageFunction, a: Record<string, unknown>) => Promise<R>).call(
    page,
    fn,
    arg,
  );
}

type Api = {
  storage: { sync: { get(k: null): Promise<Record<string, unknown>>; set(i: object): Promise<void> } };
};

export function readSyncArea(page: ExtensionPage): Promise<Record<string, unknown>> {
  return inPage(page, () => {
    const api =
      (globalThis as unknown as { browser?: Api; chrome: Api }).browser ??
      (globalThis as unknown as { chrome: Api }).chrome;
    return api.storage.sync.get(null);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SYNC_WAIT_MS = 60_000;

/**
 * Waits until `page`'s sync area has stopped changing for a second: one exchange writes its chunks,
 * then its manifest, then removes the older generation, and a slow machine spreads those out.
 */
export async function syncAreaSettled(page: ExtensionPage): Promise<Record<string, unknown>> {
  const deadline = Date.now() + SYNC_WAIT_MS;
  let last = JSON.stringify(await readSyncArea(page));
  let stableSince = Date.now();
  while (Date.now() - stableSince < 1000) {
    if (Date.now() > deadline) throw new Error('the sync area kept changing for a minute');
    await sleep(200);
    const now = JSON.stringify(await readSyncArea(page));
    if (now !== last) [last, stableSince] = [now, Date.now()];
  }
  return JSON.parse(last) as Record<string, unknown>;
}

/**
 * Makes a change in `page` and waits until the extension has written it to the sync area (every
 * write seals afresh, so the area always changes), as another computer would only then receive it.
 */
export async function changeAndSync(page: ExtensionPage, change: () => Promise<unknown>): Promise<void> {
  const before = await syncAreaSettled(page);
  await change();
  await syncAreaWrittenSince(page, before);
}

/** Waits until `page`'s extension has written its sync area anew since it held `before`. */
export async function syncAreaWrittenSince(
  page: ExtensionPage,
  before: Record<string, unknown>,
): Promise<void> {
  const deadline = Date.now() + SYNC_WAIT_MS;
  while (JSON.stringify(await readSyncArea(page)) === JSON.stringify(before)) {
    if (Date.now() > deadline) throw new Error('nothing new reached the sync area');
    await sleep(200);
  }
  await syncAreaSettled(page);
}

/**
 * Copies every synced item of `from` into `to`'s sync area, once `from` has finished writing;
 * returns the copied items.
 */
export async function carrySyncArea(
  from: ExtensionPage,
  to: ExtensionPage,
): Promise<Record<string, unknown>> {
  const items = await syncAreaSettled(from);
  await inPage(
    to,
    (copied: Record<string, unknown>) => {
      const api =
        (globalThis as unknown as { browser?: Api; chrome: Api }).browser ??
        (globalThis as unknown as { chrome: Api }).chrome;
      return api.storage.sync.set(copied);
    },
    items,
  );
  return items;
}

/** Empties storage.local and storage.session, as removing and installing the extension again does. */
export async function forgetThisInstall(page: ExtensionPage): Promise<void> {
  await inPage(page, async () => {
    type Area = { clear(): Promise<void> };
    const api = ((globalThis as unknown as { browser?: unknown }).browser ??
      (globalThis as unknown as { chrome: unknown }).chrome) as { storage: { local: Area; session: Area } };
    await api.storage.local.clear();
    await api.storage.session.clear();
  });
}

/** otpauth links with long random names: about 130 KB once compressed, more than storage.sync holds. */
export function tooManyToSync(count = 200): string {
  const noise = () => randomBytes(500).toString('hex');
  return Array.from(
    { length: count },
    (_, i) =>
      `otpauth://totp/Filler%20${i}:${noise()}?secret=${base32Encode(randomBytes(20))}&issuer=Filler%20${i}`,
  ).join('\n');
}

export async function openSyncSettings(popup: Page): Promise<void> {
  await popup.getByRole('button', { name: 'Settings' }).click();
  await popup.getByRole('group', { name: 'Sync' }).waitFor();
}

export const syncStatus = (popup: Page) => popup.getByRole('group', { name: 'Sync' }).getByRole('status');
