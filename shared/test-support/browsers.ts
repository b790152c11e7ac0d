import { existsSync } from 'node:fs';

// The browsers that the extension and verifier page tests drive, shared by both.

export const CHROMIUM = '/usr/bin/chromium';
export const FIREFOX = '/usr/bin/firefox-esr';

/** Headless Chromium switches for a machine with no sandbox, no GPU and no outside network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Browser tests run when the browser is installed. Without it they are skipped with a visible notice,
 * except under CI, where a missing browser is a failure.
 */
export function browserAvailable(path: string): boolean {
  if (existsSync(path)) return true;
  if (process.env.CI) throw new Error(`${path} is missing; CI must install it (see .ci/run).`);
  console.warn(`NOTICE: ${path} is not installed; skipping its browser tests.`);
  return false;
}
