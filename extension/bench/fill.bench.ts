/**
 * Time from the fill message to the filled field, in each browser's test build: the popup page sends
 * the `fill-code` message (what the Fill button, the shortcut and the context menu all end in) for
 * a tab showing a sign-in form, and the clock stops when the form's own input handler has seen the
 * whole code. The fill script is injected into every frame, asked, and the surest frame filled.
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
import { type FormKind, startSignInPages } from '../test-support/sign-in-pages.ts';

const RUNS = 15;
const CODE = '492039';

/** Runs in the popup page: milliseconds from the message to the page's handler having seen the code. */
const timedFill = (tabUrl: string) => `(async () => {
  const api = globalThis.browser ?? globalThis.chrome;
  const tab = (await api.tabs.query({})).find((t) => (t.url ?? '').startsWith(${JSON.stringify(tabUrl)}));
  const start = performance.now();
  const reply = await api.runtime.sendMessage({ type: 'fill-code', tabId: tab.id, code: ${JSON.stringify(CODE)} });
  const ms = performance.now() - start;
  const frames = await api.scripting.executeScript({
    target: { tabId: tab.id, allFrames: true },
    func: () => document.getElementById('heard')?.textContent ?? '',
  });
  return { ms, ok: reply.ok && frames.some(({ result }) => result.startsWith(${JSON.stringify(CODE)})) };
})()`;

interface Driver {
  evaluate<T>(script: string): Promise<T>;
  reloadForm(): Promise<void>;
}

async function timeFills(driver: Driver, url: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await driver.reloadForm();
    const { ms, ok } = await driver.evaluate<{ ms: number; ok: boolean }>(timedFill(url));
    if (!ok) throw new Error(`the fill on ${url} did not reach the page's handler`);
    times.push(ms);
  }
  return times;
}

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `median ${median.toFixed(0)} ms, min ${(sorted[0] ?? 0).toFixed(0)}, max ${(sorted.at(-1) ?? 0).toFixed(0)} (${times.length} fills)`;
}

const KINDS: FormKind[] = ['one-time-code', 'six-boxes', 'cross-origin-iframe'];

async function inChromium(extensionDir: string, urls: string[]): Promise<number[][]> {
  const profile = await mkdtemp(join(tmpdir(), 'authenticator-bench-'));
  const context = await launch(extensionDir, profile);
  try {
    const popup = await context.newPage();
    await popup.goto(popupUrl(await extensionId(context)));
    const form = await context.newPage();
    const results: number[][] = [];
    for (const url of urls) {
      await form.goto(url);
      results.push(
        await timeFills(
          {
            evaluate: (script) => popup.evaluate(script),
            reloadForm: async () => void (await form.reload()),
          },
          url,
        ),
      );
    }
    return results;
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function inFirefox(extensionDir: string, urls: string[]): Promise<number[][]> {
  const profile = await mkdtemp(join(tmpdir(), 'authenticator-bench-'));
  const browser = await launchFirefox(extensionDir, profile);
  try {
    const popup = await findExtensionPage(browser, 'popup.html');
    const form = await browser.newPage();
    const results: number[][] = [];
    for (const url of urls) {
      await form.goto(url);
      results.push(
        await timeFills(
          {
            evaluate: <T>(script: string) => popup.evaluate(script) as Promise<T>,
            reloadForm: async () => void (await form.reload()),
          },
          url,
        ),
      );
    }
    return results;
  } finally {
    await browser.close();
    await rm(profile, { recursive: true, force: true });
  }
}

export default async function fillBench(harness: Harness): Promise<void> {
  const pages = await startSignInPages();
  const urls = KINDS.map((kind) => pages.url(kind));
  const runs: [string, string, () => Promise<number[][]>][] = [
    ['Chromium', CHROMIUM, async () => inChromium(await buildExtension('chrome', true), urls)],
    ['Firefox ESR', FIREFOX, async () => inFirefox(await buildExtension('firefox', true), urls)],
  ];
  try {
    for (const [name, binary, run] of runs) {
      if (!existsSync(binary)) {
        harness.note(`fill in ${name}: skipped, ${binary} is not installed`);
        continue;
      }
      const results = await run();
      KINDS.forEach((kind, index) => {
        harness.note(`fill message → filled field, ${name}, ${kind}: ${summary(results[index] ?? [])}`);
      });
    }
  } finally {
    await pages.close();
  }
}
