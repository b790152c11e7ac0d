import { writeFile } from 'node:fs/promises';
import * as OTPAuth from 'otpauth';
import { BACKUP_TEST_ACCOUNTS } from './backup-accounts.ts';
import { ENTE_SENSITIVE, enteEncrypted, entePlainText } from './ente-encrypted-file.ts';

/**
 * For the browser tests of the Ente import: the accounts the popup tests add by hand, exported by
 * Ente Auth with its 1 GiB, 4-pass limits, and the popup rows the `otpauth` package expects.
 */

export const ENTE_PASSWORD = 'ente export pässword';

/** Writes the encrypted export to `path`, named as Ente names it (a .txt file holding JSON). */
export async function writeEnteExport(path: string): Promise<void> {
  const uris = BACKUP_TEST_ACCOUNTS.map((account) =>
    new OTPAuth.TOTP({
      issuer: account.issuer,
      label: account.account,
      secret: account.secret,
      algorithm: account.algorithm,
      digits: Number(account.digits),
      period: Number(account.period),
    }).toString(),
  );
  const file = await enteEncrypted(ENTE_PASSWORD, entePlainText(uris), ENTE_SENSITIVE);
  await writeFile(path, JSON.stringify(file));
}

/** "Issuer|account|code" for each account at `time`, from the `otpauth` package. */
export function otpauthRows(time: number): string[] {
  return BACKUP_TEST_ACCOUNTS.map((account) => {
    const code = new OTPAuth.TOTP({
      secret: account.secret,
      algorithm: account.algorithm,
      digits: Number(account.digits),
      period: Number(account.period),
    }).generate({ timestamp: time });
    return `${account.issuer}|${account.account}|${code}`;
  });
}
