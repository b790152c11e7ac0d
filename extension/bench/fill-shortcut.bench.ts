/**
 * Time from the fill shortcut to the filled field, through the real shortcut in Chromium's published
 * build: the key goes to the browser as a key press does (test-support/chromium-shortcut.ts), the
 * browser runs the `fill-code` command with activeTab, and the clock stops when the form's own input
 * handler has seen the whole code. Both instants are read on the page's clock: just before the key
 * is sent, and when the page's own handler shows the whole code. Firefox ESR is not measured: no
 * automation reached its extension shortcuts.
 */
import { existsSync } from 'node:fs';
import type { Harness } from '../../shared/bench/harness.ts';
import { CHROMIUM } from '../../shared/test-support/browsers.ts';
import { buildExtension } from '../build/targets.ts';
import { BACKUP_TEST_ACCOUNTS, VAULT_PASSWORD } from '../test-support/backup-accounts.ts';
import { pressShortcut } from '../test-support/chromium-shortcut.ts';
import { FILL_LABEL } from '../test-support/fill-codes.ts';
import { addByHandInFirefox as addByHand } from '../test-support/firefox-extension.ts';
import { clickText, clickToolbarButton, launchPublished } from '../test-support/published-chromium.ts';
import { type FormKind, startSignInPages } from '../test-support/sign-in-pages.ts';

const RUNS = 15;
const KINDS: FormKind[] = ['one-time-code', 'six-boxes'];

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `median ${median.toFixed(0)} ms, min ${(sorted[0] ?? 0).toFixed(0)}, max ${(sorted.at(-1) ?? 0).toFixed(0)} (${times.length} fills)`;
}

export default async function fillShortcutBench(harness: Harness): Promise<void> {
  if (!existsSync(CHROMIUM)) return harness.note(`fill shortcut: skipped, ${CHROMIUM} is not installed`);
  const pages = await startSignInPages();
  const { browser, extension } = await launchPublished(await buildExtension('chrome'));
  try {
    const page = await browser.newPage();
    await page.goto(pages.url('one-time-code'));
    const popup = await clickToolbarButton(browser, page, extension);
    await popup.locator('input[name="password"]').fill(VAULT_PASSWORD);
    await popup.locator('input[name="confirm"]').fill(VAULT_PASSWORD);
    await clickText(popup, 'Set password');
    await addByHand(popup, BACKUP_TEST_ACCOUNTS[0]);
    const closed = new Promise((resolve) => popup.once('close', resolve));
    await popup.locator(`button[aria-label="Fill code for ${FILL_LABEL}"]`).click();
    await closed;
    for (const kind of KINDS) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        await page.goto(pages.url(kind));
        await page.evaluate(() => {
          const marks = { pressed: 0, filled: 0 };
          Object.assign(globalThis, { fillMarks: marks });
          const heard = document.getElementById('heard');
          new MutationObserver(() => {
            if (/^\d{6}/.test(heard?.textContent ?? '') && !marks.filled) marks.filled = performance.now();
          }).observe(heard as Node, { childList: true, characterData: true, subtree: true });
        });
        // The clock starts just before the key is sent (a keydown listener would also hear the keys the
        // fill itself types), so the figure includes sending the key.
        await page.evaluate(() => {
          (globalThis as unknown as { fillMarks: { pressed: number } }).fillMarks.pressed = performance.now();
        });
        await pressShortcut(page, 'Alt+Shift+F');
        const handle = await page.waitForFunction(() => {
          const marks = (globalThis as unknown as { fillMarks: { pressed: number; filled: number } })
            .fillMarks;
          return marks.filled > 0 && marks.filled - marks.pressed;
        });
        times.push((await handle.jsonValue()) as number);
      }
      harness.note(`fill shortcut → filled field, Chromium published build, ${kind}: ${summary(times)}`);
    }
  } finally {
    await browser.close();
    await pages.close();
  }
}
