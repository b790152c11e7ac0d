import { describe, expect, it } from 'vitest';
import { formatOtpauthUri, type OtpAccount } from '../../../../shared/index.ts';
import { inVault, otp } from '../../../test-support/transfer-fixtures.ts';
import { findDuplicate } from '../../accounts/list.ts';
import { detectAndParse } from '../../transfer/index.ts';
import { readSources } from './import-sources.ts';
import { duplicateIndexes } from './merge.ts';

// Every path that adds accounts must call the same pair "the same account" (accounts/identity.ts):
// a scan against the vault, a restore or import against the vault, two entries of one file, and
// two files imported together.
const mine = otp(1);
const myHotp = otp(3, { type: 'hotp', counter: 2 });

const cases: [string, OtpAccount, OtpAccount, boolean][] = [
  ['the very same account', mine, { ...mine }, true],
  [
    'that account renamed (same secret, other issuer and name)',
    mine,
    otp(1, { issuer: 'New', account: 'me' }),
    true,
  ],
  ['an HOTP account whose counter moved on', myHotp, { ...myHotp, counter: 9 }, true],
  ['the same secret as HOTP (other codes)', mine, otp(1, { type: 'hotp', issuer: 'X', account: 'y' }), false],
  [
    'the same secret with other digits (other codes)',
    mine,
    otp(1, { issuer: 'X', account: 'y', digits: 8 }),
    false,
  ],
  ['another secret under another label', mine, otp(2), false],
];

async function verdicts(mine: OtpAccount, candidate: OtpAccount) {
  const scan = findDuplicate([inVault(mine)], candidate) !== undefined;
  const restoreOrImport = duplicateIndexes([inVault(mine)], [candidate]).has(0);
  const oneFile =
    detectAndParse(`${formatOtpauthUri(mine)}\n${formatOtpauthUri(candidate)}`).accounts.length === 1;
  const outcome = await readSources([
    { name: 'a.txt', text: formatOtpauthUri(mine) },
    { name: 'b.txt', text: formatOtpauthUri(candidate) },
  ]);
  const twoFiles = outcome.kind === 'plan' && outcome.plan.accounts.length === 1;
  return { scan, restoreOrImport, oneFile, twoFiles };
}

describe('one rule for the same account on every path', () => {
  it.each(cases)(
    'scan, restore, one file and two files agree on %s',
    async (_, existing, candidate, same) => {
      expect(await verdicts(existing, candidate)).toEqual({
        scan: same,
        restoreOrImport: same,
        oneFile: same,
        twoFiles: same,
      });
    },
  );

  it('offers a scan, and only a scan, to replace an account whose issuer and name now come with a new secret', async () => {
    const reEnrolled = otp(2, { issuer: mine.issuer, account: mine.account });
    expect(await verdicts(mine, reEnrolled)).toEqual({
      scan: true,
      restoreOrImport: false,
      oneFile: false,
      twoFiles: false,
    });
  });
});
