import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeOtpToken } from '../../../test-support/foreign-files.ts';
import { accountedFor, countCorrect, SAMPLE_ACCOUNTS } from '../../../test-support/independent-codes.ts';
import { detectAndParse } from '../detect.ts';
import { CorruptFileError } from '../errors.ts';

// FreeOTP+ has TOTP and HOTP tokens only.
const APPS = SAMPLE_ACCOUNTS.filter((app) => app.type !== 'steam');

describe('FreeOTP+ export', () => {
  it('imports its tokens, secrets written as signed bytes, with the codes FreeOTP+ shows', () => {
    const tokens = APPS.map(freeOtpToken);
    const result = detectAndParse(JSON.stringify({ tokenOrder: tokens.map((_, i) => `t${i}`), tokens }));
    expect(result.format).toBe('freeotp-plus');
    expect(countCorrect(result.accounts, APPS)).toBe(APPS.length);
    expect(tokens.some((token) => (token.secret as number[]).some((byte) => byte < 0))).toBe(true);
  });

  it('lists tokens it cannot use with the reason', () => {
    const bad = [
      { ...freeOtpToken(APPS[0] as never), secret: [300] },
      { ...freeOtpToken(APPS[0] as never), type: 'MOTP' },
    ];
    expect(detectAndParse(JSON.stringify({ tokens: bad })).skipped).toEqual([
      { label: 'Example (alice@example.com)', reason: 'Its secret is not a list of bytes.' },
      { label: 'Example (alice@example.com)', reason: expect.stringMatching(/"MOTP" is not supported/) },
    ]);
    expect(() => detectAndParse('{"tokens": [')).toThrow(CorruptFileError);
  });

  it('accounts for every token of any export', () => {
    const token = fc.oneof(
      fc.constantFrom(...APPS.map(freeOtpToken)),
      fc.record({
        type: fc.anything(),
        secret: fc.array(fc.integer({ min: -200, max: 300 })),
        label: fc.anything(),
      }),
      fc.anything(),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (tokens) => {
        const result = detectAndParse(JSON.stringify({ tokens }));
        expect(result.entries).toBe(tokens.length);
        expect(accountedFor(result)).toBe(tokens.length);
      }),
      { numRuns: 200 },
    );
  });
});
