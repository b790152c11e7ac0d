import { describe, expect, it } from 'vitest';
import { entePlainText, enteUri } from '../../../test-support/ente-encrypted-file.ts';
import { countCorrect, SAMPLE_ACCOUNTS } from '../../../test-support/independent-codes.ts';
import { detectAndParse } from '../detect.ts';

describe('Ente Auth export', () => {
  it('imports its plain-text export, codeDisplay parameters and all, with the codes Ente shows', () => {
    const text = entePlainText(SAMPLE_ACCOUNTS.map(enteUri));
    const result = detectAndParse(text);
    expect(result.format).toBe('otpauth');
    expect(countCorrect(result.accounts, SAMPLE_ACCOUNTS)).toBe(SAMPLE_ACCOUNTS.length);
    expect(result.entries).toBe(SAMPLE_ACCOUNTS.length);
  });
});
