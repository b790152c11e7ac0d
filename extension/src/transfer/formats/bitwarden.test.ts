import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitwardenCsv, bitwardenJson, csvCell } from '../../../test-support/bitwarden-files.ts';
import { otpauthUri } from '../../../test-support/foreign-files.ts';
import {
  type AppAccount,
  accountedFor,
  countCorrect,
  SAMPLE_ACCOUNTS,
} from '../../../test-support/independent-codes.ts';
import { detectAndParse } from '../detect.ts';
import { CorruptFileError, UnsupportedFileError } from '../errors.ts';

const TOTP_APPS = SAMPLE_ACCOUNTS.filter((app) => app.type !== 'hotp');

describe('Bitwarden export', () => {
  it('imports the authenticator keys of a JSON export with the codes Bitwarden shows', () => {
    const noKey = {
      id: 'n',
      type: 1,
      name: 'Only a password',
      login: { username: 'me', password: 'pw', totp: null },
    };
    const note = { id: 's', type: 2, name: 'A note', secureNote: { type: 0 } };
    const result = detectAndParse(JSON.stringify(bitwardenJson(TOTP_APPS, [noKey, note])));
    expect(result.format).toBe('bitwarden');
    expect(countCorrect(result.accounts, TOTP_APPS)).toBe(TOTP_APPS.length);
    expect(result.entries).toBe(TOTP_APPS.length);
  });

  it('imports the keys of a CSV export, quoted notes and all', () => {
    const result = detectAndParse(bitwardenCsv(TOTP_APPS));
    expect(result.format).toBe('bitwarden-csv');
    expect(countCorrect(result.accounts, TOTP_APPS)).toBe(TOTP_APPS.length);
    expect(result.skipped).toEqual([]);
  });

  it('names the item whose key is not usable', () => {
    const broken = { id: 'b', type: 1, name: 'Broken', login: { username: 'x', totp: 'not base32 !' } };
    const result = detectAndParse(JSON.stringify(bitwardenJson([], [broken])));
    expect(result.skipped).toEqual([{ label: 'Broken (x)', reason: expect.stringMatching(/base32/) }]);
  });

  it('refuses an encrypted export, and a CSV with an unclosed quote, saying why', () => {
    expect(() => detectAndParse(JSON.stringify({ encrypted: true, items: [] }))).toThrow(
      UnsupportedFileError,
    );
    expect(() => detectAndParse(`${bitwardenCsv(TOTP_APPS)}"unclosed`)).toThrow(CorruptFileError);
  });

  it('accounts for every login with a key, in any CSV', () => {
    const row = fc.record({
      name: fc.string(),
      username: fc.string(),
      totp: fc.oneof(
        fc.constantFrom('JBSWY3DPEHPK3PXP', 'steam://JBSWY3DP', otpauthUri(SAMPLE_ACCOUNTS[1] as AppAccount)),
        fc.string(),
      ),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), (rows) => {
        const header =
          'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
        const lines = rows.map((r) =>
          ['', '', 'login', r.name, '', '', '0', '', r.username, '', r.totp].map(csvCell).join(','),
        );
        const result = detectAndParse([header, ...lines].join('\r\n'));
        const withKey = rows.filter((r) => r.totp.trim() !== '').length;
        expect(accountedFor(result)).toBe(result.entries);
        expect(result.entries).toBe(withKey);
      }),
      { numRuns: 200 },
    );
  });
});
