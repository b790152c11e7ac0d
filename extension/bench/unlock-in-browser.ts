/**
 * Unlock as a user meets it in each browser: the extension's own popup (test build), a vault the
 * popup created at today's parameters (Argon2id, 64 MiB, 3 passes), timed from the Unlock click to the
 * unlocked list on screen, then "Lock now" and again. Target (issue 14): ≤ 1 s.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Harness } from '../../shared/bench/harness.ts';
import { CHROMIUM, FIREFOX } from '../../shared/test-support/browsers.ts';
import { buildExtension } from '../build/targets.ts';
import { extensionId, launch, popupUrl } from '../test-support/chromium-extension.ts';
import { findExtensionPage, launchFirefox } from '../test-support/firefox-extension.ts';

const PASSWORD = 'correct horse battery';
const RUNS = 7;

/** What the page runs, as plain text (tsx would wrap compiled functions in helpers the page lacks). */
const SET_UP = `new Promise((resolve) => {
  const fill = (name, value) => {
    const input = document.querySelector('input[name="' + name + '"]');
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  fill('password', ${JSON.stringify(PASSWORD)});
  fill('confirm', ${JSON.stringify(PASSWORD)});
  document.querySelector('form button[type="submit"]').click();
  const done = () => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Lock now');
  const timer = setInterval(() => { if (done()) { clearInterval(timer); resolve(true); } }, 20);
})`;

const LOCK = `new Promise((resolve) => {
  [...document.querySelectorAll('button')].find((b) => b.textContent === 'Lock now').click();
  const timer = setInterval(() => {
    if (document.querySelector('form[aria-label="Unlock"] input[name="password"]')) { clearInterval(timer); resolve(true); }
  }, 20);
})`;

/** Milliseconds from the Unlock click to the unlocked toolbar on screen. */
const UNLOCK_TIMED = `new Promise((resolve) => {
  const form = document.querySelector('form[aria-label="Unlock"]');
  form.querySelector('input[name="password"]').value = ${JSON.stringify(PASSWORD)};
  const start = performance.now();
  const done = () => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Lock now');
  new MutationObserver((_, observer) => {
    if (done()) { observer.disconnect(); resolve(performance.now() - start); }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  form.querySelector('button[type="submit"]').click();
})`;

interface Driver {
  evaluate<T>(script: string): Promise<T>;
}

async function timeUnlocks(page: Driver): Promise<number[]> {
  await page.evaluate(SET_UP);
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.evaluate(LOCK);
    times.push(await page.evaluate<number>(UNLOCK_TIMED));
  }
  return times;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `median ${median.toFixed(0)} ms, min ${(sorted[0] ?? 0).toFixed(0)}, max ${(sorted.at(-1) ?? 0).toFixed(0)} (${times.length} unlocks)`;
}

async function inChromium(extensionDir: string): Promise<number[]> {
  const profile = await mkdtemp(join(tmpdir(), 'authenticator-bench-'));
  const context = await launch(extensionDir, profile);
  try {
    const page = await context.newPage();
    await page.goto(popupUrl(await extensionId(context)));
    await page.locator('input[name="confirm"]').waitFor();
    return await timeUnlocks({ evaluate: (script) => page.evaluate(script) });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function inFirefox(extensionDir: string): Promise<number[]> {
  const profile = await mkdtemp(join(tmpdir(), 'authenticator-bench-'));
  const browser = await launchFirefox(extensionDir, profile);
  try {
    const page = await findExtensionPage(browser, 'popup.html');
    await page.waitForSelector('input[name="confirm"]');
    return await timeUnlocks({ evaluate: <T>(script: string) => page.evaluate(script) as Promise<T> });
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}

export async function unlockInBrowsers(harness: Harness): Promise<void> {
  const runs: [string, string, () => Promise<number[]>][] = [
    ['Chromium', CHROMIUM, async () => inChromium(await buildExtension('chrome', true))],
    ['Firefox ESR', FIREFOX, async () => inFirefox(await buildExtension('firefox', true))],
  ];
  for (const [name, binary, run] of runs) {
    if (!existsSync(binary)) {
      harness.note(`unlock in ${name}: skipped, ${binary} is not installed`);
      continue;
    }
    harness.note(
      `unlock in ${name}'s popup, Argon2id 64 MiB, 3 passes (target ≤ 1 s): ${summary(await run())}`,
    );
  }
}
