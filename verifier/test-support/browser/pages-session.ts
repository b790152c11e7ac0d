import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium, seriousAccessibilityProblems } from './chromium.ts';
import { buildPages, type RunningVerifier, startVerifier } from './verifier.ts';

// Screenshots are always taken; they replace the documented ones only on request, so an ordinary
// test run leaves the working tree as it was.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url))
  : join(tmpdir(), 'verifier-web-screenshots/');

/**
 * One browser story against the real pages: freshly built pages, a real verifier on a temporary
 * SQLite file whose first admin has `firstAdminPassword`, and one desktop page in Chromium.
 */
export interface PagesSession {
  verifier: RunningVerifier;
  browser: Browser;
  page: Page;
  /** Content-Security-Policy complaints the page printed to its console. */
  cspViolations: string[];
  url(path: string): string;
  heading(name: string): Locator;
  /** Clicks a tab of the admin console's navigation. */
  nav(name: string): Promise<void>;
  shoot(name: string, on?: Page): Promise<void>;
  /** Fails on any serious or critical axe-core violation of the page as it is now. */
  expectAccessible(where: string, on?: Page): Promise<void>;
  signIn(username: string, password: string, on?: Page): Promise<void>;
  signOut(): Promise<void>;
  /** The first sign-in of the admin, who must choose a new password before anything else. */
  changeFirstAdminPassword(first: string, chosen: string): Promise<void>;
  /** A 360 px wide page with a dark system theme, in a context of its own. */
  openPhone(): Promise<Page>;
  close(): Promise<void>;
}

export async function openPagesSession(
  firstAdminPassword: string,
  options: { clipboard?: boolean; env?: Record<string, string> } = {},
): Promise<PagesSession> {
  const webRoot = await buildPages();
  await mkdir(SCREENSHOTS, { recursive: true });
  const verifier = await startVerifier(firstAdminPassword, webRoot, options.env);
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1200, height: 800 }, colorScheme: 'light' });
  if (options.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  const url = (path: string) => verifier.url + path;
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });

  const session: PagesSession = {
    verifier,
    browser,
    page,
    cspViolations,
    url,
    heading,
    nav: (name) =>
      page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name }).click(),
    async shoot(name, on = page) {
      await on.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
    },
    async expectAccessible(where, on = page) {
      expect(await seriousAccessibilityProblems(on), `axe-core on ${where}`).toEqual([]);
    },
    async signIn(username, password, on = page) {
      await on.goto(url('/sign-in'));
      await on.getByLabel('Username').fill(username);
      await on.getByLabel('Password').fill(password);
      await on.getByRole('button', { name: 'Sign in' }).click();
    },
    async signOut() {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await heading('Sign in').waitFor();
    },
    async changeFirstAdminPassword(first, chosen) {
      await session.signIn('admin', first);
      await heading('Choose a new password').waitFor();
      await session.expectAccessible('the change-password page');
      await page.getByLabel('Current password').fill(first);
      await page.getByLabel('New password', { exact: true }).fill(chosen);
      await page.getByLabel('New password again').fill(chosen);
      await page.getByRole('button', { name: 'Change password' }).click();
      await heading('Welcome, Administrator').waitFor();
    },
    async openPhone() {
      const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
      return phone.newPage();
    },
    async close() {
      await browser.close();
      await verifier.close();
      await rm(webRoot, { recursive: true, force: true });
    },
  };
  return session;
}

/** How far the page is wider than the window (0 or less: no sideways scrolling). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Opens a session before the file's tests and closes it after them. What it returns reads through
 * to that session, so a file can name it once at the top and use it in every test.
 */
export function usePagesSession(
  firstAdminPassword: string,
  options: { clipboard?: boolean; env?: Record<string, string> } = {},
): PagesSession {
  let session: PagesSession | undefined;
  beforeAll(async () => {
    session = await openPagesSession(firstAdminPassword, options);
  });
  afterAll(async () => {
    await session?.close();
  });
  return new Proxy({} as PagesSession, {
    get(_target, name) {
      if (!session) throw new Error('The pages session opens in beforeAll: use it inside a test or hook.');
      return session[name as keyof PagesSession];
    },
  });
}
