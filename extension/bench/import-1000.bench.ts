/**
 * Import and restore of 1,000 accounts, as a user waits for them: reading the file (the password
 * step included, at each format's own cost), then merging into a vault that already holds them
 * all. The own backup uses the default Argon2id (64 MiB, 3 passes); Aegis its scrypt N=2^15 slot;
 * a plain 2FAS file has no password step.
 * Work after the password step is measured apart, since that is what grows with the account count.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { Harness } from '../../shared/bench/harness.ts';
import type { OtpAccount } from '../../shared/index.ts';
import { withId } from '../src/accounts/account.ts';
import { mergeIncoming } from '../src/pages/transfer/merge.ts';
import { parseAegisDatabase } from '../src/transfer/formats/aegis.ts';
import { decryptAegis } from '../src/transfer/formats/aegis-encrypted.ts';
import {
  aegisEncryptedExport,
  createBackup,
  detectAndParse,
  detectAndParseWithPassword,
  readBackup,
  twoFasExport,
} from '../src/transfer/index.ts';

const random = (n: number) => new Uint8Array(nodeRandomBytes(n));
const ACCOUNTS = 1_000;
const PASSWORD = 'correct horse battery staple';

const accounts: OtpAccount[] = Array.from({ length: ACCOUNTS }, (_, i) => ({
  type: i % 10 === 0 ? 'hotp' : i % 25 === 1 ? 'steam' : 'totp',
  secret: random(20),
  issuer: `Service ${i}`,
  account: `user${i}@example.com`,
  algorithm: 'SHA1',
  digits: i % 25 === 1 ? 5 : 6,
  period: 30,
  counter: i % 10 === 0 ? i : 0,
}));

let sink = 0;
const keep = (value: { length: number }) => {
  sink += value.length;
};

export default async function (harness: Harness): Promise<void> {
  const now = new Date();
  const vault = accounts.map((account) => ({ ...withId(account, random), addedAt: 1 }));
  const backup = (await createBackup(accounts, PASSWORD, { now, randomBytes: random })).text;
  const aegis = (await aegisEncryptedExport(accounts, PASSWORD, { now, randomBytes: random })).text;
  const twoFas = twoFasExport(accounts, { now }).text;
  harness.note(`files: own backup ${backup.length} B, Aegis ${aegis.length} B, 2FAS ${twoFas.length} B`);

  const checks = [
    (await readBackup(backup, PASSWORD)).accounts.length,
    (await detectAndParseWithPassword(aegis, PASSWORD)).accounts.length,
    detectAndParse(twoFas).accounts.length,
  ];
  if (checks.some((count) => count !== ACCOUNTS))
    throw new Error(`expected ${ACCOUNTS} accounts each, got ${checks}`);

  await harness.compare({
    title: `restore or import ${ACCOUNTS} accounts, password step included, merged into a full vault`,
    cases: {
      'own backup (Argon2id 64 MiB)': async () =>
        keep(mergeIncoming(vault, (await readBackup(backup, PASSWORD)).accounts, 'replace', random)),
      'Aegis encrypted (scrypt N=2^15)': async () =>
        keep(
          mergeIncoming(
            vault,
            (await detectAndParseWithPassword(aegis, PASSWORD)).accounts,
            'replace',
            random,
          ),
        ),
      '2FAS plain': () => keep(mergeIncoming(vault, detectAndParse(twoFas).accounts, 'replace', random)),
    },
  });

  const aegisDb = await decryptAegis(JSON.parse(aegis), PASSWORD);
  await harness.compare({
    title: `after the password step: parse and merge ${ACCOUNTS} accounts`,
    cases: {
      'Aegis entries': () =>
        keep(mergeIncoming(vault, parseAegisDatabase(aegisDb, 'aegis').accounts, 'replace', random)),
      '2FAS services': () => keep(mergeIncoming(vault, detectAndParse(twoFas).accounts, 'replace', random)),
    },
  });
  if (sink === 0.5) harness.note('unreachable; keeps results alive');
}
