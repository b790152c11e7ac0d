import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base32Decode, totp } from '../../shared/index.ts';
import { BACKUP_TEST_ACCOUNTS } from './backup-accounts.ts';

/** The account the fill tests add by hand and fill with, and its label in the popup. */
export const FILL_ACCOUNT = BACKUP_TEST_ACCOUNTS[0];
export const FILL_LABEL = `${FILL_ACCOUNT.issuer} (${FILL_ACCOUNT.account})`;

/** The codes of FILL_ACCOUNT in the steps around now: a fill just before a step ends is still right. */
export function fillCodesNow(): string[] {
  const secret = base32Decode(FILL_ACCOUNT.secret);
  const now = Date.now();
  return [now - 30_000, now, now + 30_000].map((time) => totp({ secret, time }));
}

/** Where the fill tests save their screenshots: docs/screenshots/ with UPDATE_SCREENSHOTS=1, else a temp folder. */
export function fillScreenshot(name: string): `${string}.png` {
  const folder = process.env.UPDATE_SCREENSHOTS
    ? fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
    : join(tmpdir(), 'fill-screenshots');
  mkdirSync(folder, { recursive: true });
  return join(folder, `${name}.png`) as `${string}.png`;
}
